import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastSmsCode, makeIdNumber } from '../../test/harness.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
beforeAll(async () => {
  t = await createTestApp();
  await t.container.seed.seedIfEmpty({ centreName: '测试中心', adminPassword: 'admin-pass-1', reviewerPassword: 'reviewer-pass-1', coordinatorPassword: 'coord-pass-1' });
});
afterAll(() => t.close());

describe('console accounts', () => {
  it('seeds once: a second seed does nothing', async () => {
    expect(await t.container.seed.seedIfEmpty({ centreName: 'x' })).toBeNull();
  });

  it('logs staff in with a role-specific dashboard', async () => {
    const admin = t.client();
    const res = await admin.post('/api/console/auth/login', { username: 'admin', password: 'admin-pass-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().staff.role).toBe('admin');
    const dash = (await admin.get('/api/console/dashboard')).json();
    expect(dash.role).toBe('admin');
    expect(dash.cards.find((c: { key: string }) => c.key === 'schools').value).toBe(1);

    const coord = t.client();
    await coord.post('/api/console/auth/login', { username: 'coordinator', password: 'coord-pass-1' });
    const me = (await coord.get('/api/console/me')).json();
    expect(me.staff.schoolName).toBe('示范大学');
    expect((await coord.get('/api/console/dashboard')).json().role).toBe('school_coordinator');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t.client('10.1.0.1').post('/api/console/auth/login', { username: 'admin', password: 'nope-nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_CREDENTIALS');
    const unknown = await t.client('10.1.0.1').post('/api/console/auth/login', { username: 'ghost', password: 'nope-nope' });
    expect(unknown.json().error.code).toBe('BAD_CREDENTIALS');
  });

  it('answers 401 to nobody and 403 to a student on console routes', async () => {
    expect((await t.client().get('/api/console/dashboard')).statusCode).toBe(401);
    const student = t.client('10.1.0.2');
    await student.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: '13312345678' });
    const reg = await student.post('/api/auth/register', {
      idType: 'id_card',
      idNumber: makeIdNumber('11010520000101123'),
      name: '李雷',
      gender: 'male',
      phone: '13312345678',
      email: 'lilei@example.com',
      password: 'lilei-pass-1',
      code: lastSmsCode(t, '13312345678'),
      agreed: true,
    });
    expect(reg.statusCode).toBe(200);
    const res = await student.get('/api/console/dashboard');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message.zh).toContain('权限');
    // and staff cannot act as a student
    const admin = t.client();
    await admin.post('/api/console/auth/login', { username: 'admin', password: 'admin-pass-1' });
    expect((await admin.get('/api/me')).statusCode).toBe(403);
  });
});
