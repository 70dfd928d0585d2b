import { z } from 'zod';

/** Console: the progress dashboard per school and batch. */

export const ProgressCounts = z.object({
  /** Graduates on the roster or known from codes and forms. */
  graduates: z.number(),
  /** Collections added by students. */
  registered: z.number(),
  /** Collections with at least one photo. */
  photographed: z.number(),
  /** Collections whose collection order is paid (student-paid batches). */
  paid: z.number(),
  pendingReview: z.number(),
  approved: z.number(),
  /** Rejected and not yet resubmitted. */
  rejected: z.number(),
  /** Collections with a print order shipped (or delivered). */
  shipped: z.number(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

export const ProgressQuery = z.object({ schoolId: z.uuid().optional(), batchId: z.uuid().optional() });
export type ProgressQuery = z.input<typeof ProgressQuery>;

export const ProgressResponse = z.object({
  totals: ProgressCounts,
  schools: z.array(ProgressCounts.extend({ schoolId: z.string(), schoolName: z.string() })),
  batches: z.array(
    ProgressCounts.extend({
      batchId: z.string(),
      batchName: z.string(),
      schoolId: z.string(),
      schoolName: z.string(),
      payer: z.enum(['student', 'school']),
    }),
  ),
  /** Registrations and approvals per day (UTC+8 dates), the last 30 days, for charts. */
  daily: z.array(z.object({ date: z.string(), registered: z.number(), approved: z.number() })),
});
export type ProgressResponse = z.infer<typeof ProgressResponse>;
