import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';

/** Console: roster import (CSV/XLSX), the roster list and export, and revealing a full ID number. */

/** The columns a roster may carry. `name` and `idNumber` are required. */
export const RosterFields = [
  'name',
  'studentNumber',
  'idNumber',
  'gender',
  'department',
  'major',
  'educationLevel',
  'educationCategory',
  'email',
  'phone',
] as const;
export type RosterField = (typeof RosterFields)[number];
export const RequiredRosterFields = ['name', 'idNumber'] as const satisfies readonly RosterField[];

/**
 * An explicit column mapping: field → the header text in the file (as written), or a 1-based column
 * number. Sent as the multipart text field `mapping` (JSON). Fields left out are detected from the headers.
 */
export const RosterMapping = z.partialRecord(z.enum(RosterFields), z.union([z.string().trim().min(1).max(100), z.number().int().min(1).max(200)]));
export type RosterMapping = z.infer<typeof RosterMapping>;

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const RosterRowError = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1 when it is the first line). */
  row: z.number(),
  field: z.enum(RosterFields).nullable(),
  /** Header text of the column, when known. */
  column: z.string().nullable(),
  code: z.string(),
  message: Bilingual,
});
export type RosterRowError = z.infer<typeof RosterRowError>;

export const RosterImportStates = ['queued', 'running', 'succeeded', 'failed'] as const;

export const RosterImportView = z.object({
  id: z.string(),
  batchId: z.string(),
  status: z.enum(RosterImportStates),
  /** While running: parsing, validating, inserting, undoing. */
  phase: z.string().nullable(),
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** Field → header used. */
  mapping: z.record(z.string(), z.string()).nullable(),
  totalRows: z.number(),
  processedRows: z.number(),
  insertedRows: z.number(),
  /** 0–100. */
  progress: z.number(),
  errorCount: z.number(),
  /** The first errors; the full report is downloadable (`errorReport`). */
  errors: z.array(RosterRowError),
  errorReport: z.object({ csv: z.string(), xlsx: z.string() }).nullable(),
  failure: z.object({ code: z.string(), message: Bilingual }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RosterImportView = z.infer<typeof RosterImportView>;
export const RosterImportListResponse = z.object({ items: z.array(RosterImportView) });

/** Where a graduate stands, furthest step first wins. */
export const GraduateStatuses = [
  'not_registered',
  'registered',
  'photographed',
  'paid',
  'pending_review',
  'rejected',
  'approved',
  'shipped',
] as const;
export type GraduateStatus = (typeof GraduateStatuses)[number];

export const RosterEntry = z.object({
  id: z.string(),
  source: z.enum(['roster', 'code', 'form']),
  name: z.string(),
  studentNumber: z.string(),
  idNumberMasked: z.string(),
  department: z.string(),
  major: z.string(),
  educationLevel: z.string(),
  educationCategory: z.string(),
  status: z.enum(GraduateStatuses),
  /** The graduate's live 图像采集码, if one was issued. */
  code: z.object({ id: z.string(), status: z.enum(['active', 'used']) }).nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const RosterListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  status: z.enum(GraduateStatuses).optional(),
  ...Page,
});
export const RosterListResponse = z.object({ items: z.array(RosterEntry), ...PagedMeta });
export type RosterListResponse = z.infer<typeof RosterListResponse>;

export const RevealIdResponse = z.object({ idNumber: z.string() });
