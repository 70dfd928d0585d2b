import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface SmsFile {
  to: string;
  params: Record<string, string>;
  text: string;
}
interface MailFile {
  to: string;
  subject: string;
  text: string;
}

function files(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

async function poll<T>(what: string, find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = find();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Number of messages already in an outbox folder (to wait for the next one). */
export function outboxCount(dataDir: string, kind: 'sms' | 'mail'): number {
  return files(path.join(dataDir, 'outbox', kind)).length;
}

/** The code of the newest SMS to `phone` among messages after the first `after` files. */
export function smsCode(dataDir: string, phone: string, after = 0): Promise<string> {
  return poll(`an SMS to ${phone}`, () => {
    const list = files(path.join(dataDir, 'outbox', 'sms'))
      .slice(after)
      .reverse();
    for (const f of list) {
      const m = JSON.parse(readFileSync(f, 'utf8')) as SmsFile;
      if (m.to === phone && m.params.code) return m.params.code;
    }
    return undefined;
  });
}

/** The 6-digit code in the newest mail to `address` among messages after the first `after` files. */
export function mailCode(dataDir: string, address: string, after = 0): Promise<string> {
  return poll(`a mail to ${address}`, () => {
    const list = files(path.join(dataDir, 'outbox', 'mail'))
      .slice(after)
      .reverse();
    for (const f of list) {
      const m = JSON.parse(readFileSync(f, 'utf8')) as MailFile;
      const code = m.to === address ? /\b(\d{6})\b/.exec(m.text)?.[1] : undefined;
      if (code) return code;
    }
    return undefined;
  });
}

/** The answer of a captcha (written by the server when DEV_EXPOSE_CAPTCHA=true). */
export function captchaAnswer(dataDir: string, captchaId: string): Promise<string> {
  return poll(`captcha ${captchaId}`, () => {
    try {
      return (
        JSON.parse(readFileSync(path.join(dataDir, 'outbox', 'captcha', `${captchaId}.json`), 'utf8')) as {
          answer: string;
        }
      ).answer;
    } catch {
      return undefined;
    }
  });
}
