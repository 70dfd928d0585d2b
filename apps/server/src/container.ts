import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createSvgCaptcha } from './adapters/captcha.js';
import { createOutboxMailer, createSmtpMailer, type Mailer } from './adapters/mailer.js';
import { createArgon2Hasher } from './adapters/password-hasher.js';
import { createOutboxSms, type SmsSender } from './adapters/sms.js';
import { createIdCrypto } from './lib/id-crypto.js';
import { createLocalStorage } from './storage/local-storage.js';
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

export interface ContainerOverrides {
  sms?: SmsSender;
  mailer?: Mailer;
}

/** The composition root: adapters → repositories → services. Nothing else wires dependencies. */
export function createContainer(config: Config, database: Database, overrides: ContainerOverrides = {}) {
  const { db } = database;
  const hasher = createArgon2Hasher();
  const idCrypto = createIdCrypto({ encryptionKey: config.secrets.idEncryptionKey, hmacKey: config.secrets.idHmacKey });
  const sms = overrides.sms ?? createOutboxSms(config.sms.outboxDir);
  const mailer =
    overrides.mailer ??
    (config.mail.transport === 'smtp' && config.mail.smtpUrl
      ? createSmtpMailer(config.mail.smtpUrl, config.mail.from)
      : createOutboxMailer(config.mail.outboxDir, config.mail.from));
  const storage = createLocalStorage(config.storage.dir);

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
  });
  const staffRepo = createStaffRepo(db);
  const accounts = createAccountsService({ repo: createAccountsRepo(db), idCrypto, hasher, verification, throttle, sessions });
  const staff = createStaffService({ repo: staffRepo, hasher, throttle, sessions });
  const audit = createAuditService({ repo: createAuditRepo(db) });
  const seed = createSeedService({ staff: staffRepo, schools: createSchoolsRepo(db), hasher });

  return {
    config,
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
  };
}
export type Container = ReturnType<typeof createContainer>;
