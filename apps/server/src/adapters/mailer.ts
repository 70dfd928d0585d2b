import nodemailer from 'nodemailer';
import { writeOutboxFile } from './outbox.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer (production). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

/**
 * Development mail: nodemailer builds the real MIME message; it is kept in `<DATA_DIR>/outbox/mail/`
 * as JSON (to, subject, text, attachment names, and the raw .eml source).
 */
export function createOutboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await writeOutboxFile(dir, {
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: (message.attachments ?? []).map((a) => a.filename),
        eml: (info.message as Buffer).toString('utf8'),
      });
    },
  };
}
