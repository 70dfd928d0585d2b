import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { InjectClient, TestContext } from './harness.js';
import { lastSmsCode, makeIdNumber } from './harness.js';

export const PORTRAITS = path.join(import.meta.dirname, '../../../../packages/photo/test-fixtures/portraits');
export const portrait = (name: string) => readFileSync(path.join(PORTRAITS, name));

let counter = 0;
/** Registers a fresh student and returns the logged-in client and its ID number. */
export async function registerStudent(t: TestContext & { client(ip?: string): InjectClient }) {
  counter += 1;
  const n = String(counter).padStart(3, '0');
  const phone = `1370000${String(1000 + counter).slice(-4)}`;
  const idNumber = makeIdNumber(`33010619990307${n}`);
  const client = t.client(`10.9.${counter}.1`);
  expect((await client.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: phone })).statusCode).toBe(200);
  const res = await client.post('/api/auth/register', {
    idType: 'id_card', idNumber, name: `学生${n}`, gender: 'female', phone, email: `s${n}@example.com`, password: 'student-pass-1', code: lastSmsCode(t, phone), agreed: true,
  });
  expect(res.statusCode).toBe(200);
  return { client, idNumber, phone };
}

export function graduateForm(idNumber: string) {
  return {
    name: '王小红', studentNumber: '2023001', idNumber, department: '计算机学院', major: '软件工程',
    educationLevel: '本科', educationCategory: '普通全日制', email: 'w@example.com', phone: '',
  };
}

/** Multipart body for a photo upload. */
export function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer; type: string }) {
  const boundary = `----gp${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Polls the submission until processing is done (the job runs in this process). */
export async function waitProcessed(client: InjectClient, submissionId: string, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    const s = (await client.get(`/api/submissions/${submissionId}`)).json();
    if (s.status !== 'processing') return s;
    if (Date.now() - start > timeoutMs) throw new Error('processing timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
