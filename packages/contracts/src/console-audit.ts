import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';

/** Console: searching the audit log (admin). */

export const AuditQuery = z.object({
  actorType: z.enum(['student', 'staff', 'system']).optional(),
  actorId: z.uuid().optional(),
  /** Exact action (`batch.create`), or a prefix ending in `*` (`roster.*`). */
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...Page,
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.string(),
  actorType: z.enum(['student', 'staff', 'system']),
  actorId: z.string().nullable(),
  /** Staff username / name, when the actor is staff. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListResponse = z.object({ items: z.array(AuditEntry), ...PagedMeta });
export type AuditListResponse = z.infer<typeof AuditListResponse>;
