import { z } from 'zod';
import { bi } from './i18n-message.js';
import { PasswordSchema, StaffRoles } from './accounts.js';

/** Console: staff accounts (admins manage them). A school coordinator belongs to exactly one school. */

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { error: bi('用户名为 3–32 位小写字母、数字、点、下划线或横线', 'The username has 3–32 lower-case letters, digits, dots, underscores or dashes') });

export const StaffAccountCreate = z.object({
  username: Username,
  name: z.string().trim().min(1, { error: bi('请输入姓名', 'Enter the name') }).max(64),
  role: z.enum(StaffRoles),
  /** Required for school coordinators, absent for centre staff. */
  schoolId: z.uuid().nullable().default(null),
  password: PasswordSchema,
});
export type StaffAccountCreate = z.input<typeof StaffAccountCreate>;

export const StaffAccountUpdate = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  role: z.enum(StaffRoles).optional(),
  schoolId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
  /** A new password (ends the account's sessions). */
  password: PasswordSchema.optional(),
});
export type StaffAccountUpdate = z.input<typeof StaffAccountUpdate>;

export const StaffAccountView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(StaffRoles),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type StaffAccountView = z.infer<typeof StaffAccountView>;

export const StaffAccountListQuery = z.object({
  role: z.enum(StaffRoles).optional(),
  schoolId: z.uuid().optional(),
});
export const StaffAccountListResponse = z.object({ items: z.array(StaffAccountView) });
