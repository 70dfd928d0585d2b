import { mkdtempSync } from 'node:fs';
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
      provider: 'wechat',
      mp: { appid: 'wx520c15f417810387', secret: 'a1'.repeat(16), oauthBaseUrl: 'https://open.weixin.qq.com', apiBaseUrl: 'http://127.0.0.1:9/wx' },
    });
    // the sandbox brings its own official account
    expect(loadConfig({ DATA_DIR: tmp() }).payment.provider).toBe('sandbox');
  });
});
