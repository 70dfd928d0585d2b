import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in `<DATA_DIR>/db`. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl })
    : openDatabase({ dataDir: path.join(config.dataDir, 'db') });
}

export function loggerOptions(config: Config, pretty: boolean): object {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/** Runs `close` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(close: () => Promise<void>, log: (msg: string) => void): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      log(`${signal} received, shutting down gracefully`);
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
