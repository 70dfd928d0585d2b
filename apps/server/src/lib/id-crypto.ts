import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** AES-256-GCM encryption of ID numbers at rest, plus an HMAC lookup hash. Layout: iv(12) | tag(16) | data. */
export interface IdCrypto {
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
  lookupHash(normalised: string): string;
}

export function createIdCrypto(keys: { encryptionKey: Buffer; hmacKey: Buffer }): IdCrypto {
  if (keys.encryptionKey.length !== 32) throw new Error('ID encryption key must be 32 bytes');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decrypt(blob) {
      const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(normalised) {
      return createHmac('sha256', keys.hmacKey).update(normalised).digest('hex');
    },
  };
}
