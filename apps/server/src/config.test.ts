import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gp-config-'));

describe('loadConfig', () => {
  it('runs on embedded defaults and keeps generated secrets across starts', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeUndefined();
    expect(a.secrets.idEncryptionKey.length).toBe(32);
    expect(b.secrets.session).toBe(a.secrets.session);
  });

  it('fails fast listing every bad key', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', MAIL_TRANSPORT: 'pigeon', DATA_DIR: tmp() });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('MAIL_TRANSPORT');
    }
  });

  it('requires real secrets in production and no captcha exposure', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_EXPOSE_CAPTCHA: 'true', DATA_DIR: tmp() })).toThrow(/SESSION_SECRET[\s\S]*DEV_EXPOSE_CAPTCHA/);
  });

  it('with WeChat Pay, requires the official account (JSAPI inside WeChat) and checks its AppID and AppSecret', () => {
    const wechat = {
      DATA_DIR: tmp(),
      PAYMENT_PROVIDER: 'wechat',
      WECHATPAY_MCHID: '1900000001',
      WECHATPAY_APPID: 'wx8888888888888888',
      WECHATPAY_MCH_SERIAL_NO: 'SERIAL',
      WECHATPAY_MCH_PRIVATE_KEY_FILE: '/keys/apiclient_key.pem',
      WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '/keys/pub_key.pem',
      WECHATPAY_APIV3_KEY: 'k'.repeat(32),
    };
    expect(() => loadConfig(wechat)).toThrow(/WECHAT_MP_APPID: required[\s\S]*WECHAT_MP_SECRET: required/);
    expect(() => loadConfig({ ...wechat, WECHAT_MP_APPID: 'gh_123', WECHAT_MP_SECRET: 'short' })).toThrow(/WECHAT_MP_APPID[\s\S]*WECHAT_MP_SECRET/);
    const c = loadConfig({ ...wechat, WECHAT_MP_APPID: 'wx520c15f417810387', WECHAT_MP_SECRET: 'a1'.repeat(16), WECHAT_MP_API_URL: 'http://127.0.0.1:9/wx' });
    expect(c.payment).toMatchObject({
      provider: 'live',
      methods: ['wechat'],
      wechat: { mp: { appid: 'wx520c15f417810387', secret: 'a1'.repeat(16), oauthBaseUrl: 'https://open.weixin.qq.com', apiBaseUrl: 'http://127.0.0.1:9/wx' } },
    });
    expect(c.payment).not.toHaveProperty('alipay');
    // the sandbox brings its own official account
    expect(loadConfig({ DATA_DIR: tmp() }).payment.provider).toBe('sandbox');
  });

  describe('Alipay', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // the key tool's bare base64 (PKCS#8 private key, SPKI public key), and PEM in a file
    const bare = (der: Buffer) => der.toString('base64');
    const alipay = () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'alipay_public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
      return {
        DATA_DIR: dir,
        PAYMENT_PROVIDER: 'alipay',
        ALIPAY_APP_ID: '2021000000000001',
        ALIPAY_PRIVATE_KEY: bare(privateKey.export({ type: 'pkcs8', format: 'der' })),
        ALIPAY_PUBLIC_KEY_FILE: path.join(dir, 'alipay_public.pem'),
      };
    };

    it('takes Alipay alone: the app id and both keys, inline or from a file', () => {
      const c = loadConfig(alipay());
      expect(c.payment).toMatchObject({ provider: 'live', methods: ['alipay'], alipay: { appId: '2021000000000001', gatewayUrl: 'https://openapi.alipay.com/gateway.do' } });
      expect(c.payment).not.toHaveProperty('wechat');
      expect(c.payment.alipayNotifyUrl).toBe('http://localhost:3000/api/payments/alipay/notify');
    });

    it('lists every missing or bad Alipay key, and only when Alipay is enabled', () => {
      expect(() => loadConfig({ DATA_DIR: tmp(), PAYMENT_PROVIDER: 'alipay' })).toThrow(/ALIPAY_APP_ID: required[\s\S]*ALIPAY_PRIVATE_KEY or ALIPAY_PRIVATE_KEY_FILE: required[\s\S]*ALIPAY_PUBLIC_KEY or ALIPAY_PUBLIC_KEY_FILE: required/);
      expect(() => loadConfig({ ...alipay(), ALIPAY_APP_ID: 'abc', ALIPAY_PRIVATE_KEY: 'not a key' })).toThrow(/ALIPAY_APP_ID/);
      expect(() => loadConfig({ ...alipay(), ALIPAY_PRIVATE_KEY: 'bm90IGEga2V5' })).toThrow(/ALIPAY_PRIVATE_KEY: not an RSA private key/);
      expect(() => loadConfig({ ...alipay(), ALIPAY_PUBLIC_KEY_FILE: '/nonexistent/alipay.pem' })).toThrow(/ALIPAY_PUBLIC_KEY_FILE: cannot be read \(ENOENT\)/);
      expect(() => loadConfig({ ...alipay(), NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32), ID_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'), ID_HMAC_KEY: Buffer.alloc(32).toString('base64') })).toThrow(
        /PUBLIC_URL: required for Alipay notifications/,
      );
      // the sandbox (the default) needs none of them
      expect(loadConfig({ DATA_DIR: tmp() }).payment).toMatchObject({ provider: 'sandbox' });
    });

    it('takes both, in the order given, and refuses an unknown provider or a sandbox mixed with real ones', () => {
      const both = { ...alipay(), PAYMENT_PROVIDER: 'alipay, wechat', WECHATPAY_MCHID: '1900000001', WECHATPAY_APPID: 'wx8888888888888888', WECHATPAY_MCH_SERIAL_NO: 'S', WECHATPAY_MCH_PRIVATE_KEY_FILE: '/k.pem', WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '/p.pem', WECHATPAY_APIV3_KEY: 'k'.repeat(32), WECHAT_MP_APPID: 'wx520c15f417810387', WECHAT_MP_SECRET: 'a1'.repeat(16) };
      expect(loadConfig(both).payment).toMatchObject({ provider: 'live', methods: ['alipay', 'wechat'] });
      expect(() => loadConfig({ DATA_DIR: tmp(), PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
      expect(() => loadConfig({ DATA_DIR: tmp(), PAYMENT_PROVIDER: 'sandbox,alipay' })).toThrow(/PAYMENT_PROVIDER/);
    });
  });
});

describe('loadConfig: review claims', () => {
  it('holds a claimed photo 120 s by default, configurable within 15 s – 1 h', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).reviews.claimTtlSeconds).toBe(120);
    expect(loadConfig({ DATA_DIR: tmp(), REVIEW_CLAIM_TTL_SECONDS: '20' }).reviews.claimTtlSeconds).toBe(20);
    expect(() => loadConfig({ DATA_DIR: tmp(), REVIEW_CLAIM_TTL_SECONDS: '5' })).toThrow(/REVIEW_CLAIM_TTL_SECONDS/);
  });
});

describe('loadConfig: file storage', () => {
  const s3 = {
    STORAGE_DRIVER: 's3',
    S3_BUCKET: 'gradphoto-files',
    S3_REGION: 'cn-north-1',
    S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };

  it('keeps files in DATA_DIR/files by default', () => {
    const dir = tmp();
    expect(loadConfig({ DATA_DIR: dir }).storage).toEqual({ driver: 'local', dir: path.join(dir, 'files') });
  });

  it('with STORAGE_DRIVER=s3, reads the bucket, region, credentials and the optional endpoint, path style and prefix', () => {
    expect(loadConfig({ DATA_DIR: tmp(), ...s3 }).storage).toEqual({
      driver: 's3',
      bucket: 'gradphoto-files',
      region: 'cn-north-1',
      endpoint: undefined,
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      forcePathStyle: false,
      prefix: undefined,
    });
    const minio = loadConfig({ DATA_DIR: tmp(), ...s3, S3_ENDPOINT: 'http://minio.internal:9000', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'campus-a/2024' });
    expect(minio.storage).toMatchObject({ driver: 's3', endpoint: 'http://minio.internal:9000', forcePathStyle: true, prefix: 'campus-a/2024' });
  });

  it('with STORAGE_DRIVER=s3, lists every missing or malformed key at once', () => {
    try {
      loadConfig({ DATA_DIR: tmp(), STORAGE_DRIVER: 's3' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'S3_BUCKET: required when STORAGE_DRIVER=s3',
        'S3_REGION: required when STORAGE_DRIVER=s3',
        'S3_ACCESS_KEY_ID: required when STORAGE_DRIVER=s3',
        'S3_SECRET_ACCESS_KEY: required when STORAGE_DRIVER=s3',
      ]);
    }
    try {
      loadConfig({ DATA_DIR: tmp(), STORAGE_DRIVER: 's3', S3_BUCKET: 'Bad_Bucket', S3_REGION: 'cn-north-1', S3_ENDPOINT: 'not a url', S3_PREFIX: '../up', S3_FORCE_PATH_STYLE: 'maybe' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const key of ['S3_BUCKET', 'S3_ENDPOINT', 'S3_PREFIX', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID: required', 'S3_SECRET_ACCESS_KEY: required']) expect(problems).toContain(key);
      expect(problems).not.toContain('S3_REGION');
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
  });

  it('ignores the S3 keys with the local driver', () => {
    expect(loadConfig({ DATA_DIR: tmp(), S3_BUCKET: 'gradphoto-files' }).storage.driver).toBe('local');
  });
});
