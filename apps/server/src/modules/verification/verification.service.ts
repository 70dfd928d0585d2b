import { createHmac } from 'node:crypto';
import type { CodeChannel, VerificationPurpose } from '@gradphoto/contracts/accounts';
import { bilingual as m, errors } from '../../errors.js';
import { randomDigits, safeEqual } from '../../lib/tokens.js';
import type { Mailer } from '../../adapters/mailer.js';
import type { SmsSender } from '../../adapters/sms.js';
import type { VerificationRepo } from './verification.repo.js';

export const CODE_POLICY = {
  ttlMs: 10 * 60_000,
  resendAfterMs: 60_000,
  maxAttempts: 5,
  perTargetPerDay: 10,
  perIpPerHour: 30,
};

const PURPOSE_TEXT: Record<VerificationPurpose, { zh: string; en: string }> = {
  register: { zh: '注册', en: 'registration' },
  login: { zh: '登录', en: 'login' },
  reset: { zh: '重置密码', en: 'password reset' },
  change_contact: { zh: '更换联系方式', en: 'contact change' },
  delete_account: { zh: '删除账号及个人信息', en: 'account and data deletion' },
};

export interface VerificationDeps {
  repo: VerificationRepo;
  sms: SmsSender;
  mailer: Mailer;
  secret: string;
  smsSignature: string;
  centreName: string;
  /** Wait before another code to the same target (default 60 s). */
  resendAfterMs?: number;
  now?: () => Date;
}

/** 6-digit one-time codes by SMS or email: throttled per target and per IP, 5 tries, 10 minutes. */
export function createVerificationService(deps: VerificationDeps) {
  const now = deps.now ?? (() => new Date());
  const resendAfterMs = deps.resendAfterMs ?? CODE_POLICY.resendAfterMs;
  const hashCode = (target: string, code: string) =>
    createHmac('sha256', deps.secret).update(`${target}:${code}`).digest('hex');

  return {
    async send(input: { purpose: VerificationPurpose; channel: CodeChannel; target: string; ip: string; deliver: boolean }) {
      const t = now();
      const latest = await deps.repo.latestForTarget(input.channel, input.target);
      if (latest) {
        const waitMs = latest.createdAt.getTime() + resendAfterMs - t.getTime();
        if (waitMs > 0) {
          const retryAfterSeconds = Math.ceil(waitMs / 1000);
          throw errors.rateLimited(
            'CODE_THROTTLED',
            m(`发送太频繁，请 ${retryAfterSeconds} 秒后再试`, `Too many codes; try again in ${retryAfterSeconds} s`),
            { retryAfterSeconds },
          );
        }
      }
      const dayAgo = new Date(t.getTime() - 24 * 3600_000);
      const hourAgo = new Date(t.getTime() - 3600_000);
      if (
        (await deps.repo.countForTargetSince(input.channel, input.target, dayAgo)) >= CODE_POLICY.perTargetPerDay ||
        (await deps.repo.countForIpSince(input.ip, hourAgo)) >= CODE_POLICY.perIpPerHour
      ) {
        throw errors.rateLimited(
          'CODE_THROTTLED',
          m('今天发送的验证码太多，请稍后再试', 'Too many codes today; please try again later'),
          { retryAfterSeconds: 3600 },
        );
      }
      const code = randomDigits(6);
      await deps.repo.insert({
        purpose: input.purpose,
        channel: input.channel,
        target: input.target,
        codeHash: hashCode(input.target, code),
        expiresAt: new Date(t.getTime() + CODE_POLICY.ttlMs),
        ip: input.ip,
        createdAt: t,
      });
      // When the target has no account (login/reset), a code row is kept for throttling but nothing
      // is delivered, so the response can't be used to find out who is registered.
      if (input.deliver) {
        const purpose = PURPOSE_TEXT[input.purpose];
        if (input.channel === 'sms') {
          await deps.sms.send({
            to: input.target,
            template: 'verify_code',
            params: { code, purpose: input.purpose },
            text: `【${deps.smsSignature}】您的${purpose.zh}验证码是 ${code}，10 分钟内有效。如非本人操作请忽略。`,
          });
        } else {
          await deps.mailer.send({
            to: input.target,
            subject: `${deps.centreName} 验证码 / Verification code: ${code}`,
            text: `您的${purpose.zh}验证码是 ${code}，10 分钟内有效。\nYour ${purpose.en} code is ${code}. It is valid for 10 minutes.`,
          });
        }
      }
      return { sent: true as const, retryAfterSeconds: resendAfterMs / 1000 };
    },

    /** Checks and consumes a code; throws CODE_INVALID otherwise. */
    async verify(input: { purpose: VerificationPurpose; channel: CodeChannel; target: string; code: string }): Promise<void> {
      const t = now();
      const row = await deps.repo.takeAttempt(input, t, CODE_POLICY.maxAttempts);
      if (!row || !safeEqual(row.codeHash, hashCode(input.target, input.code)) || !(await deps.repo.consume(row.id, t))) {
        throw errors.validation(
          'CODE_INVALID',
          m('验证码错误或已过期，请重新获取', 'The code is wrong or has expired; please request a new one'),
          [{ path: 'code', message: m('验证码错误或已过期', 'Wrong or expired code') }],
        );
      }
    },
    purgeExpired: () => deps.repo.deleteExpired(new Date(now().getTime() - 24 * 3600_000)),
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
