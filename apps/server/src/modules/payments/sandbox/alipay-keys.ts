import { generateKeyPairSync, randomInt } from 'node:crypto';
import { loadOrCreateKeyFile } from './sandbox-keys.js';

/**
 * Throwaway key material of the local Alipay: the application's key pair (the merchant signs requests
 * with the private key; the sandbox checks them with the public key, which a real merchant uploads to
 * the open platform) and "Alipay's" key pair (the sandbox signs answers and notifications; the merchant
 * checks them with the public key). Made on first use into `<DATA_DIR>/alipay-sandbox.json`.
 */
export interface AlipaySandboxKeys {
  appId: string;
  /** The merchant's partner id (`seller_id`, 2088…). */
  sellerId: string;
  appPrivateKeyPem: string;
  appPublicKeyPem: string;
  alipayPrivateKeyPem: string;
  alipayPublicKeyPem: string;
}

export const ALIPAY_SANDBOX_KEYS_FILE = 'alipay-sandbox.json';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');

function rsaPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export function generateAlipaySandboxKeys(): AlipaySandboxKeys {
  const app = rsaPair();
  const alipay = rsaPair();
  return {
    appId: `902100${digits(10)}`,
    sellerId: `2088${digits(12)}`,
    appPrivateKeyPem: app.privateKey,
    appPublicKeyPem: app.publicKey,
    alipayPrivateKeyPem: alipay.privateKey,
    alipayPublicKeyPem: alipay.publicKey,
  };
}

export const loadOrCreateAlipaySandboxKeys = (dataDir: string): AlipaySandboxKeys => loadOrCreateKeyFile(dataDir, ALIPAY_SANDBOX_KEYS_FILE, generateAlipaySandboxKeys);
