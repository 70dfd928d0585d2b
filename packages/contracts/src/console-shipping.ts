import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';
import { bi } from './i18n-message.js';
import { OrderStates } from './journey.js';

/** Console: print runs (300 dpi PDFs of print sheets per batch) and shipping (one by one, CSV import, address labels). */

/**
 * `purged`: the file was built, then deleted because it held the data of a student who has since deleted
 * their account (privacy); a print run can be rebuilt without them.
 */
export const JobFileStates = ['queued', 'running', 'succeeded', 'failed', 'purged'] as const;
const Bilingual = z.object({ zh: z.string(), en: z.string() });

// ───────── print runs ─────────

/** At most this many orders go on one print run (one PDF); the rest wait for the next run. */
export const MAX_PRINT_RUN_ORDERS = 300;

export const PrintCandidate = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  kind: z.enum(['collection', 'prints', 'reprint']),
  layout: z.number(),
  copies: z.number(),
  name: z.string(),
  paidAt: z.string().nullable(),
});
export const PrintCandidatesResponse = z.object({ items: z.array(PrintCandidate), total: z.number() });
export type PrintCandidatesResponse = z.infer<typeof PrintCandidatesResponse>;

export const CreatePrintRunRequest = z.object({
  batchId: z.uuid(),
  /** Only these orders (each must be eligible); default: every eligible order, oldest payment first. */
  orderIds: z.array(z.uuid()).min(1).max(MAX_PRINT_RUN_ORDERS).optional(),
});
export type CreatePrintRunRequest = z.input<typeof CreatePrintRunRequest>;

export const PrintRunView = z.object({
  id: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  schoolName: z.string(),
  status: z.enum(JobFileStates),
  orderCount: z.number(),
  /** Pages in the PDF: one sheet per copy of each order. */
  sheetCount: z.number(),
  doneOrders: z.number(),
  fileBytes: z.number().nullable(),
  downloadUrl: z.string().nullable(),
  failure: z.object({ code: z.string(), message: Bilingual }).nullable(),
  /** When a PDF of this run was deleted because it held an erased student's data (the run may be rebuilt since). */
  purgedAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type PrintRunView = z.infer<typeof PrintRunView>;

export const PrintRunDetail = PrintRunView.extend({
  orders: z.array(z.object({ orderId: z.string(), orderNo: z.string(), name: z.string(), layout: z.number(), copies: z.number(), status: z.enum(OrderStates) })),
});
export type PrintRunDetail = z.infer<typeof PrintRunDetail>;

export const PrintRunListQuery = z.object({ batchId: z.uuid().optional(), ...Page });
export const PrintRunListResponse = z.object({ items: z.array(PrintRunView), ...PagedMeta });
export type PrintRunListResponse = z.infer<typeof PrintRunListResponse>;

// ───────── shipping ─────────

export const ShipRequest = z.object({
  courier: z.string().trim().min(2, { error: bi('请填写快递公司', 'Enter the courier') }).max(40),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/, { error: bi('运单号为 6–40 位字母或数字', 'The tracking number has 6–40 letters or digits') }),
});
export type ShipRequest = z.input<typeof ShipRequest>;

/** Shipping CSV/XLSX columns (a header row; Chinese or English names). */
export const ShipImportColumns = {
  orderNo: ['订单号', 'orderNo', 'order_no'],
  courier: ['快递公司', 'courier'],
  trackingNo: ['快递单号', '运单号', 'trackingNo', 'tracking_no'],
} as const;
export const MAX_SHIP_IMPORT_ROWS = 5000;

export const ShipImportRowError = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: z.number(),
  orderNo: z.string(),
  code: z.enum(['ORDER_NO', 'ORDER_NOT_FOUND', 'ORDER_STATE', 'DUPLICATE', 'COURIER', 'TRACKING_NO']),
  message: Bilingual,
});
export type ShipImportRowError = z.infer<typeof ShipImportRowError>;

/** All rows shipped. (With any bad row nothing is shipped: 400 `SHIP_IMPORT_INVALID`, `error.data.rows` lists them.) */
export const ShipImportResponse = z.object({ shipped: z.number() });

export const AddressLabelsQuery = z.object({ status: z.enum(['paid', 'in_production', 'shipped']).default('in_production') });
