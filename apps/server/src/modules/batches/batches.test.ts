import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';
import { graduateForm, registerStudent } from '../../test/journey-helpers.js';
import { createAuditService } from '../audit/audit.service.js';
import { createAuditRepo } from '../audit/audit.repo.js';
import { FEATURE_CODE_ALPHABET } from '../schools/feature-code.js';
import { createSchoolsRepo } from '../schools/schools.repo.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { createBatchesRepo } from './batches.repo.js';
import { createBatchesService } from './batches.service.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const batchBody = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  name: '2027 届研究生图像采集',
  mode: 'centralized',
  priceNoPrintsCents: 2500,
  priceWithPrintsCents: 4000,
  payer: 'student',
  specId: 'xuexin',
  background: '#64c5ff',
  capturePolicy: 'live_only',
  opensAt: '2020-01-01T00:00:00+08:00',
  closesAt: '2099-06-30T23:59:59+08:00',
  ...extra,
});

async function auditActions(action: string) {
  const res = await t.container.database.executeSql('select action, target_id, details from audit_log where action = $1', [action]);
  return res.rows;
}

describe('schools', () => {
  it('an admin creates and edits a school; the code is unique; both are audited', async () => {
    const created = await k.admin.post('/api/console/schools', { name: '浙江理工大学', code: '10338', region: '330100' });
    expect(created.statusCode).toBe(200);
    const school = created.json();
    expect(school).toMatchObject({ name: '浙江理工大学', code: '10338', batchCount: 0 });
    const dup = await k.admin.post('/api/console/schools', { name: '另一个', code: '10338' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('SCHOOL_CODE_TAKEN');
    const edited = await k.admin.post(`/api/console/schools/${school.id}`, { name: '浙江理工大学（下沙）' }, { method: 'PUT' });
    expect(edited.json().name).toBe('浙江理工大学（下沙）');
    expect((await auditActions('school.create')).some((r) => r.target_id === school.id)).toBe(true);
    expect((await auditActions('school.update')).some((r) => r.target_id === school.id)).toBe(true);
  });

  it('two clicks creating the same school make one school', async () => {
    const [a, b] = await Promise.all([
      k.admin.post('/api/console/schools', { name: '双击大学', code: '20001' }),
      k.admin.post('/api/console/schools', { name: '双击大学', code: '20001' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('rejects a bad school code with a bilingual field error', async () => {
    const res = await k.admin.post('/api/console/schools', { name: '坏代码大学', code: '有 空 格' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('code');
    expect(res.json().error.fields[0].message.zh).toContain('学校代码');
  });

  it('a coordinator lists only their own school', async () => {
    const mine = (await k.coordinator.get('/api/console/schools')).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual([k.schoolId]);
    const all = (await k.admin.get('/api/console/schools?pageSize=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect((await k.reviewer.get('/api/console/schools')).json().total).toBe(all.total);
  });

  it('denies creating and editing to everyone but admins, and other schools to coordinators', async () => {
    await expectAccess(k, (c) => c.post('/api/console/schools', { name: '越权大学', code: '30001' }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post(`/api/console/schools/${k.schoolId}`, { name: '改名' }, { method: 'PUT' }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get(`/api/console/schools/${k.otherSchoolId}`), { admin: 200, reviewer: 200, coordinator: 403, otherCoordinator: 200, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get('/api/console/schools'), { student: 403, anonymous: 401 });
  });
});

describe('batches', () => {
  it('an admin creates a batch with a generated unique 特征码 and a validated spec', async () => {
    const res = await k.admin.post('/api/console/batches', batchBody(k.schoolId));
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.featureCode).toHaveLength(4);
    expect([...b.featureCode].every((ch: string) => FEATURE_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(b).toMatchObject({ background: '#64C5FF', capturePolicy: 'live_only', window: 'open', schoolName: '示范大学', hasRoster: false });
    expect((await auditActions('batch.create')).some((r) => r.target_id === b.id)).toBe(true);
    // students find it by its 特征码
    const { client } = await registerStudent(t);
    const found = await client.post('/api/collections/find-batch', { mode: 'centralized', featureCode: b.featureCode, idLast4: '1234' });
    expect(found.json().batches[0]).toMatchObject({ id: b.id, capturePolicy: 'live_only', priceNoPrintsCents: 2500 });
  });

  it('ten batches created at once all get different 特征码', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => k.admin.post('/api/console/batches', batchBody(k.otherSchoolId, { name: `并发批次 ${i}` }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.json().featureCode)).size).toBe(10);
  });

  it('retries the 特征码 on a collision', async () => {
    const db = t.container.database.db;
    const codes = [k.featureCode, k.featureCode, 'ZZ99'];
    const service = createBatchesService({ repo: createBatchesRepo(db), schools: createSchoolsRepo(db), audit: createAuditService({ repo: createAuditRepo(db) }), featureCode: () => codes.shift()! });
    const b = await service.create({ id: '00000000-0000-4000-8000-000000000001', role: 'admin', schoolId: null, ip: '127.0.0.1' }, { ...batchBody(k.schoolId), opensAt: null, closesAt: null } as never);
    expect(b.featureCode).toBe('ZZ99');
    expect(codes).toEqual([]);
  });

  it('refuses unknown specs, foreign backgrounds, scattered batches without a region and reversed windows', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ specId: 'nope' }, 'specId'],
      [{ background: '#123456' }, 'background'],
      [{ background: 'blue' }, 'background'],
      [{ mode: 'scattered', regionCode: '' }, 'regionCode'],
      [{ opensAt: '2030-01-02T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' }, 'closesAt'],
      [{ priceNoPrintsCents: 5000, priceWithPrintsCents: 4000 }, 'priceWithPrintsCents'],
      [{ priceNoPrintsCents: -1 }, 'priceNoPrintsCents'],
    ];
    for (const [extra, path] of cases) {
      const res = await k.admin.post('/api/console/batches', batchBody(k.schoolId, extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const scattered = await k.admin.post('/api/console/batches', batchBody(k.schoolId, { mode: 'scattered', regionCode: '330106', specId: 'one_inch', background: '#FFFFFF' }));
    expect(scattered.statusCode).toBe(200);
  });

  it('edits a batch; the window decides whether students can add collections (BATCH_CLOSED)', async () => {
    const b = (await k.admin.post('/api/console/batches', batchBody(k.schoolId, { name: '窗口测试批次' }))).json();
    const { client, idNumber } = await registerStudent(t);
    const last4 = idNumber.slice(-4);
    const identify = () => client.post('/api/collections/identify', { method: 'form', form: graduateForm(idNumber), batchId: b.id, idLast4: last4 });
    expect((await identify()).statusCode).toBe(200);

    const closed = await k.admin.post(`/api/console/batches/${b.id}`, { closesAt: '2021-01-01T00:00:00Z', opensAt: '2020-01-01T00:00:00Z' }, { method: 'PUT' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().window).toBe('closed');
    const refused = await identify();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('BATCH_CLOSED');
    const create = await client.post('/api/collections', { method: 'form', form: graduateForm(idNumber), batchId: b.id, idLast4: last4, identity: 'graduate' });
    expect(create.json().error.code).toBe('BATCH_CLOSED');

    const upcoming = await k.admin.post(`/api/console/batches/${b.id}`, { opensAt: '2098-01-01T00:00:00Z', closesAt: null }, { method: 'PUT' });
    expect(upcoming.json().window).toBe('upcoming');
    expect((await identify()).json().error.code).toBe('BATCH_CLOSED');

    const reopened = await k.admin.post(`/api/console/batches/${b.id}`, { opensAt: null, priceWithPrintsCents: 4500 }, { method: 'PUT' });
    expect(reopened.json()).toMatchObject({ window: 'open', priceWithPrintsCents: 4500, featureCode: b.featureCode });
    expect((await identify()).statusCode).toBe(200);
    expect((await auditActions('batch.update')).filter((r) => r.target_id === b.id)).toHaveLength(3);
  });

  it('scopes batches: a coordinator sees only their school, and cannot create or edit', async () => {
    const mine = (await k.coordinator.get('/api/console/batches?pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((b: { schoolId: string }) => b.schoolId === k.schoolId)).toBe(true);
    expect((await k.coordinator.get(`/api/console/batches?schoolId=${k.otherSchoolId}`)).statusCode).toBe(403);
    const others = (await k.admin.get(`/api/console/batches?schoolId=${k.otherSchoolId}&pageSize=200`)).json();
    expect(others.items.every((b: { schoolId: string }) => b.schoolId === k.otherSchoolId)).toBe(true);

    await expectAccess(k, (c) => c.get(`/api/console/batches/${k.otherBatchId}`), { admin: 200, reviewer: 200, coordinator: 403, otherCoordinator: 200, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post('/api/console/batches', batchBody(k.schoolId)), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post(`/api/console/batches/${k.batchId}`, { name: '改名批次' }, { method: 'PUT' }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get('/api/console/batches'), { student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get('/api/console/batch-options'), { admin: 200, reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
  });

  it('offers the engine specs and background presets', async () => {
    const o = (await k.admin.get('/api/console/batch-options')).json();
    expect(o.specs.map((s: { id: string }) => s.id)).toContain('xuexin');
    expect(o.backgrounds.map((b: { hex: string }) => b.hex)).toContain('#28BEFA');
  });
});
