import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

describe('staff accounts', () => {
  it('an admin creates a coordinator for a school, who then sees only that school', async () => {
    const res = await k.admin.post('/api/console/staff', { username: 'Zhang.San', name: '张三', role: 'school_coordinator', schoolId: k.otherSchoolId, password: 'coord-pass-9' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'zhang.san', role: 'school_coordinator', schoolName: '另一所大学', disabled: false });
    const dup = await k.admin.post('/api/console/staff', { username: 'zhang.san', name: '张三', role: 'reviewer', password: 'coord-pass-9' });
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const c = t.client('10.66.0.1');
    expect((await c.post('/api/console/auth/login', { username: 'zhang.san', password: 'coord-pass-9' })).statusCode).toBe(200);
    const schools = (await c.get('/api/console/schools')).json();
    expect(schools.items.map((s: { id: string }) => s.id)).toEqual([k.otherSchoolId]);
    const audit = await t.container.database.executeSql(`select details from audit_log where action = 'staff.create'`, []);
    expect(JSON.stringify(audit.rows)).not.toContain('coord-pass-9');
  });

  it('checks the school rules: coordinators need one, centre staff have none', async () => {
    const noSchool = await k.admin.post('/api/console/staff', { username: 'lisi', name: '李四', role: 'school_coordinator', password: 'pass-word-1' });
    expect(noSchool.json().error.code).toBe('SCHOOL_REQUIRED');
    const withSchool = await k.admin.post('/api/console/staff', { username: 'wangwu', name: '王五', role: 'reviewer', schoolId: k.schoolId, password: 'pass-word-1' });
    expect(withSchool.json().error.code).toBe('SCHOOL_NOT_ALLOWED');
    const weak = await k.admin.post('/api/console/staff', { username: 'zhaoliu', name: '赵六', role: 'reviewer', password: '12345678' });
    expect(weak.statusCode).toBe(400);
  });

  it('disabling an account or changing its password ends its sessions at once', async () => {
    const created = (await k.admin.post('/api/console/staff', { username: 'reviewer2', name: '审核员二', role: 'reviewer', password: 'review-pass-2' })).json();
    const r = t.client('10.66.0.2');
    await r.post('/api/console/auth/login', { username: 'reviewer2', password: 'review-pass-2' });
    expect((await r.get('/api/console/me')).statusCode).toBe(200);
    const disabled = await k.admin.post(`/api/console/staff/${created.id}`, { disabled: true }, { method: 'PUT' });
    expect(disabled.json().disabled).toBe(true);
    expect((await r.get('/api/console/me')).statusCode).toBe(401);
    expect((await r.post('/api/console/auth/login', { username: 'reviewer2', password: 'review-pass-2' })).statusCode).toBe(400);

    await k.admin.post(`/api/console/staff/${created.id}`, { disabled: false, password: 'review-pass-3' }, { method: 'PUT' });
    expect((await r.post('/api/console/auth/login', { username: 'reviewer2', password: 'review-pass-3' })).statusCode).toBe(200);
    const moved = await k.admin.post(`/api/console/staff/${created.id}`, { role: 'school_coordinator', schoolId: k.schoolId }, { method: 'PUT' });
    expect(moved.json()).toMatchObject({ role: 'school_coordinator', schoolId: k.schoolId });
    expect((await r.get('/api/console/me')).statusCode).toBe(401);
  });

  it('an admin cannot lock themselves out', async () => {
    const me = (await k.admin.get('/api/console/me')).json().staff;
    for (const body of [{ disabled: true }, { role: 'reviewer' }]) {
      const res = await k.admin.post(`/api/console/staff/${me.id}`, body, { method: 'PUT' });
      expect(res.json().error.code).toBe('CANNOT_LOCK_SELF');
    }
  });

  it('is for admins only', async () => {
    const list = (await k.admin.get('/api/console/staff?role=school_coordinator')).json();
    expect(list.items.every((s: { role: string }) => s.role === 'school_coordinator')).toBe(true);
    const someone = list.items[0].id;
    await expectAccess(k, (c) => c.get('/api/console/staff'), { admin: 200, reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post('/api/console/staff', { username: 'hacker', name: 'x', role: 'admin', password: 'hack-pass-1' }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post(`/api/console/staff/${someone}`, { role: 'admin' }, { method: 'PUT' }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
  });
});
