import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/** A collection centre. One deployment runs one centre today; the column keeps many possible. */
export const centres = pgTable('centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const students = pgTable(
  'students',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idType: text('id_type', { enum: ['id_card', 'passport'] }).notNull(),
    /** AES-256-GCM ciphertext of the ID/passport number (iv | tag | data). */
    idNumberEnc: bytea('id_number_enc').notNull(),
    /** HMAC-SHA256 of the normalised number, for lookups. */
    idNumberHash: text('id_number_hash').notNull(),
    idLast4: text('id_last4').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    phone: text('phone'),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('students_id_hash_uq').on(t.idNumberHash),
    uniqueIndex('students_phone_uq').on(t.phone),
    uniqueIndex('students_email_uq').on(t.email),
  ],
);

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    centreId: uuid('centre_id').references(() => centres.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    region: text('region').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('schools_code_uq').on(t.code)],
);

export const batches = pgTable(
  'batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    name: text('name').notNull(),
    mode: text('mode', { enum: ['centralized', 'scattered'] }).notNull(),
    /** 特征码: 4 characters, unique. */
    featureCode: text('feature_code').notNull(),
    regionCode: text('region_code').notNull().default(''),
    priceNoPrintsCents: integer('price_no_prints_cents').notNull(),
    priceWithPrintsCents: integer('price_with_prints_cents').notNull(),
    payer: text('payer', { enum: ['student', 'school'] }).notNull().default('student'),
    specId: text('spec_id').notNull().default('xuexin'),
    background: text('background').notNull().default('#28BEFA'),
    capturePolicy: text('capture_policy', { enum: ['live_only', 'album_allowed'] })
      .notNull()
      .default('album_allowed'),
    hasRoster: boolean('has_roster').notNull().default(false),
    opensAt: ts('opens_at'),
    closesAt: ts('closes_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('batches_feature_code_uq').on(t.featureCode), index('batches_school_idx').on(t.schoolId)],
);

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'reviewer', 'school_coordinator'] }).notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_username_uq').on(t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the random token in the cookie. */
    id: text('id').primaryKey(),
    subjectType: text('subject_type', { enum: ['student', 'staff'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectType, t.subjectId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', { enum: ['register', 'login', 'reset'] }).notNull(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    target: text('target').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('verification_codes_target_idx').on(t.channel, t.target, t.createdAt)],
);

/** Login failures per key (`account:<hash>` or `ip:<address>`), for captcha and growing delays. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: ts('last_failure_at').notNull(),
});

export const captchas = pgTable('captchas', {
  id: text('id').primaryKey(),
  answerHash: text('answer_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorType: text('actor_type', { enum: ['student', 'staff', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_actor_idx').on(t.actorType, t.actorId)],
);
