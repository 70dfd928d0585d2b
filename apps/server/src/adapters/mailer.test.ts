import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer } from './mailer.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback (smtp-server), with AUTH, receiving what nodemailer sends. */
let server: SMTPServer;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'centre' && auth.password === 's3cret') cb(null, { user: 'centre' });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SMTP mailer (nodemailer → smtp-server on loopback)', () => {
  it('delivers a bilingual message with the photo attached', async () => {
    const mailer = createSmtpMailer(`smtp://centre:s3cret@127.0.0.1:${port}`, '采集中心 <photo@centre.example>');
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await mailer.send({
      to: 'student@example.com',
      subject: '您的学历照片 / Your diploma photo',
      text: '附件是审核通过的照片。\nAttached is your approved photo.',
      attachments: [{ filename: 'diploma-photo.jpg', content: photo, contentType: 'image/jpeg' }],
    });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe('photo@centre.example');
    expect(mail.to).toEqual(['student@example.com']);
    expect(mail.raw).toContain('filename=diploma-photo.jpg');
    expect(mail.raw).toContain(photo.toString('base64'));
    expect(mail.raw).toMatch(/Subject: =\?UTF-8\?/);
  });

  it('fails loudly on bad credentials instead of dropping the mail', async () => {
    const mailer = createSmtpMailer(`smtp://centre:wrong@127.0.0.1:${port}`, 'photo@centre.example');
    await expect(mailer.send({ to: 'student@example.com', subject: 'x', text: 'y' })).rejects.toThrow(/Invalid username or password|535/);
    expect(received).toHaveLength(1);
  });
});
