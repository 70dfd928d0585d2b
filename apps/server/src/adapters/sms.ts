import { writeOutboxFile } from './outbox.js';

export interface SmsMessage {
  to: string;
  /** Template id as SMS providers require (e.g. `verify_code`). */
  template: string;
  params: Record<string, string>;
  /** Rendered text, with the signature. */
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/**
 * Development SMS provider: one JSON file per message in `<DATA_DIR>/outbox/sms/`
 * (fields: to, template, params, text, sentAt). e2e tests read codes from `params.code`.
 */
export function createOutboxSms(dir: string): SmsSender {
  return {
    async send(message) {
      await writeOutboxFile(dir, { ...message });
    },
  };
}
