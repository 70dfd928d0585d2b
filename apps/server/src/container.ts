import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createSvgCaptcha } from './adapters/captcha.js';
import { createOutboxMailer, createSmtpMailer, type Mailer } from './adapters/mailer.js';
import { createArgon2Hasher } from './adapters/password-hasher.js';
import { createOutboxSms, type SmsSender } from './adapters/sms.js';
import { createIdCrypto } from './lib/id-crypto.js';
import { createLocalStorage } from './storage/local-storage.js';
import { createS3Storage } from './storage/s3-storage.js';
import { createAccountsRepo } from './modules/accounts/accounts.repo.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createSchoolsRepo } from './modules/schools/schools.repo.js';
import { createSeedService } from './modules/seed/seed.service.js';
import { createSessionsRepo } from './modules/sessions/sessions.repo.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';
import { createStaffRepo } from './modules/staff/staff.repo.js';
import { createStaffService } from './modules/staff/staff.service.js';
import { createThrottleRepo } from './modules/throttle/throttle.repo.js';
import { createThrottleService } from './modules/throttle/throttle.service.js';
import { createVerificationRepo } from './modules/verification/verification.repo.js';
import { createVerificationService } from './modules/verification/verification.service.js';
import type { JobQueue } from './jobs/queue.js';
import { createPhotoEngine, type PhotoEngine } from './adapters/photo-engine.js';
import { createAddressesRepo } from './modules/addresses/addresses.repo.js';
import { createAddressesService } from './modules/addresses/addresses.service.js';
import { createLocalCodeResolver } from './modules/collections/collection-code-resolver.js';
import { createCollectionCodesService } from './modules/collections/collection-codes.service.js';
import { createCollectionsRepo } from './modules/collections/collections.repo.js';
import { createCollectionsService } from './modules/collections/collections.service.js';
import { createHomeService } from './modules/home/home.service.js';
import { journeyMessages } from './modules/notifications/journey-messages.js';
import { createNotificationsRepo } from './modules/notifications/notifications.repo.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import { createOrdersRepo } from './modules/orders/orders.repo.js';
import { createOrdersService } from './modules/orders/orders.service.js';
import { createReviewsRepo } from './modules/reviews/reviews.repo.js';
import { createReviewsService } from './modules/reviews/reviews.service.js';
import { createSubmissionsRepo } from './modules/submissions/submissions.repo.js';
import { createSubmissionsService, type SubmissionsService } from './modules/submissions/submissions.service.js';
import { createPaymentProvider, type PaymentProvider } from './modules/payments/payment-provider.js';
import { createPaddleIdCardOcr } from './adapters/ocr-paddle.js';
import type { IdCardOcr } from './adapters/ocr-id-card.js';
import { createOcrService } from './modules/ocr/ocr.service.js';
import { createPaymentsRepo } from './modules/payments/payments.repo.js';
import { createPaymentsService, orderDescription } from './modules/payments/payments.service.js';
import { createRefundsService } from './modules/payments/refunds.service.js';
import { createWechatOAuthRepo } from './modules/payments/wechat-oauth.repo.js';
import { createWechatOAuthService } from './modules/payments/wechat-oauth.service.js';
// console-a: schools, batches, roster
import * as spreadsheet from './adapters/spreadsheet.js';
// console-b: console orders, print runs and shipping, 学信网 exports
import { createConsoleOrdersRepo } from './modules/orders/console-orders.repo.js';
import { createConsoleOrdersService } from './modules/orders/console-orders.service.js';
import { createPhotoArchive } from './adapters/photo-archive.js';
import { createPrintRunPdf, sizesForLayout } from './adapters/print-sheets.js';
import { createExportsRepo } from './modules/exports/exports.repo.js';
import { createExportsService } from './modules/exports/exports.service.js';
import { createPrintsRepo } from './modules/prints/prints.repo.js';
import { createPrintsService } from './modules/prints/prints.service.js';
import { createShippingRepo } from './modules/shipping/shipping.repo.js';
import { createShippingService } from './modules/shipping/shipping.service.js';
import { createBatchesRepo } from './modules/batches/batches.repo.js';
import { createBatchesService } from './modules/batches/batches.service.js';
import { createRosterRepo } from './modules/roster/roster.repo.js';
import { createRosterService } from './modules/roster/roster.service.js';
import { createSchoolsService } from './modules/schools/schools.service.js';
import { renderQrSheet } from './adapters/qr-sheet.js';
import { createCodesRepo } from './modules/codes/codes.repo.js';
import { createCodesService } from './modules/codes/codes.service.js';
import { createProgressRepo } from './modules/progress/progress.repo.js';
import { createProgressService } from './modules/progress/progress.service.js';
import { createStaffAccountsRepo } from './modules/staff-accounts/staff-accounts.repo.js';
import { createStaffAccountsService } from './modules/staff-accounts/staff-accounts.service.js';
import { collectionFeeSettled } from './modules/orders/order-states.js';
// privacy: retention of originals, a student's data deletion
import { PRINT_SIZES, printCacheKey } from './modules/prints/prints.service.js';
import { createBuiltFilesRepo } from './modules/privacy/built-files.repo.js';
import { createBuiltFilesService } from './modules/privacy/built-files.service.js';
import { createPrivacyRepo } from './modules/privacy/privacy.repo.js';
import { createPrivacyService } from './modules/privacy/privacy.service.js';
import { createRetentionRepo } from './modules/privacy/retention.repo.js';
import { createRetentionService } from './modules/privacy/retention.service.js';

export interface ContainerOverrides {
  sms?: SmsSender;
  mailer?: Mailer;
  photoEngine?: PhotoEngine;
  paymentProvider?: PaymentProvider;
  idCardOcr?: IdCardOcr;
}

/** The composition root: adapters → repositories → services. Nothing else wires dependencies. */
export function createContainer(config: Config, database: Database, jobs: JobQueue, overrides: ContainerOverrides = {}) {
  const { db } = database;
  const hasher = createArgon2Hasher();
  const idCrypto = createIdCrypto({ encryptionKey: config.secrets.idEncryptionKey, hmacKey: config.secrets.idHmacKey });
  const sms = overrides.sms ?? createOutboxSms(config.sms.outboxDir);
  const mailer =
    overrides.mailer ??
    (config.mail.transport === 'smtp' && config.mail.smtpUrl
      ? createSmtpMailer(config.mail.smtpUrl, config.mail.from)
      : createOutboxMailer(config.mail.outboxDir, config.mail.from));
  // files on this machine's disk, or in S3-compatible object storage that several machines share
  const storage = config.storage.driver === 's3' ? createS3Storage(config.storage) : createLocalStorage(config.storage.dir);

  const sessions = createSessionsService({ repo: createSessionsRepo(db) });
  const throttle = createThrottleService({
    repo: createThrottleRepo(db),
    captcha: createSvgCaptcha(),
    exposeCaptchaDir: config.devExposeCaptchaDir,
  });
  const verification = createVerificationService({
    repo: createVerificationRepo(db),
    sms,
    mailer,
    secret: config.secrets.session,
    smsSignature: config.sms.signature,
    centreName: config.centre.name,
    resendAfterMs: config.codeResendSeconds * 1000,
  });
  const staffRepo = createStaffRepo(db);
  const accounts = createAccountsService({ repo: createAccountsRepo(db), idCrypto, hasher, verification, throttle, sessions });
  const staff = createStaffService({ repo: staffRepo, hasher, throttle, sessions });
  const audit = createAuditService({ repo: createAuditRepo(db) });
  const seed = createSeedService({ staff: staffRepo, schools: createSchoolsRepo(db), hasher });
  const accountsRepo = createAccountsRepo(db);

  // ── the student journey ──
  const photoEngine = overrides.photoEngine ?? createPhotoEngine({ threads: config.photoThreads });
  const collectionsRepo = createCollectionsRepo(db);
  const collectionCodes = createCollectionCodesService({ repo: collectionsRepo });
  const collections = createCollectionsService({
    repo: collectionsRepo,
    idCrypto,
    resolver: createLocalCodeResolver(collectionsRepo),
    studentIdHash: async (studentId) => (await accountsRepo.findById(studentId))?.idNumberHash,
  });
  const notifications = createNotificationsService({
    repo: createNotificationsRepo(db),
    jobs,
    mailer,
    centreName: config.centre.name,
    publicUrl: config.publicUrl,
  });
  const addresses = createAddressesService({ repo: createAddressesRepo(db) });
  const ordersRepo = createOrdersRepo(db);
  const submissionsRepo = createSubmissionsRepo(db);
  const collectionContext = async (collectionId: string) => {
    const c = await collectionsRepo.collection(collectionId);
    const b = c ? await collectionsRepo.batch(c.batchId) : undefined;
    if (!c || !b) return undefined;
    return { c, b };
  };
  const submissions: SubmissionsService = createSubmissionsService({
    repo: submissionsRepo,
    storage,
    jobs,
    mailer,
    centreName: config.centre.name,
    async collection(collectionId) {
      const ctx = await collectionContext(collectionId);
      if (!ctx) return undefined;
      const { c, b } = ctx;
      return { id: c.id, studentId: c.studentId, batchId: b.id, schoolId: b.schoolId, payer: b.payer, capturePolicy: b.capturePolicy, specId: b.specId, background: b.background };
    },
    async paymentSettled(c) {
      return collectionFeeSettled(c.payer, c.payer === 'school' ? [] : await ordersRepo.listByCollection(c.id), c.id);
    },
    async onEvent(event, s, c) {
      const message =
        event === 'approved'
          ? journeyMessages.submissionApproved(c.id)
          : event === 'rejected'
            ? journeyMessages.submissionRejected(c.id, s.rejectReason ?? '')
            : journeyMessages.submissionPendingReview(c.id);
      await notifications.notify(c.studentId, `submission.${event}`, message);
    },
  });
  const orders = createOrdersService({
    repo: ordersRepo,
    jobs,
    timeoutMinutes: config.orders.timeoutMinutes,
    async collection(collectionId) {
      const ctx = await collectionContext(collectionId);
      if (!ctx) return undefined;
      const approved = (await submissionsRepo.listForCollection(collectionId)).some((s) => s.status === 'approved');
      return { id: ctx.c.id, studentId: ctx.c.studentId, payer: ctx.b.payer, priceNoPrintsCents: ctx.b.priceNoPrintsCents, priceWithPrintsCents: ctx.b.priceWithPrintsCents, approved };
    },
    address: (studentId, addressId) => addresses.snapshot(studentId, addressId),
    onPaid: (order) => submissions.releaseForCollection(order.collectionId),
    async onStatusChange(order) {
      const message =
        order.status === 'paid'
          ? journeyMessages.orderPaid(order.orderNo, order.amountCents)
          : order.status === 'closed'
            ? journeyMessages.orderClosed(order.orderNo)
            : order.status === 'completed'
              ? journeyMessages.orderCompleted(order.orderNo)
              : null;
      if (message) await notifications.notify(order.studentId, `order.${order.status}`, message);
    },
  });
  const paymentProvider = overrides.paymentProvider ?? createPaymentProvider(config.payment);
  const paymentsRepo = createPaymentsRepo(db);
  const refunds = createRefundsService({
    repo: paymentsRepo,
    findOrder: (id) => ordersRepo.findById(id),
    ...(paymentProvider.client ? { wechat: paymentProvider.client } : {}),
    ...(paymentProvider.alipay ? { alipay: paymentProvider.alipay } : {}),
    refundNotifyUrl: config.payment.refundNotifyUrl,
    async onRefunded(order, refund) {
      await notifications.notify(order.studentId, 'order.refunded', journeyMessages.orderRefunded(order.orderNo, refund.amountCents));
      await consoleOrders.afterRefund(order, refund); // console-b: SMS; a refunded collection order leaves review
    },
  });
  const wechatOAuth = createWechatOAuthService({
    repo: createWechatOAuthRepo(db),
    oauth: paymentProvider.mp,
    secret: config.secrets.session,
    publicUrl: config.publicUrl,
  });
  const payments = createPaymentsService({
    orders,
    repo: paymentsRepo,
    refunds,
    ...(paymentProvider.client ? { wechat: paymentProvider.client } : {}),
    ...(paymentProvider.alipay ? { alipay: paymentProvider.alipay, alipayNotifyUrl: config.payment.alipayNotifyUrl } : {}),
    methods: paymentProvider.methods,
    oauth: wechatOAuth,
    ...(paymentProvider.sandbox ? { sandboxBridgeScript: paymentProvider.sandbox.bridgeScriptUrl } : {}),
    provider: paymentProvider.provider,
    notifyUrl: config.payment.notifyUrl,
    description: (o) => orderDescription(config.centre.name, o),
    publicUrl: config.publicUrl,
  });
  const home = createHomeService({ collections: collectionsRepo, collectionsService: collections, submissions: submissionsRepo, orders: ordersRepo });
  const reviews = createReviewsService({
    claimTtlSeconds: config.reviews.claimTtlSeconds,
    repo: createReviewsRepo(db),
    submissions,
    submissionsRepo,
    collections: collectionsRepo,
    idCrypto,
    audit,
    notify: (studentId, kind, message) => notifications.notify(studentId, kind, message),
  });

  // ── console-a: schools, batches, roster ──
  const schoolsRepo = createSchoolsRepo(db);
  const schools = createSchoolsService({ repo: schoolsRepo, audit });
  const batches = createBatchesService({ repo: createBatchesRepo(db), schools: schoolsRepo, audit });
  const roster = createRosterService({
    repo: createRosterRepo(db),
    batch: batches.load,
    storage,
    jobs,
    idCrypto,
    audit,
    files: { sniff: spreadsheet.sniffSpreadsheet, read: spreadsheet.readSpreadsheet, csv: spreadsheet.writeCsv, xlsx: spreadsheet.writeXlsx },
  });
  const codes = createCodesService({ repo: createCodesRepo(db), batch: batches.load, audit, renderSheet: renderQrSheet, publicUrl: config.publicUrl });
  const progress = createProgressService({ repo: createProgressRepo(db), batch: batches.load, audit, csv: spreadsheet.writeCsv });
  const staffAccounts = createStaffAccountsService({ repo: createStaffAccountsRepo(db), hasher, audit, endSessions: (id) => sessions.destroyAllFor('staff', id) });

  // ── console-b: console orders and refunds ──
  const consoleOrders = createConsoleOrdersService({
    repo: createConsoleOrdersRepo(db),
    orders: ordersRepo,
    refunds,
    submissions: submissionsRepo,
    idCrypto,
    audit,
    notify: (studentId, kind, message) => notifications.notify(studentId, kind, message),
    sms,
    smsSignature: config.sms.signature,
    studentPhone: async (studentId) => (await accountsRepo.findById(studentId))?.phone ?? null,
  });
  // ── console-b: print runs, shipping, 学信网 exports ──
  const prints = createPrintsService({
    repo: createPrintsRepo(db),
    jobs,
    storage,
    audit,
    batchExists: async (batchId) => (await collectionsRepo.batch(batchId)) !== undefined,
    processPrintSizes: (bytes, sizes, opts) => photoEngine.processPrintSizes(bytes, sizes, opts),
    sizesForLayout,
    createPdf: createPrintRunPdf,
  });
  const shipping = createShippingService({
    repo: createShippingRepo(db),
    orders: ordersRepo,
    audit,
    notify: (studentId, kind, message) => notifications.notify(studentId, kind, message),
    files: { sniff: spreadsheet.sniffSpreadsheet, read: spreadsheet.readSpreadsheet, csv: spreadsheet.writeCsv },
    batch: (batchId) => collectionsRepo.batch(batchId),
    autoCompleteDays: config.orders.autoCompleteDays,
  });
  const exports = createExportsService({
    repo: createExportsRepo(db),
    jobs,
    storage,
    audit,
    idCrypto,
    schoolOfBatch: async (batchId) => (await collectionsRepo.batch(batchId))?.schoolId,
    schoolExists: async (schoolId) => (await schoolsRepo.school(schoolId)) !== undefined,
    createArchive: createPhotoArchive,
  });

  // ── privacy: originals deleted after the retention period; a student's data deletion ──
  const retention = createRetentionService({ repo: createRetentionRepo(db), storage, audit, retentionDays: config.privacy.originalsRetentionDays });
  const builtFiles = createBuiltFilesService({ repo: createBuiltFilesRepo(db), storage, audit, jobs });
  const privacy = createPrivacyService({
    repo: createPrivacyRepo(db),
    hasher,
    verification,
    storage,
    audit,
    jobs,
    sms,
    mailer,
    emptyIdCiphertext: () => idCrypto.encrypt(''),
    printCacheKeys: (submissionId, background) => PRINT_SIZES.map((size) => printCacheKey(submissionId, background, size)),
    smsSignature: config.sms.signature,
    centreName: config.centre.name,
    centrePhone: config.centre.phone,
  });

  // ID card OCR for registration: models load on the first read, not at start
  const ocr = createOcrService({ ocr: overrides.idCardOcr ?? createPaddleIdCardOcr() });

  return {
    config,
    ocr,
    database,
    storage,
    sms,
    mailer,
    idCrypto,
    sessions,
    throttle,
    verification,
    accounts,
    staff,
    audit,
    seed,
    jobs,
    photoEngine,
    collections,
    collectionCodes,
    collectionsRepo,
    notifications,
    addresses,
    submissions,
    orders,
    ordersRepo,
    home,
    reviews,
    paymentProvider,
    payments,
    refunds,
    wechatOAuth,
    schools,
    batches,
    roster,
    codes,
    progress,
    staffAccounts,
    consoleOrders,
    prints,
    shipping,
    exports,
    retention,
    privacy,
    builtFiles,
  };
}
export type Container = ReturnType<typeof createContainer>;
