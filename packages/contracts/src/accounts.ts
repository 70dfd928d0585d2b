import { z } from 'zod';
import { bi } from './i18n-message.js';
import { normalizeIdNumber, validateIdNumber, validatePassportNumber } from './id-number.js';
import { PAY_METHODS } from './payments.js';

export const IdTypes = ['id_card', 'passport'] as const;
export type IdType = (typeof IdTypes)[number];
export const Genders = ['male', 'female'] as const;
export const StaffRoles = ['admin', 'reviewer', 'school_coordinator'] as const;
export type StaffRole = (typeof StaffRoles)[number];
export const CodePurposes = ['register', 'login', 'reset', 'change_contact'] as const;
export type CodePurpose = (typeof CodePurposes)[number];
/** Every purpose a code is sent for; `delete_account` goes only to the logged-in student's own phone or email (privacy.ts). */
export const VerificationPurposes = [...CodePurposes, 'delete_account'] as const;
export type VerificationPurpose = (typeof VerificationPurposes)[number];
export const CodeChannels = ['sms', 'email'] as const;
export type CodeChannel = (typeof CodeChannels)[number];

export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: bi('请输入 11 位中国大陆手机号', 'Enter an 11-digit mainland China mobile number') });
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: bi('请输入有效的邮箱地址', 'Enter a valid email address') }));
export const CodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: bi('验证码为 6 位数字', 'The code has 6 digits') });

/** At least 8 characters and not all digits. */
export const PasswordSchema = z
  .string()
  .min(8, { error: bi('密码至少 8 位', 'The password needs at least 8 characters') })
  .max(128, { error: bi('密码最多 128 位', 'The password may have at most 128 characters') })
  .refine((p) => !/^\d+$/.test(p), { error: bi('密码不能全是数字', 'The password must not be all digits') });

const CaptchaFields = {
  captchaId: z.string().max(64).optional(),
  captchaAnswer: z.string().max(16).optional(),
};

export const RegisterRequest = z
  .object({
    idType: z.enum(IdTypes),
    idNumber: z.string().trim().min(1).max(32).transform(normalizeIdNumber),
    name: z
      .string()
      .trim()
      .min(1, { error: bi('请输入姓名', 'Enter your name') })
      .max(64),
    gender: z.enum(Genders),
    /** Mainland mobile; optional for students without one (they get codes by email). */
    phone: PhoneSchema.optional(),
    email: EmailSchema,
    password: PasswordSchema,
    /** The code sent to `phone` (channel sms) or, without a phone, to `email`. */
    code: CodeSchema,
    agreed: z.literal(true, { error: bi('请阅读并同意用户协议和隐私政策', 'Please accept the agreement and privacy policy') }),
  })
  .superRefine((v, ctx) => {
    if (v.idType === 'id_card' && validateIdNumber(v.idNumber) !== null) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: bi('身份证号无效', 'The ID number is not valid') });
    }
    if (v.idType === 'passport' && !validatePassportNumber(v.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: bi('护照号无效', 'The passport number is not valid') });
    }
  });
export type RegisterRequest = z.input<typeof RegisterRequest>;

export const SendCodeRequest = z.object({
  purpose: z.enum(CodePurposes),
  channel: z.enum(CodeChannels),
  /** Phone for sms, address for email. */
  target: z.string().trim().min(3).max(254),
  ...CaptchaFields,
});
export type SendCodeRequest = z.input<typeof SendCodeRequest>;
export const SendCodeResponse = z.object({ sent: z.literal(true), retryAfterSeconds: z.number() });

export const PasswordLoginRequest = z.object({
  method: z.literal('password'),
  /** ID card or passport number. */
  idNumber: z.string().trim().min(1).max(32).transform(normalizeIdNumber),
  password: z.string().min(1).max(128),
  ...CaptchaFields,
});
export const CodeLoginRequest = z.object({
  method: z.literal('code'),
  channel: z.enum(CodeChannels),
  target: z.string().trim().min(3).max(254),
  code: CodeSchema,
});
export const LoginRequest = z.discriminatedUnion('method', [PasswordLoginRequest, CodeLoginRequest]);
export type LoginRequest = z.input<typeof LoginRequest>;

export const ResetPasswordRequest = z.object({
  channel: z.enum(CodeChannels),
  target: z.string().trim().min(3).max(254),
  code: CodeSchema,
  newPassword: PasswordSchema,
});
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequest>;

export const StudentProfile = z.object({
  id: z.string(),
  idType: z.enum(IdTypes),
  idNumberMasked: z.string(),
  name: z.string(),
  gender: z.enum(Genders),
  phone: z.string().nullable(),
  email: z.string(),
  hasAvatar: z.boolean(),
  createdAt: z.string(),
});
export type StudentProfile = z.infer<typeof StudentProfile>;

export const StaffLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  ...CaptchaFields,
});
export type StaffLoginRequest = z.input<typeof StaffLoginRequest>;

export const StaffProfile = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(StaffRoles),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
});
export type StaffProfile = z.infer<typeof StaffProfile>;

/** GET /api/auth/session: who is logged in on this browser (either kind, or nobody). */
export const SessionResponse = z.object({
  student: StudentProfile.nullable(),
  staff: StaffProfile.nullable(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const CaptchaResponse = z.object({ captchaId: z.string(), svg: z.string() });
export type CaptchaResponse = z.infer<typeof CaptchaResponse>;

export const CsrfResponse = z.object({ token: z.string() });

export const OcrIdCardResponse = z.object({
  idNumber: z.string().nullable(),
  /** Whether the check digit of the suggested number is valid. */
  idNumberValid: z.boolean(),
  name: z.string().nullable(),
  confidence: z.number(),
});
export type OcrIdCardResponse = z.infer<typeof OcrIdCardResponse>;

export const CentreInfo = z.object({
  name: z.string(),
  phone: z.string(),
  serviceHours: z.string(),
  /** English versions for the English UI. */
  nameEn: z.string(),
  serviceHoursEn: z.string(),
  /** What students may pay with, in the centre's order: 微信支付, 支付宝 or both. */
  paymentMethods: z.array(z.enum(PAY_METHODS)),
});
export type CentreInfo = z.infer<typeof CentreInfo>;

export const DashboardResponse = z.object({
  role: z.enum(StaffRoles),
  cards: z.array(z.object({ key: z.string(), value: z.number() })),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const ChangeContactRequest = z.object({
  channel: z.enum(CodeChannels),
  target: z.string().trim().min(3).max(254),
  code: CodeSchema,
});
export type ChangeContactRequest = z.input<typeof ChangeContactRequest>;

export const SendPhotoEmailRequest = z.object({ to: EmailSchema });
