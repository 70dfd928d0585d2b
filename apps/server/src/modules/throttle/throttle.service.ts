import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bilingual as m, errors } from '../../errors.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { CaptchaRenderer } from '../../adapters/captcha.js';
import type { ThrottleRepo } from './throttle.repo.js';

/**
 * Login throttling without lockout. Failures are counted per account and per IP over a rolling hour.
 * After a few failures a captcha is required; after more, each attempt must wait a growing delay
 * (capped, so the rightful owner can always get in).
 */
export const THROTTLE_POLICY = {
  windowMs: 3600_000,
  account: { captchaAfter: 3, delayAfter: 5, maxDelaySeconds: 60 },
  ip: { captchaAfter: 10, delayAfter: 20, maxDelaySeconds: 300 },
  captchaTtlMs: 5 * 60_000,
};

export interface LoginKeys {
  account: string;
  ip: string;
}

export interface ThrottleDeps {
  repo: ThrottleRepo;
  captcha: CaptchaRenderer;
  /** Development only: write captcha answers here so e2e tests can solve them. */
  exposeCaptchaDir?: string;
  now?: () => Date;
}

export function createThrottleService(deps: ThrottleDeps) {
  const now = deps.now ?? (() => new Date());

  async function state(keys: LoginKeys) {
    const t = now();
    const rows = await deps.repo.get([`account:${keys.account}`, `ip:${keys.ip}`]);
    let captchaRequired = false;
    let retryAfterSeconds = 0;
    for (const row of rows) {
      if (t.getTime() - row.lastFailureAt.getTime() > THROTTLE_POLICY.windowMs) continue;
      const policy = row.key.startsWith('account:') ? THROTTLE_POLICY.account : THROTTLE_POLICY.ip;
      if (row.failures >= policy.captchaAfter) captchaRequired = true;
      if (row.failures >= policy.delayAfter) {
        const delay = Math.min(2 ** (row.failures - policy.delayAfter), policy.maxDelaySeconds);
        const wait = Math.ceil((row.lastFailureAt.getTime() + delay * 1000 - t.getTime()) / 1000);
        retryAfterSeconds = Math.max(retryAfterSeconds, wait);
      }
    }
    return { captchaRequired, retryAfterSeconds };
  }

  return {
    state,
    async createCaptcha(): Promise<{ captchaId: string; svg: string }> {
      const image = deps.captcha.create();
      const captchaId = randomToken(16);
      await deps.repo.insertCaptcha(captchaId, sha256(image.text.toLowerCase()), new Date(now().getTime() + THROTTLE_POLICY.captchaTtlMs));
      if (deps.exposeCaptchaDir) {
        await mkdir(deps.exposeCaptchaDir, { recursive: true });
        await writeFile(path.join(deps.exposeCaptchaDir, `${captchaId}.json`), JSON.stringify({ captchaId, answer: image.text }));
      }
      return { captchaId, svg: image.svg };
    },
    /** Throws LOGIN_THROTTLED / CAPTCHA_REQUIRED / CAPTCHA_WRONG when this attempt may not proceed. */
    async guard(keys: LoginKeys, captcha: { captchaId?: string; captchaAnswer?: string }): Promise<void> {
      const s = await state(keys);
      if (s.retryAfterSeconds > 0) {
        throw errors.rateLimited(
          'LOGIN_THROTTLED',
          m(`尝试次数过多，请 ${s.retryAfterSeconds} 秒后再试`, `Too many attempts; try again in ${s.retryAfterSeconds} s`),
          { retryAfterSeconds: s.retryAfterSeconds, captchaRequired: s.captchaRequired },
        );
      }
      if (!s.captchaRequired) return;
      if (!captcha.captchaId || !captcha.captchaAnswer) {
        throw errors.validation('CAPTCHA_REQUIRED', m('请输入图形验证码', 'Please enter the characters in the picture'), undefined, {
          captchaRequired: true,
        });
      }
      const row = await deps.repo.takeCaptcha(captcha.captchaId);
      if (!row || row.expiresAt < now() || row.answerHash !== sha256(captcha.captchaAnswer.trim().toLowerCase())) {
        throw errors.validation('CAPTCHA_WRONG', m('图形验证码错误，请重试', 'The picture characters were wrong; try the new one'), undefined, {
          captchaRequired: true,
        });
      }
    },
    async recordFailure(keys: LoginKeys) {
      const t = now();
      const resetBefore = new Date(t.getTime() - THROTTLE_POLICY.windowMs);
      await deps.repo.recordFailure(`account:${keys.account}`, t, resetBefore);
      await deps.repo.recordFailure(`ip:${keys.ip}`, t, resetBefore);
      return state(keys);
    },
    recordSuccess: (keys: LoginKeys) => deps.repo.clear(`account:${keys.account}`),
    purgeExpired: () => deps.repo.purge(new Date(now().getTime() - THROTTLE_POLICY.windowMs)),
  };
}
export type ThrottleService = ReturnType<typeof createThrottleService>;
