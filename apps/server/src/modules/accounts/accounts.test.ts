import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import path from 'node:path';
import { createTestApp, lastMailCode, lastSmsCode, makeIdNumber } from '../../test/harness.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ID = makeIdNumber('33010619990307123');
const PHONE = '13800138000';

async function register(client = t.client(), over: Record<string, unknown> = {}) {
  const phone = (over.phone as string | undefined) ?? PHONE;
  const sent = await client.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: phone });
  expect(sent.statusCode).toBe(200);
  return client.post('/api/auth/register', {
    idType: 'id_card',
    idNumber: ID,
    name: '吴小明',
    gender: 'male',
    phone,
    email: 'wu@example.com',
    password: 'Secret-pass1',
    code: lastSmsCode(t, phone),
    agreed: true,
    ...over,
  });
}

describe('student registration', () => {
  it('refuses state changes without a CSRF token', async () => {
    const res = await t.client().post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: PHONE }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('gives field errors in Chinese and English for a bad form', async () => {
    const res = await t.client().post('/api/auth/register', {
      idType: 'id_card',
      idNumber: '330106199903071230',
      name: '',
      gender: 'male',
      email: 'nope',
      password: '12345678',
      code: '12',
      agreed: false,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION');
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'email', 'password', 'code', 'agreed']));
    const pw = body.error.fields.find((f: { path: string }) => f.path === 'password');
    expect(pw.message.zh).toContain('数字');
    expect(pw.message.en).toContain('digits');
    const badId = await register(t.client('10.0.0.8'), { idNumber: `${ID.slice(0, 17)}${ID[17] === '1' ? '2' : '1'}`, phone: '13500135000' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields[0]).toMatchObject({ path: 'idNumber', message: { zh: '身份证号无效' } });
  });

  it('registers with an SMS code, logs the student in and stores the ID number encrypted', async () => {
    const client = t.client();
    const res = await register(client);
    expect(res.statusCode).toBe(200);
    expect(res.json().student.idNumberMasked).toBe(`3301**********${ID.slice(-4)}`);
    const cookie = res.cookies.find((c) => c.name === 'gp_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const session = await client.get('/api/auth/session');
    expect(session.json().student.name).toBe('吴小明');
    const { rows } = await t.container.database.executeSql('select id_number_enc, id_number_hash from students', []);
    expect(Buffer.from(rows[0]!.id_number_enc as Uint8Array).includes(Buffer.from(ID))).toBe(false);
    expect(rows[0]!.id_number_hash).toBe(t.container.idCrypto.lookupHash(ID));
  });

  it('refuses a second account for the same ID number and a reused code', async () => {
    const res = await register(t.client(), { phone: '13900139000', email: 'other@example.com' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ACCOUNT_EXISTS');
    const again = await t.client().post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: PHONE });
    expect(again.json().error.code).toBe('PHONE_TAKEN');
  });

  it('lets a foreign student register with a passport and an email code', async () => {
    const client = t.client('10.0.0.9');
    const sent = await client.post('/api/auth/codes', { purpose: 'register', channel: 'email', target: 'Anna@Example.com' });
    expect(sent.statusCode).toBe(200);
    const res = await client.post('/api/auth/register', {
      idType: 'passport',
      idNumber: 'e1234 5678',
      name: 'Anna Schmidt',
      gender: 'female',
      email: 'anna@example.com',
      password: 'password-anna',
      code: lastMailCode(t, 'anna@example.com'),
      agreed: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().student.idNumberMasked).toBe('E1*****78');
    const wrong = await client.post('/api/auth/login', { method: 'code', channel: 'email', target: 'anna@example.com', code: '000000' });
    expect(wrong.statusCode).toBe(400);
  });

  it('throttles codes to one a minute per phone', async () => {
    const client = t.client('10.0.0.2');
    expect((await client.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: '13700137000' })).statusCode).toBe(200);
    const res = await client.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: '13700137000' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('CODE_THROTTLED');
    expect(res.json().error.data.retryAfterSeconds).toBeGreaterThan(50);
  });
});

describe('the account page', () => {
  it('changes the email after confirming a code sent to the new address, and sets an avatar', async () => {
    const client = t.client('10.0.1.1');
    await t.container.database.executeSql(`update verification_codes set created_at = now() - interval '2 minutes'`, []);
    expect((await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'Secret-pass1' })).statusCode).toBe(200);
    expect((await client.post('/api/auth/codes', { purpose: 'change_contact', channel: 'email', target: 'anna@example.com' })).json().error.code).toBe('EMAIL_TAKEN');
    await client.post('/api/auth/codes', { purpose: 'change_contact', channel: 'email', target: 'new@example.com' });
    const wrong = await client.post('/api/me/contact', { channel: 'email', target: 'new@example.com', code: '000000' });
    expect(wrong.json().error.code).toBe('CODE_INVALID');
    const ok = await client.post('/api/me/contact', { channel: 'email', target: 'new@example.com', code: lastMailCode(t, 'new@example.com') });
    expect(ok.json().student.email).toBe('new@example.com');

    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const boundary = 'XyZ';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    expect((await client.post('/api/me/avatar', body, { contentType: `multipart/form-data; boundary=${boundary}` })).statusCode).toBe(200);
    const avatar = await client.get('/api/me/avatar');
    expect((await sharp(avatar.rawPayload).metadata()).width).toBe(256);
    const junk = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from('not an image'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    expect((await client.post('/api/me/avatar', junk, { contentType: `multipart/form-data; boundary=${boundary}` })).json().error.code).toBe('IMAGE_INVALID');
    expect((await client.get('/api/me')).json().student.hasAvatar).toBe(true);
    // put the email back for the tests below
    await t.container.database.executeSql(`update students set email = 'wu@example.com' where email = 'new@example.com'`, []);
    await client.post('/api/auth/logout');
  });
});

describe('student login', () => {
  it('logs in with the password and logs out', async () => {
    const client = t.client();
    const res = await client.post('/api/auth/login', { method: 'password', idNumber: ID.toLowerCase(), password: 'Secret-pass1' });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('logs in with an SMS code', async () => {
    const client = t.client();
    await t.container.database.executeSql(`update verification_codes set created_at = now() - interval '2 minutes'`, []);
    expect((await client.post('/api/auth/codes', { purpose: 'login', channel: 'sms', target: PHONE })).statusCode).toBe(200);
    const res = await client.post('/api/auth/login', { method: 'code', channel: 'sms', target: PHONE, code: lastSmsCode(t, PHONE) });
    expect(res.statusCode).toBe(200);
    expect(res.json().student.phone).toBe(PHONE);
  });

  it('does not reveal whether a phone is registered, and sends it nothing', async () => {
    const outbox = t.container.config.sms.outboxDir;
    const before = readdirSync(outbox).length;
    const res = await t.client('10.0.0.3').post('/api/auth/codes', { purpose: 'login', channel: 'sms', target: '13600136000' });
    expect(res.statusCode).toBe(200);
    expect(readdirSync(outbox).length).toBe(before);
  });

  it('resets the password by SMS code and ends old sessions', async () => {
    const old = t.client();
    await old.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'Secret-pass1' });
    const client = t.client('10.0.0.4');
    await new Promise((r) => setTimeout(r, 10));
    // the previous login code was sent less than a minute ago: wait is enforced
    const early = await client.post('/api/auth/codes', { purpose: 'reset', channel: 'sms', target: PHONE });
    expect(early.statusCode).toBe(429);
    await t.container.database.executeSql(`update verification_codes set created_at = now() - interval '2 minutes'`, []);
    await client.post('/api/auth/codes', { purpose: 'reset', channel: 'sms', target: PHONE });
    const res = await client.post('/api/auth/password-reset', { channel: 'sms', target: PHONE, code: lastSmsCode(t, PHONE), newPassword: 'New-secret-2' });
    expect(res.statusCode).toBe(200);
    expect((await old.get('/api/me')).statusCode).toBe(401);
    const login = await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'New-secret-2' });
    expect(login.statusCode).toBe(200);
  });

  it('asks for a captcha after repeated failures, then delays, and never locks the owner out', async () => {
    const client = t.client('10.0.0.5');
    const wrong = () => client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'wrong-password' });
    for (let i = 0; i < 3; i++) expect((await wrong()).json().error.code).toBe('BAD_CREDENTIALS');
    const needCaptcha = await wrong();
    expect(needCaptcha.json().error.code).toBe('CAPTCHA_REQUIRED');
    const solve = async () => {
      const { captchaId } = (await client.get('/api/auth/captcha')).json<{ captchaId: string }>();
      const file = path.join(t.container.config.devExposeCaptchaDir!, `${captchaId}.json`);
      return { captchaId, captchaAnswer: JSON.parse(readFileSync(file, 'utf8')).answer as string };
    };
    const badCaptcha = await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'x', captchaId: (await solve()).captchaId, captchaAnswer: 'zzzz' });
    expect(badCaptcha.json().error.code).toBe('CAPTCHA_WRONG');
    for (let i = 0; i < 2; i++) {
      const r = await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'wrong', ...(await solve()) });
      expect(r.json().error.code).toBe('BAD_CREDENTIALS');
    }
    // 5 failures: the next attempt must wait
    const throttled = await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'New-secret-2', ...(await solve()) });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('LOGIN_THROTTLED');
    expect(throttled.headers['retry-after']).toBeDefined();
    await new Promise((r) => setTimeout(r, 1100 * Number(throttled.json().error.data.retryAfterSeconds)));
    const ok = await client.post('/api/auth/login', { method: 'password', idNumber: ID, password: 'New-secret-2', ...(await solve()) });
    expect(ok.statusCode).toBe(200);
    // success clears the account's counter: no captcha next time
    await client.post('/api/auth/logout');
    const again = await t.client('10.0.0.6').post('/api/auth/login', { method: 'password', idNumber: ID, password: 'New-secret-2' });
    expect(again.statusCode).toBe(200);
  });
});
