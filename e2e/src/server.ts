import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataTemplate } from './provided.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export const SEED = {
  admin: { username: 'admin', password: 'e2e-admin-Pass1' },
  reviewer: { username: 'reviewer', password: 'e2e-reviewer-Pass1' },
  coordinator: { username: 'coordinator', password: 'e2e-coord-Pass1' },
} as const;

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  /** The demo-data block printed when the data was seeded (the seeded batch's 特征码). */
  seedLog: string;
  /** Everything the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function assertWebBuilt() {
  const dist = path.join(REPO_ROOT, 'apps/web/dist/index.html');
  if (!existsSync(dist))
    throw new Error(`${dist} is missing: run \`npm run build -w apps/web\` first (npm run test:e2e does).`);
}

interface Running {
  baseUrl: string;
  output(): string;
  /** SIGTERM (the server closes the database cleanly), SIGKILL after 10 s; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns `node --import tsx apps/server/src/server.ts` on a free port and waits for /api/health. */
async function spawnServer(dataDir: string, extraEnv: Record<string, string>): Promise<Running> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_ADMIN_PASSWORD: SEED.admin.password,
      SEED_REVIEWER_PASSWORD: SEED.reviewer.password,
      SEED_COORDINATOR_PASSWORD: SEED.coordinator.password,
      DEV_EXPOSE_CAPTCHA: 'true',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const done = await Promise.race([
      exited.then(() => 'exited' as const),
      new Promise((r) => setTimeout(r, 250)).then(() => 'wait' as const),
    ]);
    if (done === 'exited') throw new Error(`server exited during start:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 90 s:\n${log}`);
    }
  }
  return {
    baseUrl,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
  };
}

const seedBlock = (log: string) => /=+ Demo data created[\s\S]*?\n=+\n/.exec(log)?.[0] ?? '';

/**
 * Once per run (vitest globalSetup): the server migrates and seeds a fresh data directory, then stops
 * cleanly so PGlite has written everything. `startServer()` copies it instead of migrating again.
 */
export async function prepareDataTemplate(): Promise<DataTemplate & { root: string }> {
  assertWebBuilt();
  const root = mkdtempSync(path.join(tmpdir(), 'gradphoto-e2e-template-'));
  const dir = path.join(root, 'data');
  const server = await spawnServer(dir, {});
  const code = await server.stop();
  const seedLog = seedBlock(server.output());
  if (code !== 0 || !seedLog) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`the template server did not seed and stop cleanly (exit ${code}):\n${server.output()}`);
  }
  return { root, dir, seedLog };
}

/** The globalSetup's template, when running under vitest with it. */
async function sharedTemplate(): Promise<DataTemplate | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('e2eDataTemplate');
}

/**
 * Starts the real server (`node --import tsx apps/server/src/server.ts`) on a free port with its own
 * DATA_DIR, seeded staff passwords and captcha answers exposed in the outbox. Under vitest the DATA_DIR
 * is a copy of the run's migrated and seeded template; otherwise the server migrates and seeds it.
 * Needs `apps/web/dist` (`npm run build -w apps/web`; the root `test:e2e` script builds it first).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  assertWebBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gradphoto-e2e-'));
  const template = await sharedTemplate();
  if (template) cpSync(template.dir, dataDir, { recursive: true });
  let server: Running;
  try {
    server = await spawnServer(dataDir, extraEnv);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    baseUrl: server.baseUrl,
    dataDir,
    seedLog: template?.seedLog ?? seedBlock(server.output()),
    output: server.output,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
