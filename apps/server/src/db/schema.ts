import { sql } from 'drizzle-orm';
import {
  bigint,
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
import type { OrderNoteCode, OrderNoteParams } from '@gradphoto/contracts/order-notes';

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
    avatarKey: text('avatar_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** privacy: when the student's personal data was erased at their request (the row stays for the orders' accounting). */
    erasedAt: ts('erased_at'),
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
    purpose: text('purpose', { enum: ['register', 'login', 'reset', 'change_contact', 'delete_account'] }).notNull(),
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
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_actor_idx').on(t.actorType, t.actorId),
    // console-a: audit search by action and by target
    index('audit_log_action_idx').on(t.action, t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

// ───────────────────────── student journey ─────────────────────────

/** A graduate record in a batch: from the school roster, from a collection code, or from the student's form. */
export const graduates = pgTable(
  'graduates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    source: text('source', { enum: ['roster', 'code', 'form'] }).notNull(),
    name: text('name').notNull(),
    studentNumber: text('student_number').notNull().default(''),
    idNumberEnc: bytea('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idLast4: text('id_last4').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    department: text('department').notNull().default(''),
    major: text('major').notNull().default(''),
    /** 学历层次: 专科 / 本科 / 硕士研究生 / 博士研究生 … */
    educationLevel: text('education_level').notNull().default(''),
    /** 学历类别: 普通全日制 / 成人教育 / 自学考试 / 网络教育 … */
    educationCategory: text('education_category').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** console-a: the roster import that inserted this row (so a failed import can be undone). */
    importId: uuid('import_id'),
    createdAt: createdAt(),
    /** privacy: when this record's personal data was erased with its student's account. */
    erasedAt: ts('erased_at'),
  },
  (t) => [
    uniqueIndex('graduates_batch_id_hash_uq').on(t.batchId, t.idNumberHash),
    index('graduates_batch_idx').on(t.batchId),
    index('graduates_import_idx').on(t.importId), // console-a
  ],
);

/** 图像采集码 issued by this system: an opaque token naming one graduate, or a blank invitation. */
export const collectionCodes = pgTable(
  'collection_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token: text('token').notNull(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    graduateId: uuid('graduate_id').references(() => graduates.id),
    status: text('status', { enum: ['active', 'used', 'revoked'] }).notNull().default('active'),
    usedByCollectionId: uuid('used_by_collection_id'),
    createdAt: createdAt(),
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('collection_codes_token_uq').on(t.token),
    index('collection_codes_batch_idx').on(t.batchId),
    // console-a: one live code per graduate, so two clicks on "issue" can't issue twice
    uniqueIndex('collection_codes_graduate_live_uq')
      .on(t.graduateId)
      .where(sql`graduate_id IS NOT NULL AND status IN ('active', 'used')`),
  ],
);

/** One 学历 of one student in one batch. */
export const collections = pgTable(
  'collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    graduateId: uuid('graduate_id')
      .notNull()
      .references(() => graduates.id),
    /** 新生 or 毕业生. */
    identity: text('identity', { enum: ['freshman', 'graduate'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('collections_graduate_uq').on(t.graduateId),
    index('collections_student_idx').on(t.studentId),
    index('collections_batch_idx').on(t.batchId), // console-a: roster status and dashboard per batch
  ],
);

export const SUBMISSION_STATES = ['processing', 'draft', 'submitted', 'pending_review', 'approved', 'rejected', 'withdrawn'] as const;

/** One photo version of a collection; review applies to a submission. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id),
    status: text('status', { enum: SUBMISSION_STATES }).notNull().default('processing'),
    source: text('source', { enum: ['camera', 'album'] }).notNull(),
    originalKey: text('original_key').notNull(),
    resultKey: text('result_key'),
    /** Engine verdict: pass / warn / reject; null while processing; 'error' when processing failed. */
    verdict: text('verdict'),
    report: jsonb('report').$type<Record<string, unknown>>(),
    errorCode: text('error_code'),
    rejectReason: text('reject_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    claimedBy: uuid('claimed_by'),
    claimedAt: ts('claimed_at'),
    /** console-b: when the current claim began (claimedAt is renewed by the reviewer's heartbeat). */
    claimStartedAt: ts('claim_started_at'),
    submittedAt: ts('submitted_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** privacy: when the original file was deleted (retention period over, or the account erased); the key stays. */
    originalDeletedAt: ts('original_deleted_at'),
  },
  (t) => [
    index('submissions_collection_idx').on(t.collectionId),
    // privacy: the retention sweep looks only at submissions that still have their original
    index('submissions_original_kept_idx')
      .on(t.updatedAt)
      .where(sql`original_deleted_at IS NULL`),
    index('submissions_status_idx').on(t.status, t.submittedAt),
    // one submission per collection in review or approved: two clicks can't submit twice
    uniqueIndex('submissions_active_uq')
      .on(t.collectionId)
      .where(sql`status IN ('submitted', 'pending_review', 'approved')`),
  ],
);

export const submissionHistory = pgTable(
  'submission_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type', { enum: ['student', 'staff', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('submission_history_sub_idx').on(t.submissionId)],
);

export const addresses = pgTable(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    recipient: text('recipient').notNull(),
    phone: text('phone').notNull(),
    /** Region codes and names from @vant/area-data. */
    provinceCode: text('province_code').notNull(),
    cityCode: text('city_code').notNull(),
    districtCode: text('district_code').notNull(),
    regionText: text('region_text').notNull(),
    street: text('street').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('addresses_student_idx').on(t.studentId)],
);

export const ORDER_STATES = ['pending_payment', 'paid', 'in_production', 'shipped', 'completed', 'closed', 'refunded'] as const;

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Like the centres': yyyyMMddHHmmss + 6 random digits. */
    orderNo: text('order_no').notNull(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id),
    kind: text('kind', { enum: ['collection', 'prints', 'reprint'] }).notNull(),
    withPrints: boolean('with_prints').notNull(),
    layout: integer('layout'),
    copies: integer('copies').notNull().default(1),
    /** Snapshot of the mailing address at order time. */
    shippingAddress: jsonb('shipping_address').$type<Record<string, string>>(),
    /** Fixed when the order is created. */
    amountCents: integer('amount_cents').notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    status: text('status', { enum: ORDER_STATES }).notNull(),
    refundRequestedAt: ts('refund_requested_at'),
    refundRequestReason: text('refund_request_reason'),
    courier: text('courier'),
    trackingNo: text('tracking_no'),
    expiresAt: ts('expires_at'),
    paidAt: ts('paid_at'),
    shippedAt: ts('shipped_at'),
    completedAt: ts('completed_at'),
    closedAt: ts('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_order_no_uq').on(t.orderNo),
    // at most one live collection order per collection: a double click can't create two
    uniqueIndex('orders_live_collection_uq')
      .on(t.collectionId)
      .where(sql`kind = 'collection' AND status NOT IN ('closed', 'refunded')`),
    index('orders_student_idx').on(t.studentId),
    index('orders_status_idx').on(t.status),
  ],
);

export const orderHistory = pgTable(
  'order_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type', { enum: ['student', 'staff', 'system', 'provider'] }).notNull(),
    actorId: text('actor_id'),
    /** What a person typed (a refund reason …), shown as typed; old rows without a code: English text. */
    note: text('note'),
    /** What happened, worded by each app in its language (`@gradphoto/contracts/order-notes`). */
    noteCode: text('note_code').$type<OrderNoteCode>(),
    noteParams: jsonb('note_params').$type<OrderNoteParams>(),
    createdAt: createdAt(),
  },
  (t) => [index('order_history_order_idx').on(t.orderId)],
);

/** Payment attempts and their provider outcome; a provider transaction id is recorded once. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    provider: text('provider', { enum: ['wechat', 'alipay', 'sandbox'] }).notNull(),
    transactionId: text('transaction_id'),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: ['succeeded', 'refunded_late'] }).notNull(),
    raw: jsonb('raw').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('payments_transaction_uq').on(t.provider, t.transactionId), index('payments_order_idx').on(t.orderId)],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    refundNo: text('refund_no').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['processing', 'succeeded', 'failed'] }).notNull(),
    requestedBy: text('requested_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refunds_refund_no_uq').on(t.refundNo), index('refunds_order_idx').on(t.orderId)],
);

/**
 * A student's WeChat openid per official-account appid (公众号), learnt through WeChat OAuth (snsapi_base):
 * JSAPI payment inside WeChat's browser needs the payer's openid for the appid that places the order.
 */
export const wechatOpenids = pgTable(
  'wechat_openids',
  {
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wechat_openids_student_appid_uq').on(t.studentId, t.appid)],
);

/** WeChat OAuth `state` values handed out: bound to a session, expiring, consumed once by the callback. */
export const wechatOauthStates = pgTable(
  'wechat_oauth_states',
  {
    /** The random part of the state (the state also carries its expiry and an HMAC). */
    nonce: text('nonce').primaryKey(),
    /** `sessions.id` of the session that asked. */
    sessionId: text('session_id').notNull(),
    /** Where the callback sends the browser back to (a path on this site). */
    returnPath: text('return_path').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('wechat_oauth_states_expires_idx').on(t.expiresAt)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    kind: text('kind').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    body: jsonb('body').$type<{ zh: string; en: string }>().notNull(),
    link: text('link'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_student_idx').on(t.studentId, t.createdAt)],
);

// ───────────────────────── console-a: roster imports ─────────────────────────

export const ROSTER_IMPORT_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** One uploaded roster file and its import job: progress, outcome and the row-by-row error report. */
export const rosterImports = pgTable(
  'roster_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    status: text('status', { enum: ROSTER_IMPORT_STATES }).notNull().default('queued'),
    /** running: parsing → validating → inserting (→ undoing after a failed chunk). */
    phase: text('phase'),
    filename: text('filename').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    /** The uploaded file; deleted once the job is done (it holds ID numbers in clear). */
    fileKey: text('file_key'),
    /** Field → header, as requested (explicit) or as detected. */
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    explicitMapping: boolean('explicit_mapping').notNull().default(false),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** The first errors, for display; the full report is in storage (CSV and XLSX). */
    errorSample: jsonb('error_sample').$type<Array<Record<string, unknown>>>(),
    errorReportKey: text('error_report_key'),
    /** Why the import failed as a whole (unreadable file, missing columns, a failed chunk …). */
    failureCode: text('failure_code'),
    failureMessage: jsonb('failure_message').$type<{ zh: string; en: string }>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('roster_imports_batch_idx').on(t.batchId, t.createdAt),
    // one import at a time per batch: a double click can't start two
    uniqueIndex('roster_imports_live_uq')
      .on(t.batchId)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

// ───────────────────────── console-b: review decisions, console refunds, print runs, 学信网 exports ─────────────────────────

/** One review decision (single or bulk): reviewer throughput statistics and undo within a short window. */
export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => staff.id),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    mode: text('mode', { enum: ['single', 'bulk'] }).notNull().default('single'),
    reasonCode: text('reason_code'),
    /** When the reviewer claimed the submission (null for bulk approvals): the decision took decidedAt − claimedAt. */
    claimedAt: ts('claimed_at'),
    decidedAt: ts('decided_at').notNull().defaultNow(),
    undoneAt: ts('undone_at'),
  },
  (t) => [
    index('review_decisions_reviewer_idx').on(t.reviewerId, t.decidedAt),
    index('review_decisions_decided_idx').on(t.decidedAt),
    index('review_decisions_submission_idx').on(t.submissionId),
  ],
);

/** A refund asked for in the console, by its idempotency key: a double click refunds once. */
export const consoleRefundRequests = pgTable('console_refund_requests', {
  key: uuid('key').primaryKey(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id),
  staffId: uuid('staff_id'),
  amountCents: integer('amount_cents').notNull(),
  /** The refund it made, once made. */
  refundNo: text('refund_no'),
  createdAt: createdAt(),
});

/** `purged`: built, then the file was deleted because it held an erased student's data (privacy). */
export const JOB_FILE_STATES = ['queued', 'running', 'succeeded', 'failed', 'purged'] as const;

/** A print run: paid orders with prints of one batch, rendered as one 300 dpi PDF of print sheets. */
export const printRuns = pgTable(
  'print_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    status: text('status', { enum: JOB_FILE_STATES }).notNull().default('queued'),
    orderCount: integer('order_count').notNull().default(0),
    sheetCount: integer('sheet_count').notNull().default(0),
    doneOrders: integer('done_orders').notNull().default(0),
    fileKey: text('file_key'),
    fileBytes: integer('file_bytes'),
    failureCode: text('failure_code'),
    failureMessage: jsonb('failure_message').$type<{ zh: string; en: string }>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    /** privacy: when a PDF of the run was deleted because it held an erased student's data (it may be rebuilt since). */
    purgedAt: ts('purged_at'),
  },
  (t) => [
    index('print_runs_batch_idx').on(t.batchId, t.createdAt),
    // one run being assembled per batch at a time: a double click can't split the orders over two runs
    uniqueIndex('print_runs_live_uq')
      .on(t.batchId)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

/** The orders of a print run, in print order; an order goes on one run only. */
export const printRunOrders = pgTable(
  'print_run_orders',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => printRuns.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('print_run_orders_order_uq').on(t.orderId), index('print_run_orders_run_idx').on(t.runId, t.position)],
);

/** A 学信网 export: a school's or a batch's approved photos as a ZIP (plus a manifest XLSX) in storage. */
export const photoExports = pgTable(
  'photo_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    batchId: uuid('batch_id').references(() => batches.id),
    /** The batch id, or `school:<id>`: one live export per scope. */
    scopeKey: text('scope_key').notNull(),
    /** File names: `<ID number>.jpg` or `<学号>.jpg`. */
    naming: text('naming', { enum: ['id_number', 'student_number'] }).notNull(),
    status: text('status', { enum: JOB_FILE_STATES }).notNull().default('queued'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    fileKey: text('file_key'),
    fileBytes: bigint('file_bytes', { mode: 'number' }),
    /** Orders without prints marked completed by this export. */
    completedOrders: integer('completed_orders').notNull().default(0),
    failureCode: text('failure_code'),
    failureMessage: jsonb('failure_message').$type<{ zh: string; en: string }>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    /** privacy: when the ZIP was deleted because it held an erased student's data (status `purged`). */
    purgedAt: ts('purged_at'),
  },
  (t) => [
    index('photo_exports_school_idx').on(t.schoolId, t.createdAt),
    uniqueIndex('photo_exports_live_uq')
      .on(t.scopeKey)
      .where(sql`status IN ('queued', 'running')`),
  ],
);
