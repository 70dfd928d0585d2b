import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { idCheckChar } from '@gradphoto/contracts/id-number';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createContainer, type Container } from '../container.js';
import { createTestDatabase } from '../db/test-db.js';
import { createJobHandlers } from '../jobs/handlers.js';
import { createJobRunner } from '../jobs/queue.js';
import type { ContainerOverrides } from '../container.js';

export interface TestContext {
  container: Container;
  dataDir: string;
  close(): Promise<void>;
}

/** A container on a real, freshly migrated database and a temporary data directory. */
export async function createTestContext(env: Record<string, string> = {}, overrides: ContainerOverrides = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gp-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, COOKIE_SECURE: 'false', DEV_EXPOSE_CAPTCHA: 'true', ...env });
  const database = await createTestDatabase();
  const jobs = await createJobRunner(database, { schedule: false });
  const container = createContainer(config, database, jobs, overrides);
  await jobs.work(createJobHandlers(container));
  return {
    container,
    dataDir,
    async close() {
      await jobs.stop();
      await container.photoEngine.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Messages a dev outbox folder holds, oldest first. */
export function readOutbox<T = Record<string, unknown>>(dir: string): T[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as T);
}

export function lastSmsCode(ctx: TestContext, phone: string): string {
  const sms = readOutbox<{ to: string; params: { code: string } }>(ctx.container.config.sms.outboxDir).filter((s) => s.to === phone);
  const last = sms.at(-1);
  if (!last) throw new Error(`no SMS to ${phone}`);
  return last.params.code;
}

export function lastMailCode(ctx: TestContext, to: string): string {
  const mails = readOutbox<{ to: string; subject: string }>(ctx.container.config.mail.outboxDir).filter((m) => m.to === to);
  const match = mails.at(-1)?.subject.match(/(\d{6})/);
  if (!match) throw new Error(`no mail code to ${to}`);
  return match[1]!;
}

/** A browser-like client for `app.inject()`: keeps cookies and sends the CSRF header. */
export class InjectClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() }, remoteAddress: this.ip });
    this.store(res);
    return res;
  }

  async post(url: string, payload?: unknown, opts: { csrf?: boolean; contentType?: string; method?: 'POST' | 'PUT' | 'DELETE' } = {}) {
    if (opts.csrf !== false && !this.csrf) this.csrf = (await this.get('/api/csrf')).json<{ token: string }>().token;
    const res = await this.app.inject({
      method: opts.method ?? 'POST',
      url,
      payload: payload as object,
      headers: {
        cookie: this.cookieHeader(),
        ...(opts.contentType ? { 'content-type': opts.contentType } : {}),
        ...(opts.csrf !== false && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      remoteAddress: this.ip,
    });
    this.store(res);
    return res;
  }
}

export async function createTestApp(env: Record<string, string> = {}, overrides: ContainerOverrides = {}) {
  const ctx = await createTestContext(env, overrides);
  const app = await buildApp(ctx.container);
  return {
    ...ctx,
    app,
    client: (ip?: string) => new InjectClient(app, ip),
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

/** A valid ID number (check digit computed) from 17 digits, e.g. `33010619990307123`. */
export function makeIdNumber(first17: string): string {
  return first17 + idCheckChar(first17);
}
