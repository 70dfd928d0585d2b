import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaddleIdCardOcr } from '../../adapters/ocr-paddle.js';
import { createTestApp } from '../../test/harness.js';
import { ocrRoutes } from './ocr.routes.js';
import { createOcrService } from './ocr.service.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-fixtures/id-card');
const TODAY = new Date('2025-06-01');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file));

/** A multipart body with one file in the field `image`, as the registration page sends it. */
async function form(bytes: Buffer, filename = 'id-card.jpg', type = 'image/jpeg') {
  const fd = new FormData();
  fd.append('image', new Blob([new Uint8Array(bytes)], { type }), filename);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

describe('POST /api/ocr/id-card', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    if (!t.app.hasRoute({ method: 'POST', url: '/api/ocr/id-card' })) {
      await t.app.register(ocrRoutes, { ocr: createOcrService({ ocr: createPaddleIdCardOcr({ today: () => TODAY }), today: () => TODAY }) });
    }
    await t.app.ready();
    const csrf = await t.app.inject({ method: 'GET', url: '/api/csrf' });
    headers = { cookie: csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf.json<{ token: string }>().token };
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (bytes: Buffer, filename?: string, ip = '10.0.0.1') => {
    const { payload, contentType } = await form(bytes, filename);
    return t.app.inject({ method: 'POST', url: '/api/ocr/id-card', payload, headers: { ...headers, 'content-type': contentType }, remoteAddress: ip });
  };

  it.each([
    ['wang-clean.png', '330106200403070131', '王晓明'],
    ['chen-tilted.jpg', '11010820031122019X', '陈思远'],
    ['ouyang-harsh.jpg', '420111200312010136', '欧阳子涵'],
  ])('reads the number and the name from %s', async (file, idNumber, name) => {
    const res = await post(fixture(file), file);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ idNumber: string; idNumberValid: boolean; name: string; confidence: number }>();
    expect(body).toMatchObject({ idNumber, idNumberValid: true, name });
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it('answers 400 IMAGE_INVALID with a bilingual message for a file that is not an image', async () => {
    const res = await post(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >>\n'), 'scan.pdf');
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: { zh: string; en: string } } }>();
    expect(error.code).toBe('IMAGE_INVALID');
    expect(error.message.zh).toMatch(/图片/);
    expect(error.message.en).toMatch(/photo/);
  });

  it('answers 400 OCR_FAILED when the photo holds nothing readable', async () => {
    const blank = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#f4f1ea' } }).jpeg().toBuffer();
    const res = await post(blank, 'blank.jpg');
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: { zh: string; en: string } } }>();
    expect(error.code).toBe('OCR_FAILED');
    expect(error.message.zh).toContain('手动填写');
    expect(error.message.en).toContain('type the number in');
  });

  it('answers 400 FILE_REQUIRED without a file, and 403 without the CSRF token', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/ocr/id-card', payload: '--x--\r\n', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { code: string } }>().error.code).toBe('FILE_REQUIRED');
    const { payload, contentType } = await form(fixture('wang-clean.png'));
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/ocr/id-card', payload, headers: { 'content-type': contentType } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('throttles each IP to 20 reads a minute', async () => {
    const junk = Buffer.from('not an image');
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await post(junk, 'x.jpg', '10.0.0.99')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 400)).toBe(true);
    expect(codes[20]).toBe(429);
    expect((await post(junk, 'x.jpg', '10.0.0.100')).statusCode).toBe(400);
  });
});
