import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';
import { JOB_NAMES, JOB_SCHEDULES, type JobName, type JobPayload } from './catalogue.js';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, jobId: string) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** The typed job queue the services use. */
export interface JobQueue {
  send<N extends JobName>(name: N, payload: JobPayload<N>, opts?: { singletonKey?: string; startAfter?: Date }): Promise<string | null>;
}

export interface JobRunner extends JobQueue {
  /** Starts workers for every job in the catalogue (in this process); `concurrency` per job name (default 1). */
  work(handlers: JobHandlers, opts?: { concurrency?: Partial<Record<JobName, number>> }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss on the app's database. On PGlite, pg-boss talks through the same single connection
 * via `executeSql`; on PostgreSQL it does too (the app's pool).
 */
export async function createJobRunner(database: Database, opts: { schedule: boolean }): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: true,
    schedule: opts.schedule,
    migrate: true,
  });
  boss.on('error', (err: unknown) => {
    // pg-boss reports maintenance errors here; they must not crash the process.
    console.error('[jobs]', err);
  });
  await boss.start();
  for (const name of JOB_NAMES) await boss.createQueue(name);
  if (opts.schedule) {
    for (const [name, cron] of Object.entries(JOB_SCHEDULES)) await boss.schedule(name, cron, {});
  }
  const workerIds = new Map<JobName, string[]>();
  return {
    async send(name, payload, sendOpts) {
      const id = await boss.send(name, payload as object, sendOpts ?? {});
      // wake this process's workers at once instead of waiting for their next poll
      if (!sendOpts?.startAfter) for (const workerId of workerIds.get(name) ?? []) boss.notifyWorker(workerId);
      return id;
    },
    async work(handlers, workOpts) {
      for (const name of JOB_NAMES) {
        const handler = handlers[name] as JobHandler<JobName>;
        const ids: string[] = [];
        for (let i = 0; i < (workOpts?.concurrency?.[name] ?? 1); i++) {
          ids.push(
            await boss.work<JobPayload<JobName>>(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
              for (const job of jobs) await handler(job.data, job.id);
            }),
          );
        }
        workerIds.set(name, ids);
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
