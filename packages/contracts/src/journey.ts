import { z } from 'zod';
import { bi } from './i18n-message.js';
import { EmailSchema, PhoneSchema } from './accounts.js';
import { normalizeIdNumber } from './id-number.js';
import { EducationCategories, EducationLevels } from './education.js';
import { OrderNoteFields } from './order-notes.js';

// ───────── batches and identifying the graduate ─────────

export const Last4Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{3}[\dX]$/, { error: bi('请输入证件号后 4 位', 'Enter the last 4 characters of the ID number') });

export const FindBatchRequest = z.union([
  z.object({ mode: z.literal('centralized'), featureCode: z.string().trim().toUpperCase().length(4, { error: bi('特征码为 4 位', 'The batch code has 4 characters') }), idLast4: Last4Schema }),
  z.object({ mode: z.literal('scattered'), regionCode: z.string().trim().min(2).max(12), idLast4: Last4Schema }),
]);
export type FindBatchRequest = z.input<typeof FindBatchRequest>;

export const BatchSummary = z.object({
  id: z.string(),
  name: z.string(),
  schoolName: z.string(),
  mode: z.enum(['centralized', 'scattered']),
  payer: z.enum(['student', 'school']),
  priceNoPrintsCents: z.number(),
  priceWithPrintsCents: z.number(),
  capturePolicy: z.enum(['live_only', 'album_allowed']),
  hasRoster: z.boolean(),
  specId: z.string(),
  background: z.string(),
  closesAt: z.string().nullable(),
});
export type BatchSummary = z.infer<typeof BatchSummary>;
export const FindBatchResponse = z.object({ batches: z.array(BatchSummary) });

export { EducationCategories, EducationLevels };

export const GraduateForm = z.object({
  name: z.string().trim().min(1, { error: bi('请输入姓名', 'Enter the name') }).max(64),
  studentNumber: z.string().trim().min(1, { error: bi('请输入学号', 'Enter the student number') }).max(32),
  idNumber: z.string().trim().min(5).max(32).transform(normalizeIdNumber),
  schoolName: z.string().trim().max(100).optional(),
  department: z.string().trim().min(1, { error: bi('请输入院系', 'Enter the department') }).max(100),
  major: z.string().trim().min(1, { error: bi('请输入专业', 'Enter the major') }).max(100),
  educationLevel: z.enum(EducationLevels),
  educationCategory: z.enum(EducationCategories),
  email: EmailSchema,
  phone: PhoneSchema.or(z.literal('')),
});
export type GraduateForm = z.input<typeof GraduateForm>;

const IdentifyBase = { batchId: z.uuid(), idLast4: Last4Schema };
export const IdentifyRequest = z.discriminatedUnion('method', [
  /** `form` completes a blank invitation (the preview says `needsForm`). */
  z.object({ method: z.literal('code'), code: z.string().trim().min(4).max(300), form: GraduateForm.optional(), ...IdentifyBase }),
  z.object({ method: z.literal('roster'), ...IdentifyBase }),
  z.object({ method: z.literal('form'), form: GraduateForm, ...IdentifyBase }),
]);
export type IdentifyRequest = z.input<typeof IdentifyRequest>;

/** What the confirm screen shows. The ID number is masked. */
export const GraduatePreview = z.object({
  name: z.string(),
  studentNumber: z.string(),
  idNumberMasked: z.string(),
  schoolName: z.string(),
  department: z.string(),
  major: z.string(),
  educationLevel: z.string(),
  educationCategory: z.string(),
  email: z.string(),
  phone: z.string(),
  /** A blank invitation: the student fills the form next, then confirms. */
  needsForm: z.boolean(),
});
export type GraduatePreview = z.infer<typeof GraduatePreview>;
export const IdentifyResponse = z.object({ graduate: GraduatePreview });

export const Identities = ['freshman', 'graduate'] as const;
export const CreateCollectionRequest = z.intersection(
  IdentifyRequest,
  z.object({ identity: z.enum(Identities) }),
);
export type CreateCollectionRequest = z.input<typeof CreateCollectionRequest>;

// ───────── submissions (photo versions) ─────────

export const SubmissionStates = ['processing', 'draft', 'submitted', 'pending_review', 'approved', 'rejected', 'withdrawn'] as const;
export type SubmissionState = (typeof SubmissionStates)[number];

export const CheckView = z.object({
  code: z.string(),
  severity: z.enum(['reject', 'warn']),
  passed: z.boolean(),
  value: z.union([z.number(), z.string()]).nullable(),
  threshold: z.union([z.number(), z.string()]).nullable(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type CheckView = z.infer<typeof CheckView>;

export const SubmissionView = z.object({
  id: z.string(),
  collectionId: z.string(),
  status: z.enum(SubmissionStates),
  source: z.enum(['camera', 'album']),
  verdict: z.enum(['pass', 'warn', 'reject', 'error']).nullable(),
  checks: z.array(CheckView),
  /** Engine error (bad file) with its bilingual message. */
  error: z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) }).nullable(),
  resultUrl: z.string().nullable(),
  /** Null once the original is deleted (see originalDeletedAt). */
  originalUrl: z.string().nullable(),
  /** When the original was deleted after the retention period (ORIGINALS_RETENTION_DAYS); the result stays. */
  originalDeletedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

// ───────── orders ─────────

export const OrderStates = ['pending_payment', 'paid', 'in_production', 'shipped', 'completed', 'closed', 'refunded'] as const;
export type OrderState = (typeof OrderStates)[number];

export const CreateOrderRequest = z.object({
  collectionId: z.uuid(),
  withPrints: z.boolean(),
  layout: z.union([z.literal(1), z.literal(2)]).optional(),
  addressId: z.uuid().optional(),
});
export type CreateOrderRequest = z.input<typeof CreateOrderRequest>;

export const CreateReprintRequest = z.object({
  collectionId: z.uuid(),
  layout: z.union([z.literal(1), z.literal(2)]),
  addressId: z.uuid(),
  copies: z.number().int().min(1).max(10),
});

export const OrderView = z.object({
  orderNo: z.string(),
  kind: z.enum(['collection', 'prints', 'reprint']),
  collectionId: z.string(),
  withPrints: z.boolean(),
  layout: z.number().nullable(),
  copies: z.number(),
  amountCents: z.number(),
  refundedCents: z.number(),
  status: z.enum(OrderStates),
  /** The tab the student's list shows it under, derived from the order and its submission. */
  tab: z.enum(['pending_payment', 'needs_fix', 'pending_review', 'to_ship', 'shipped', 'completed', 'refunded', 'closed']),
  shippingAddress: z.record(z.string(), z.string()).nullable(),
  courier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  refundRequested: z.boolean(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  schoolName: z.string(),
  batchName: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderDetail = OrderView.extend({
  timeline: z.array(z.object({ status: z.string(), ...OrderNoteFields, at: z.string() })),
  refunds: z.array(z.object({ amountCents: z.number(), reason: z.string(), status: z.string(), at: z.string() })),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

// ───────── collections on the home page ─────────

export const CollectionView = z.object({
  id: z.string(),
  batch: BatchSummary,
  graduate: GraduatePreview,
  identity: z.enum(Identities),
  /** The newest submission, if any. */
  submission: SubmissionView.nullable(),
  /** Whether a submission may be submitted for review without paying first. */
  paymentSettled: z.boolean(),
  createdAt: z.string(),
});
export type CollectionView = z.infer<typeof CollectionView>;

// ───────── addresses ─────────

export const AddressInput = z.object({
  recipient: z.string().trim().min(1, { error: bi('请输入收件人', 'Enter the recipient') }).max(32),
  phone: PhoneSchema,
  provinceCode: z.string().regex(/^\d{6}$/),
  cityCode: z.string().regex(/^\d{6}$/),
  districtCode: z.string().regex(/^\d{6}$/),
  street: z.string().trim().min(4, { error: bi('请填写详细地址', 'Enter the street address') }).max(200),
  isDefault: z.boolean().default(false),
});
export type AddressInput = z.input<typeof AddressInput>;
export const AddressView = AddressInput.extend({ id: z.string(), regionText: z.string(), isDefault: z.boolean() });
export type AddressView = z.infer<typeof AddressView>;

// ───────── notifications ─────────

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  body: z.object({ zh: z.string(), en: z.string() }),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof NotificationView>;
