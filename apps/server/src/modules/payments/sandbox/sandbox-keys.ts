import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomNonce } from '../../../adapters/wechatpay/crypto.js';

/**
 * Test key material of the local WeChat Pay sandbox: the merchant's API key pair (the merchant signs
 * with the private key, the sandbox verifies with the public key), the platform's key pair and serial
 * (the sandbox signs answers and notifications, the merchant verifies), and the APIv3 key.
 */
export interface SandboxKeys {
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  platformSerial: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  apiV3Key: string;
}

export const SANDBOX_KEYS_FILE = 'payment-sandbox.json';

function rsaPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey };
}

export function generateSandboxKeys(): SandboxKeys {
  const merchant = rsaPair();
  const platform = rsaPair();
  return {
    mchid: `19${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
    appid: `wx${randomBytes(8).toString('hex')}`,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKeyPem: merchant.privateKey,
    merchantPublicKeyPem: merchant.publicKey,
    platformSerial: `PUB_KEY_ID_SANDBOX${String(randomInt(0, 1_000_000_000)).padStart(10, '0')}`,
    platformPrivateKeyPem: platform.privateKey,
    platformPublicKeyPem: platform.publicKey,
    apiV3Key: randomNonce(32),
  };
}

/** Key material kept in `<dataDir>/<name>`, generated on first use (like the dev secrets), readable by the owner only. */
export function loadOrCreateKeyFile<T>(dataDir: string, name: string, generate: () => T): T {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  mkdirSync(dataDir, { recursive: true });
  const keys = generate();
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

/** Keys kept in `<dataDir>/payment-sandbox.json`. */
export const loadOrCreateSandboxKeys = (dataDir: string): SandboxKeys => loadOrCreateKeyFile(dataDir, SANDBOX_KEYS_FILE, generateSandboxKeys);
