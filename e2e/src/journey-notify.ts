import { createCipheriv, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A WeChat Pay v3 payment notification built independently of the server's code (the test's own
 * implementation of the format): the transaction AEAD_AES_256_GCM-encrypted with the APIv3 key, and the
 * body signed with the platform key (SHA256-RSA2048 over "timestamp\nnonce\nbody\n"). The keys are the
 * sandbox's, which the server keeps in `<DATA_DIR>/payment-sandbox.json`.
 */
interface SandboxKeys {
  mchid: string;
  appid: string;
  platformSerial: string;
  platformPrivateKeyPem: string;
  apiV3Key: string;
}

export function readSandboxKeys(dataDir: string): SandboxKeys {
  return JSON.parse(readFileSync(path.join(dataDir, 'payment-sandbox.json'), 'utf8')) as SandboxKeys;
}

const nonce = (n: number) => randomBytes(n).toString('hex').slice(0, n);

/** The JSON body of a TRANSACTION.SUCCESS notification for an order. */
export function paymentNotificationBody(
  keys: SandboxKeys,
  tx: { orderNo: string; transactionId: string; amountCents: number },
): string {
  const resource = {
    appid: keys.appid,
    mchid: keys.mchid,
    out_trade_no: tx.orderNo,
    transaction_id: tx.transactionId,
    trade_type: 'MWEB',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00'),
    payer: { openid: 'o-e2e-replay' },
    amount: { total: tx.amountCents, payer_total: tx.amountCents, currency: 'CNY', payer_currency: 'CNY' },
  };
  const iv = nonce(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key, 'utf8'), Buffer.from(iv, 'utf8'));
  cipher.setAAD(Buffer.from('transaction', 'utf8'));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(resource), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]).toString('base64');
  return JSON.stringify({
    id: `EV-${nonce(16)}`,
    create_time: resource.success_time,
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext,
      associated_data: 'transaction',
      nonce: iv,
    },
  });
}

/** Headers of one delivery: signed now (a replay re-sends the same body, freshly signed, as WeChat does). */
export function notificationHeaders(keys: SandboxKeys, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const n = nonce(32);
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(`${timestamp}\n${n}\n${body}\n`, 'utf8'),
    createPrivateKey(keys.platformPrivateKeyPem),
  ).toString('base64');
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': n,
    'wechatpay-signature': signature,
    'wechatpay-serial': keys.platformSerial,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
}
