import { z } from 'zod';
import { bi } from './i18n-message.js';
import { Page, PagedMeta } from './console-batches.js';

/** Console: 图像采集码 — issue for roster entries or as blank invitations, list, revoke, print as QR sheets. */

export const IssueCodesRequest = z.union([
  /** Every graduate of the batch without a live code. */
  z.object({ all: z.literal(true) }),
  /** Selected graduates (those that already have a live code are skipped). */
  z.object({ graduateIds: z.array(z.uuid()).min(1).max(5000) }),
]);
export type IssueCodesRequest = z.input<typeof IssueCodesRequest>;

export const IssueBlankCodesRequest = z.object({
  count: z
    .number()
    .int()
    .min(1, { error: bi('至少 1 个', 'At least 1') })
    .max(2000, { error: bi('一次最多 2000 个', 'At most 2000 at a time') }),
});
export type IssueBlankCodesRequest = z.input<typeof IssueBlankCodesRequest>;

export const IssueCodesResponse = z.object({ issued: z.number(), skipped: z.number() });

export const CodeStates = ['active', 'used', 'revoked'] as const;
export const CodeKinds = ['graduate', 'blank'] as const;

export const CodeView = z.object({
  id: z.string(),
  token: z.string(),
  batchId: z.string(),
  kind: z.enum(CodeKinds),
  status: z.enum(CodeStates),
  /** The graduate the code names (blank codes: the one who redeemed it, once used). */
  graduate: z.object({ id: z.string(), name: z.string(), studentNumber: z.string() }).nullable(),
  createdAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type CodeView = z.infer<typeof CodeView>;

export const CodeListQuery = z.object({
  status: z.enum(CodeStates).optional(),
  kind: z.enum(CodeKinds).optional(),
  ...Page,
});
export const CodeListResponse = z.object({ items: z.array(CodeView), ...PagedMeta });
export type CodeListResponse = z.infer<typeof CodeListResponse>;

/** Which codes go on a QR sheet (default: active codes of both kinds). */
export const CodeSheetQuery = z.object({
  kind: z.enum(CodeKinds).optional(),
  /** Only codes issued at or after this time (e.g. the batch just issued). */
  since: z.iso.datetime({ offset: true }).optional(),
});
export type CodeSheetQuery = z.input<typeof CodeSheetQuery>;
