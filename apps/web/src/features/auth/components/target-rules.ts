import type { CodeChannel } from '@gradphoto/contracts/accounts';

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Form rules for a phone (sms) or email target. */
export function targetRules(channel: CodeChannel, t: (k: string) => string) {
  return channel === 'sms'
    ? [
        { required: true, message: t('validation.phoneRequired') },
        { pattern: PHONE_RE, message: t('validation.phone') },
      ]
    : [
        { required: true, message: t('validation.emailRequired') },
        { pattern: EMAIL_RE, message: t('validation.email') },
      ];
}
