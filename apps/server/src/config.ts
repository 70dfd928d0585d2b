import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PAY_METHODS, type PayMethod } from '@gradphoto/contracts/payments';
import { alipayPrivateKey, alipayPublicKey } from './adapters/alipay/sign.js';
import { paymentNotifyUrls, type AlipaySettings, type PaymentConfig } from './modules/payments/payment-provider.js';
import type { S3StorageConfig } from './storage/s3-storage.js';
import { REVIEW_CLAIM_TTL_SECONDS } from '@gradphoto/contracts/console-reviews';

/**
 * The only reader of process.env. Validates everything at start and fails fast, listing every bad key.
 * Secrets missing in development are generated once and kept in `<DATA_DIR>/secrets.json`;
 * in production they must be given.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  ID_ENCRYPTION_KEY: base64Key.optional(),
  ID_HMAC_KEY: base64Key.optional(),
  COOKIE_SECURE: bool.default(true),
  TRUST_PROXY: bool.default(false),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 lower-case letters, digits, dots and dashes)').optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]+$/, 'must be a region name such as cn-north-1 or us-east-1').optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_PREFIX: z
    .string()
    .refine((v) => /^[\w\-./]*$/.test(v) && !v.split('/').includes('..'), 'must be a key prefix: letters, digits, -, _ and . separated by /')
    .optional(),
  MAIL_TRANSPORT: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_URL: z.string().startsWith('smtp').optional(),
  MAIL_FROM: z.string().default('GradPhoto <no-reply@localhost>'),
  SMS_PROVIDER: z.enum(['outbox']).default('outbox'),
  SMS_SIGNATURE: z.string().default('毕业照采集'),
  CENTRE_NAME: z.string().default('示范图像采集中心'),
  CENTRE_PHONE: z.string().default('400-000-0000'),
  CENTRE_SERVICE_HOURS: z.string().default('周一至周五 9:00–17:30'),
  CENTRE_NAME_EN: z.string().default('Demo Photo Collection Centre'),
  CENTRE_SERVICE_HOURS_EN: z.string().default('Mon–Fri 9:00–17:30'),
  CODE_RESEND_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  SEED_DEMO: bool.default(true),
  SEED_ADMIN_PASSWORD: z.string().min(8).optional(),
  SEED_REVIEWER_PASSWORD: z.string().min(8).optional(),
  SEED_COORDINATOR_PASSWORD: z.string().min(8).optional(),
  DEV_EXPOSE_CAPTCHA: bool.default(false),
  WEB_DIST_DIR: z.string().optional(),
  JOBS_IN_PROCESS: bool.default(true),
  PHOTO_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  ORDER_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** how long a reviewer holds a photo without a heartbeat (the page renews it while the photo is shown) */
  REVIEW_CLAIM_TTL_SECONDS: z.coerce.number().int().min(15).max(3600).default(REVIEW_CLAIM_TTL_SECONDS),
  ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  ORIGINALS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** `sandbox`, or the real providers students may choose from, in this order: `wechat`, `alipay`, `wechat,alipay` */
  PAYMENT_PROVIDER: z
    .string()
    .default('sandbox')
    .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
    .refine((list) => (list.length === 1 && list[0] === 'sandbox') || (list.length > 0 && list.every((p) => (PAY_METHODS as readonly string[]).includes(p)) && new Set(list).size === list.length), {
      message: 'must be sandbox, or wechat, alipay or both separated by a comma (wechat,alipay)',
    }),
  WECHATPAY_BASE_URL: z.url().default('https://api.mch.weixin.qq.com'),
  WECHATPAY_MCHID: z.string().optional(),
  WECHATPAY_APPID: z.string().optional(),
  WECHATPAY_MCH_SERIAL_NO: z.string().optional(),
  WECHATPAY_MCH_PRIVATE_KEY_FILE: z.string().optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: z.string().optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32).optional(),
  WECHAT_MP_APPID: z.string().regex(/^wx[0-9A-Za-z]{16}$/, 'must be an official account AppID (wx and 16 letters or digits)').optional(),
  WECHAT_MP_SECRET: z.string().regex(/^[0-9A-Za-z]{32}$/, 'must be the 32-character AppSecret').optional(),
  WECHAT_MP_OAUTH_URL: z.url().default('https://open.weixin.qq.com'),
  WECHAT_MP_API_URL: z.url().default('https://api.weixin.qq.com'),
  ALIPAY_APP_ID: z.string().regex(/^\d{16}$/, 'must be the 16-digit APPID of the open-platform application').optional(),
  ALIPAY_PRIVATE_KEY: z.string().min(1).optional(),
  ALIPAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  ALIPAY_PUBLIC_KEY: z.string().min(1).optional(),
  ALIPAY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  ALIPAY_GATEWAY_URL: z.url().default('https://openapi.alipay.com/gateway.do'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  databaseUrl: string | undefined;
  secrets: { session: string; idEncryptionKey: Buffer; idHmacKey: Buffer };
  cookieSecure: boolean;
  trustProxy: boolean;
  tls: { certFile: string; keyFile: string } | undefined;
  storage: { driver: 'local'; dir: string } | ({ driver: 's3' } & S3StorageConfig);
  mail: { transport: 'outbox' | 'smtp'; smtpUrl: string | undefined; from: string; outboxDir: string };
  sms: { provider: 'outbox'; signature: string; outboxDir: string };
  centre: { name: string; phone: string; serviceHours: string; nameEn: string; serviceHoursEn: string };
  codeResendSeconds: number;
  seed: { demo: boolean; adminPassword?: string; reviewerPassword?: string; coordinatorPassword?: string };
  devExposeCaptchaDir: string | undefined;
  webDistDir: string;
  jobsInProcess: boolean;
  photoThreads: number;
  orders: { timeoutMinutes: number; autoCompleteDays: number };
  reviews: { claimTtlSeconds: number };
  /** PIPL: days an original photo is kept once its submission is finished (see modules/privacy). */
  privacy: { originalsRetentionDays: number };
  payment: PaymentConfig;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function loadOrCreateDevSecrets(dataDir: string): { session: string; idKey: string; hmacKey: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { session: string; idKey: string; hmacKey: string };
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    session: randomBytes(32).toString('base64url'),
    idKey: randomBytes(32).toString('base64'),
    hmacKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Keys that STORAGE_DRIVER=s3 requires (S3_ENDPOINT, S3_PREFIX and S3_FORCE_PATH_STYLE are optional). */
function storageProblems(source: NodeJS.ProcessEnv): string[] {
  if (source.STORAGE_DRIVER !== 's3') return [];
  return (['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
    .filter((key) => !source[key])
    .map((key) => `${key}: required when STORAGE_DRIVER=s3`);
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    // the keys a driver requires are listed with the malformed ones, so one start shows every bad key
    throw new ConfigError([...parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`), ...storageProblems(source)]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    for (const key of ['SESSION_SECRET', 'ID_ENCRYPTION_KEY', 'ID_HMAC_KEY'] as const) {
      if (!e[key]) problems.push(`${key}: required in production`);
    }
    if (e.DEV_EXPOSE_CAPTCHA) problems.push('DEV_EXPOSE_CAPTCHA: must not be enabled in production');
  }
  if (e.MAIL_TRANSPORT === 'smtp' && !e.SMTP_URL) problems.push('SMTP_URL: required when MAIL_TRANSPORT=smtp');
  const providers = e.PAYMENT_PROVIDER;
  if (providers.includes('wechat')) {
    // JSAPI payment inside WeChat's browser needs the official account (公众号) for the payer's openid
    for (const key of ['WECHATPAY_MCHID', 'WECHATPAY_APPID', 'WECHATPAY_MCH_SERIAL_NO', 'WECHATPAY_MCH_PRIVATE_KEY_FILE', 'WECHATPAY_PLATFORM_PUBLIC_KEY_FILE', 'WECHATPAY_APIV3_KEY', 'WECHAT_MP_APPID', 'WECHAT_MP_SECRET'] as const) {
      if (!e[key]) problems.push(`${key}: required when PAYMENT_PROVIDER includes wechat`);
    }
    if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) problems.push('PUBLIC_URL: required for WeChat Pay notifications in production');
  }
  const alipay = providers.includes('alipay') ? alipaySettings(e, problems) : undefined;
  if (alipay && e.NODE_ENV === 'production' && !e.PUBLIC_URL) problems.push('PUBLIC_URL: required for Alipay notifications in production');
  if (e.NODE_ENV === 'production' && providers[0] === 'sandbox') problems.push('PAYMENT_PROVIDER: the sandbox takes no real money; use wechat, alipay or wechat,alipay in production');
  problems.push(...storageProblems(source));
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) problems.push('TLS_CERT_FILE/TLS_KEY_FILE: give both or neither');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const dev = e.SESSION_SECRET && e.ID_ENCRYPTION_KEY && e.ID_HMAC_KEY ? null : loadOrCreateDevSecrets(dataDir);
  const outbox = path.join(dataDir, 'outbox');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secrets: {
      session: e.SESSION_SECRET ?? dev!.session,
      idEncryptionKey: Buffer.from(e.ID_ENCRYPTION_KEY ?? dev!.idKey, 'base64'),
      idHmacKey: Buffer.from(e.ID_HMAC_KEY ?? dev!.hmacKey, 'base64'),
    },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION!,
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            prefix: e.S3_PREFIX,
          }
        : { driver: 'local', dir: path.join(dataDir, 'files') },
    mail: { transport: e.MAIL_TRANSPORT, smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: path.join(outbox, 'mail') },
    sms: { provider: e.SMS_PROVIDER, signature: e.SMS_SIGNATURE, outboxDir: path.join(outbox, 'sms') },
    centre: { name: e.CENTRE_NAME, phone: e.CENTRE_PHONE, serviceHours: e.CENTRE_SERVICE_HOURS, nameEn: e.CENTRE_NAME_EN, serviceHoursEn: e.CENTRE_SERVICE_HOURS_EN },
    codeResendSeconds: e.CODE_RESEND_SECONDS,
    seed: {
      demo: e.SEED_DEMO,
      adminPassword: e.SEED_ADMIN_PASSWORD,
      reviewerPassword: e.SEED_REVIEWER_PASSWORD,
      coordinatorPassword: e.SEED_COORDINATOR_PASSWORD,
    },
    devExposeCaptchaDir: e.DEV_EXPOSE_CAPTCHA ? path.join(outbox, 'captcha') : undefined,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(import.meta.dirname, '../../web/dist')),
    jobsInProcess: e.JOBS_IN_PROCESS,
    photoThreads: e.PHOTO_THREADS,
    orders: { timeoutMinutes: e.ORDER_TIMEOUT_MINUTES, autoCompleteDays: e.ORDER_AUTO_COMPLETE_DAYS },
    reviews: { claimTtlSeconds: e.REVIEW_CLAIM_TTL_SECONDS },
    privacy: { originalsRetentionDays: e.ORIGINALS_RETENTION_DAYS },
    payment: paymentConfig(e, dataDir, alipay),
  };
}

/** Alipay's keys (inline or from files), read and checked now so that a bad key stops the start. */
function alipaySettings(e: Env, problems: string[]): AlipaySettings | undefined {
  const read = (key: 'ALIPAY_PRIVATE_KEY' | 'ALIPAY_PUBLIC_KEY', parse: (text: string) => unknown, what: string): string | undefined => {
    const fileKey = `${key}_FILE` as const;
    if (e[key] && e[fileKey]) return void problems.push(`${key}/${fileKey}: give one of them`);
    let text = e[key];
    if (!text && e[fileKey]) {
      try {
        text = readFileSync(e[fileKey], 'utf8');
      } catch (err) {
        return void problems.push(`${fileKey}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    if (!text) return void problems.push(`${key} or ${fileKey}: required when PAYMENT_PROVIDER includes alipay`);
    try {
      parse(text);
      return text;
    } catch {
      return void problems.push(`${e[key] ? key : fileKey}: not ${what} (PEM, or the key tool's base64)`);
    }
  };
  if (!e.ALIPAY_APP_ID) problems.push('ALIPAY_APP_ID: required when PAYMENT_PROVIDER includes alipay');
  const privateKey = read('ALIPAY_PRIVATE_KEY', alipayPrivateKey, 'an RSA private key');
  const publicKey = read('ALIPAY_PUBLIC_KEY', alipayPublicKey, 'an RSA public key');
  if (!e.ALIPAY_APP_ID || !privateKey || !publicKey) return undefined;
  return { gatewayUrl: e.ALIPAY_GATEWAY_URL, appId: e.ALIPAY_APP_ID, privateKey, alipayPublicKey: publicKey };
}

function paymentConfig(e: Env, dataDir: string, alipay: AlipaySettings | undefined): PaymentConfig {
  const notify = paymentNotifyUrls(e.PUBLIC_URL, e.PORT);
  if (e.PAYMENT_PROVIDER[0] === 'sandbox') return { provider: 'sandbox', ...notify, dataDir, merchantName: e.CENTRE_NAME, publicUrl: e.PUBLIC_URL };
  const methods = e.PAYMENT_PROVIDER as PayMethod[];
  return { provider: 'live', ...notify, methods, ...(alipay ? { alipay } : {}), ...(methods.includes('wechat') ? { wechat: wechatSettings(e) } : {}) };
}

function wechatSettings(e: Env) {
  return {
    baseUrl: e.WECHATPAY_BASE_URL,
    mchid: e.WECHATPAY_MCHID!,
    appid: e.WECHATPAY_APPID!,
    merchantSerialNo: e.WECHATPAY_MCH_SERIAL_NO!,
    merchantPrivateKeyFile: e.WECHATPAY_MCH_PRIVATE_KEY_FILE!,
    platformPublicKeyFile: e.WECHATPAY_PLATFORM_PUBLIC_KEY_FILE!,
    platformPublicKeyId: e.WECHATPAY_PLATFORM_PUBLIC_KEY_ID,
    apiV3Key: e.WECHATPAY_APIV3_KEY!,
    mp: { appid: e.WECHAT_MP_APPID!, secret: e.WECHAT_MP_SECRET!, oauthBaseUrl: e.WECHAT_MP_OAUTH_URL, apiBaseUrl: e.WECHAT_MP_API_URL },
  };
}
