import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';

/** Console: searching the audit log (admin). */

export const AuditQuery = z.object({
  actorType: z.enum(['student', 'staff', 'system']).optional(),
  actorId: z.uuid().optional(),
  /** A staff member's username (`coordinator`, any case), or any actor's id. */
  actor: z.string().trim().max(64).optional(),
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
  /** Staff name and username, when the actor is staff: `名字 (username)`. */
  actorName: z.string().nullable(),
  /** The staff member's username, when the actor is staff (what the `actor` filter takes). */
  actorUsername: z.string().nullable(),
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
