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
});
