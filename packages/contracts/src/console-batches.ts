import { z } from 'zod';
import { bi } from './i18n-message.js';

/** Console: schools and their collection batches. */

export const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
export const PagedMeta = { total: z.number(), page: z.number(), pageSize: z.number() };

// ───────── schools ─────────

export const SchoolInput = z.object({
  name: z.string().trim().min(2, { error: bi('请输入学校名称', 'Enter the school name') }).max(100),
  /** 学校代码 (e.g. the 5-digit code of the Ministry of Education), unique. */
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{2,20}$/, { error: bi('学校代码为 2–20 位字母或数字', 'The school code has 2–20 letters or digits') }),
  /** Administrative area code, e.g. 330100. */
  region: z
    .string()
    .trim()
    .regex(/^(\d{2,12})?$/, { error: bi('地区代码为数字', 'The region code is numeric') })
    .default(''),
});
export type SchoolInput = z.input<typeof SchoolInput>;
export const SchoolUpdate = SchoolInput.partial();
export type SchoolUpdate = z.input<typeof SchoolUpdate>;

export const SchoolView = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  region: z.string(),
  batchCount: z.number(),
  createdAt: z.string(),
});
export type SchoolView = z.infer<typeof SchoolView>;

export const SchoolListQuery = z.object({ q: z.string().trim().max(100).optional(), ...Page });
export const SchoolListResponse = z.object({ items: z.array(SchoolView), ...PagedMeta });
export type SchoolListResponse = z.infer<typeof SchoolListResponse>;

// ───────── batches ─────────

export const BatchModes = ['centralized', 'scattered'] as const;
export const Payers = ['student', 'school'] as const;
export const CapturePolicies = ['live_only', 'album_allowed'] as const;

const Cents = z.number().int().min(0).max(10_000_00);
const DateTime = z.iso.datetime({ offset: true, error: bi('请输入有效的时间', 'Enter a valid date and time') });

const BatchFields = {
  name: z.string().trim().min(2, { error: bi('请输入批次名称', 'Enter the batch name') }).max(100),
  /** 集中 (centralized: found by 特征码) or 散排 (scattered: found by region code). */
  mode: z.enum(BatchModes),
  /** Region/centre code students type in scattered mode. */
  regionCode: z
    .string()
    .trim()
    .regex(/^([0-9A-Za-z]{2,12})?$/, { error: bi('地区代码为 2–12 位字母或数字', 'The region code has 2–12 letters or digits') })
    .default(''),
  priceNoPrintsCents: Cents,
  priceWithPrintsCents: Cents,
  payer: z.enum(Payers).default('student'),
  /** A photo spec id of the engine (`xuexin`, `one_inch` …). */
  specId: z.string().trim().min(1).max(40).default('xuexin'),
  /** `#RRGGBB`, one of the spec's backgrounds or a preset. */
  background: z.string().trim().max(9).default('#28BEFA'),
  capturePolicy: z.enum(CapturePolicies).default('album_allowed'),
  opensAt: DateTime.nullable().default(null),
  closesAt: DateTime.nullable().default(null),
};

export const BatchCreate = z.object({ schoolId: z.uuid(), ...BatchFields });
export type BatchCreate = z.input<typeof BatchCreate>;
/** Any subset of the fields; the school and the 特征码 never change. */
export const BatchUpdate = z.object({
  name: BatchFields.name.optional(),
  mode: BatchFields.mode.optional(),
  regionCode: z
    .string()
    .trim()
    .regex(/^([0-9A-Za-z]{2,12})?$/, { error: bi('地区代码为 2–12 位字母或数字', 'The region code has 2–12 letters or digits') })
    .optional(),
  priceNoPrintsCents: Cents.optional(),
  priceWithPrintsCents: Cents.optional(),
  payer: z.enum(Payers).optional(),
  specId: z.string().trim().min(1).max(40).optional(),
  background: z.string().trim().max(9).optional(),
  capturePolicy: z.enum(CapturePolicies).optional(),
  opensAt: DateTime.nullable().optional(),
  closesAt: DateTime.nullable().optional(),
});
export type BatchUpdate = z.input<typeof BatchUpdate>;

export const BatchView = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  name: z.string(),
  mode: z.enum(BatchModes),
  /** 特征码: 4 characters, unique, generated. */
  featureCode: z.string(),
  regionCode: z.string(),
  priceNoPrintsCents: z.number(),
  priceWithPrintsCents: z.number(),
  payer: z.enum(Payers),
  specId: z.string(),
  background: z.string(),
  capturePolicy: z.enum(CapturePolicies),
  hasRoster: z.boolean(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  /** open now, not yet open, or closed. */
  window: z.enum(['open', 'upcoming', 'closed']),
  createdAt: z.string(),
});
export type BatchView = z.infer<typeof BatchView>;

export const BatchListQuery = z.object({
  schoolId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  ...Page,
});
export const BatchListResponse = z.object({ items: z.array(BatchView), ...PagedMeta });
export type BatchListResponse = z.infer<typeof BatchListResponse>;

/** What the batch form offers: the engine's specs and background presets. */
export const BatchOptionsResponse = z.object({
  specs: z.array(z.object({ id: z.string(), name: z.object({ zh: z.string(), en: z.string() }), width: z.number(), height: z.number(), backgrounds: z.array(z.string()) })),
  backgrounds: z.array(z.object({ id: z.string(), hex: z.string(), name: z.object({ zh: z.string(), en: z.string() }) })),
});
export type BatchOptionsResponse = z.infer<typeof BatchOptionsResponse>;
