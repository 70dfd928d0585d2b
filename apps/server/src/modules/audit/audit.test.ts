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

describe('audit log search', () => {
  it('finds staff actions by action prefix, actor, target and date range, newest first, paged', async () => {
    await k.admin.post('/api/console/schools', { name: '审计大学', code: '55555' });
    const created = (await k.admin.post('/api/console/batches', { schoolId: k.otherSchoolId, name: '审计批次', mode: 'centralized', priceNoPrintsCents: 1, priceWithPrintsCents: 2 })).json();
    await k.admin.post(`/api/console/batches/${created.id}`, { name: '审计批次（改）' }, { method: 'PUT' });
    const me = (await k.admin.get('/api/console/me')).json().staff;

    const byPrefix = (await k.admin.get('/api/console/audit?action=batch.*')).json();
    expect(byPrefix.items.map((e: { action: string }) => e.action)).toEqual(['batch.update', 'batch.create']);
    expect(byPrefix.items[0]).toMatchObject({ actorType: 'staff', actorId: me.id, actorName: '中心管理员 (admin)', targetType: 'batch', targetId: created.id, ip: expect.any(String) });
    expect(byPrefix.items[0].details.changes).toEqual({ name: '审计批次（改）' });

    const byTarget = (await k.admin.get(`/api/console/audit?targetType=batch&targetId=${created.id}`)).json();
    expect(byTarget.total).toBe(2);
    const byActor = (await k.admin.get(`/api/console/audit?actorId=${me.id}&pageSize=1&page=2`)).json();
    expect(byActor).toMatchObject({ page: 2, pageSize: 1 });
    expect(byActor.items).toHaveLength(1);
    expect(byActor.total).toBeGreaterThanOrEqual(3);
    const future = (await k.admin.get(`/api/console/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(future.total).toBe(0);
    const past = (await k.admin.get(`/api/console/audit?action=school.create&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(past.total).toBe(1);
    expect((await k.admin.get('/api/console/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('finds a staff member’s entries by username (any case) as well as by id', async () => {
    expect((await k.coordinator.get(`/api/console/progress.csv?batchId=${k.batchId}`)).statusCode).toBe(200);
    const coordinator = (await k.coordinator.get('/api/console/me')).json().staff;
    const byName = (await k.admin.get('/api/console/audit?actor=coordinator')).json();
    expect(byName.total).toBeGreaterThanOrEqual(1);
    expect(byName.items[0]).toMatchObject({ actorType: 'staff', actorId: coordinator.id, actorUsername: 'coordinator', actorName: expect.stringContaining('(coordinator)'), action: 'progress.export' });
    expect(byName.items.every((e: { actorId: string }) => e.actorId === coordinator.id)).toBe(true);
    expect((await k.admin.get('/api/console/audit?actor=%20Coordinator%20')).json().total).toBe(byName.total);
    // an id works in the same field (any actor type), and the id filter as before
    expect((await k.admin.get(`/api/console/audit?actor=${coordinator.id.toUpperCase()}`)).json().total).toBe(byName.total);
    expect((await k.admin.get(`/api/console/audit?actorId=${coordinator.id}`)).json().total).toBe(byName.total);
    // a username is not a prefix, and an unknown one finds nothing
    expect((await k.admin.get('/api/console/audit?actor=coord')).json()).toMatchObject({ total: 0, items: [] });
    expect((await k.admin.get('/api/console/audit?actor=nobody')).json().total).toBe(0);
    const admin = (await k.admin.get('/api/console/audit?actor=admin')).json();
    expect(admin.total).toBeGreaterThan(0);
    expect(admin.items.every((e: { actorUsername: string }) => e.actorUsername === 'admin')).toBe(true);
  });

  it('is for admins only', async () => {
    await expectAccess(k, (c) => c.get('/api/console/audit'), { admin: 200, reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
  });
});
