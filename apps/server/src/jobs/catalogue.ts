/**
 * Every background job: its name and its payload. Payloads carry ids only; handlers reload rows,
 * so running a job twice is harmless.
 */
export interface JobCatalogue {
  /** Deletes expired sessions, verification codes and captchas. */
  'maintenance.purge-expired': Record<string, never>;
  /** Closes one unpaid order at its deadline (scheduled when the order is created). */
  'orders.close-expired': { orderId: string };
  /** Sweeps for unpaid orders past their deadline whose own job was lost. */
  'orders.sweep-expired': Record<string, never>;
  /** Runs the photo engine on one submission's original. */
  'photos.process': { submissionId: string };
  /** Sends the email that goes with an in-app notification. */
  'notifications.email': { notificationId: string };
  /** console-a: parses, validates and inserts one uploaded roster file. */
  'roster.import': { importId: string };
  /** console-b: renders one print run's PDF of print sheets. */
  'prints.render': { runId: string };
  /** console-b: builds one 学信网 export (ZIP of approved photos + manifest XLSX) into storage. */
  'exports.build': { exportId: string };
  /** console-b: completes shipped orders the student did not confirm within ORDER_AUTO_COMPLETE_DAYS. */
  'orders.auto-complete': Record<string, never>;
  /** privacy: deletes the originals of finished submissions older than ORIGINALS_RETENTION_DAYS. */
  'privacy.sweep-originals': Record<string, never>;
  /** privacy: deletes an erased student's photo files again (when the deletion at erasure time failed). */
  'privacy.erase-files': { studentId: string };
  /**
   * privacy: deletes every stored export ZIP and print-run PDF built before a student's data deletion that
   * holds that student (and rebuilds a print run still to be printed without them). Sent at each erasure;
   * also daily, for anything a run missed.
   */
  'privacy.purge-built-files': Record<string, never>;
}

export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N];

export const JOB_NAMES = [
  'maintenance.purge-expired',
  'orders.close-expired',
  'orders.sweep-expired',
  'photos.process',
  'notifications.email',
  'roster.import',
  'prints.render',
  'exports.build',
  'orders.auto-complete',
  'privacy.sweep-originals',
  'privacy.erase-files',
  'privacy.purge-built-files',
] as const satisfies readonly JobName[];

/** Cron schedules (UTC) for recurring jobs. */
export const JOB_SCHEDULES: Partial<Record<JobName, string>> = {
  'maintenance.purge-expired': '*/15 * * * *',
  'orders.sweep-expired': '* * * * *',
  'orders.auto-complete': '7 * * * *',
  'privacy.sweep-originals': '37 19 * * *', // 03:37 Beijing time, once a day
  'privacy.purge-built-files': '47 19 * * *', // 03:47 Beijing time, once a day
};
