import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';
import { bi } from './i18n-message.js';
import { JobFileStates } from './console-shipping.js';

/** Console: 学信网 exports — a school's or a batch's approved photos as a ZIP with a manifest XLSX. */

export const ExportNamings = ['id_number', 'student_number'] as const;

export const CreateExportRequest = z
  .object({
    schoolId: z.uuid().optional(),
    batchId: z.uuid().optional(),
    /** Files named `<ID number>.jpg` (default) or `<学号>.jpg`. */
    naming: z.enum(ExportNamings).default('id_number'),
  })
  .refine((r) => Boolean(r.schoolId) !== Boolean(r.batchId), { error: bi('请选择一所学校或一个批次', 'Choose one school or one batch'), path: ['batchId'] });
export type CreateExportRequest = z.input<typeof CreateExportRequest>;

export const ExportView = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  batchId: z.string().nullable(),
  batchName: z.string().nullable(),
  naming: z.enum(ExportNamings),
  status: z.enum(JobFileStates),
  /** Photos in the export, and how many are already in the ZIP (progress). */
  total: z.number(),
  done: z.number(),
  fileBytes: z.number().nullable(),
  downloadUrl: z.string().nullable(),
  /** Orders without prints completed by this export. */
  completedOrders: z.number(),
  failure: z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) }).nullable(),
  /** When the ZIP was deleted because it held an erased student's data (status `purged`). */
  purgedAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof ExportView>;

export const ExportListQuery = z.object({ schoolId: z.uuid().optional(), batchId: z.uuid().optional(), ...Page });
export const ExportListResponse = z.object({ items: z.array(ExportView), ...PagedMeta });
export type ExportListResponse = z.infer<typeof ExportListResponse>;

/** The manifest's columns (sheet 名单). */
export const ExportManifestHeader = ['序号', '姓名', '学号', '身份证号', '学校', '批次', '院系', '专业', '学历层次', '文件名', '备注'] as const;
