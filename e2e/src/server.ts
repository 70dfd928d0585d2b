import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export const SEED = {
  admin: { username: 'admin', password: 'e2e-admin-Pass1' },
  reviewer: { username: 'reviewer', password: 'e2e-reviewer-Pass1' },
  coordinator: { username: 'coordinator', password: 'e2e-coord-Pass1' },
} as const;

export interface TestServer {
  baseUrl: string;
  dataDir: string;
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

/**
 * Starts the real server (`node --import tsx apps/server/src/server.ts`) on a free port with a fresh
 * DATA_DIR, seeded staff passwords and captcha answers exposed in the outbox. Needs `apps/web/dist`
 * (`npm run build -w apps/web`; the root `test:e2e` script builds it first).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const dist = path.join(REPO_ROOT, 'apps/web/dist/index.html');
  if (!existsSync(dist))
    throw new Error(`${dist} is missing: run \`npm run build -w apps/web\` first (npm run test:e2e does).`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gradphoto-e2e-'));
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], {
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
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
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
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
