/**
 * Every background job: its name and its payload. Payloads carry ids only; handlers reload rows,
 * so running a job twice is harmless.
 */
export interface JobCatalogue {
  /** Deletes expired sessions, verification codes and captchas. */
  'maintenance.purge-expired': Record<string, never>;
}

export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N];

export const JOB_NAMES = ['maintenance.purge-expired'] as const satisfies readonly JobName[];

/** Cron schedules (UTC) for recurring jobs. */
export const JOB_SCHEDULES: Partial<Record<JobName, string>> = {
  'maintenance.purge-expired': '*/15 * * * *',
};
