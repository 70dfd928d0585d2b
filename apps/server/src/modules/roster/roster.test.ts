import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type InjectClient } from '../../test/harness.js';
import { multipart, registerStudent } from '../../test/journey-helpers.js';
import * as spreadsheet from '../../adapters/spreadsheet.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { createRosterRepo } from './roster.repo.js';
import { createRosterService } from './roster.service.js';
import { csvOf, rosterPerson, rowOf, xlsxOf, ZH_HEADER } from './roster-fixtures.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

async function newBatch(name: string) {
  const res = await k.admin.post('/api/console/batches', { schoolId: k.schoolId, name, mode: 'centralized', priceNoPrintsCents: 2000, priceWithPrintsCents: 3500 });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; featureCode: string };
}

function upload(client: InjectClient, batchId: string, file: { name: string; bytes: Buffer | string; type?: string }, fields: Record<string, string> = {}) {
  const body = multipart(fields, { name: file.name, bytes: Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes), type: file.type ?? 'application/octet-stream' });
  return client.post(`/api/console/batches/${batchId}/roster-imports`, body.payload, { contentType: body.contentType });
}

async function waitDone(client: InjectClient, importId: string, seen: string[] = []) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/console/roster-imports/${importId}`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    seen.push(`${v.status}:${v.phase ?? ''}:${v.insertedRows}`);
    if (v.status === 'succeeded' || v.status === 'failed') return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

async function importFile(batchId: string, file: { name: string; bytes: Buffer | string }, fields: Record<string, string> = {}) {
  const res = await upload(k.admin, batchId, file, fields);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('queued');
  return waitDone(k.admin, res.json().id);
}

const graduateCount = async (batchId: string) => Number((await t.container.database.executeSql('select count(*)::int as n from graduates where batch_id = $1', [batchId])).rows[0]!.n);

describe('roster import', () => {
  it('imports a valid CSV (UTF-8) and sets the batch roster flag; the file is deleted afterwards', async () => {
    const b = await newBatch('CSV 导入');
    const people = Array.from({ length: 30 }, (_, i) => rosterPerson(i));
    const done = await importFile(b.id, { name: '名单.csv', bytes: '\ufeff' + csvOf(people.map(rowOf)) });
    expect(done).toMatchObject({ status: 'succeeded', totalRows: 30, insertedRows: 30, errorCount: 0, progress: 100, failure: null });
    expect(done.mapping).toMatchObject({ name: '姓名', idNumber: '身份证号', studentNumber: '学号', phone: '手机' });
    expect(await graduateCount(b.id)).toBe(30);
    expect((await k.admin.get(`/api/console/batches/${b.id}`)).json().hasRoster).toBe(true);
    const row = (await t.container.database.executeSql('select file_key from roster_imports where id = $1', [done.id])).rows[0]!;
    expect(row.file_key).toBeNull();
    const list = (await k.coordinator.get(`/api/console/batches/${b.id}/graduates?q=${encodeURIComponent('学生7')}`)).json();
    expect(list.items[0]).toMatchObject({ name: '学生7', source: 'roster', status: 'not_registered', idNumberMasked: `${people[7]!.idNumber.slice(0, 4)}**********${people[7]!.idNumber.slice(-4)}` });
    const audit = await t.container.database.executeSql(`select details from audit_log where action = 'roster.import' and target_id = $1`, [b.id]);
    expect((audit.rows[0]!.details as { importId: string }).importId).toBe(done.id);
  });

  it('reads a GB18030 CSV with English headers, tabs and a title row above the header', async () => {
    const b = await newBatch('GBK 导入');
    const p = rosterPerson(100);
    const text = `2027届毕业生名单\t\t\r\nName\tStudent No\tID Number\tDepartment\tMajor\r\n${p.name}\t${p.studentNumber}\t${p.idNumber.toLowerCase()}\t计算机学院\t软件工程\r\n`;
    const bytes = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const done = await importFile(b.id, { name: 'roster.csv', bytes });
    expect(done.status, JSON.stringify(done.failure ?? done.errors)).toBe('succeeded');
    const list = (await k.admin.get(`/api/console/batches/${b.id}/graduates`)).json();
    expect(list.items[0]).toMatchObject({ name: p.name, department: '计算机学院', studentNumber: p.studentNumber });
  });

  it('reports every bad row of an XLSX, imports nothing, and offers the report as CSV and XLSX', async () => {
    const b = await newBatch('错误报告');
    const existing = rosterPerson(200);
    expect((await importFile(b.id, { name: 'first.csv', bytes: csvOf([rowOf(existing)]) })).status).toBe('succeeded');

    const good = rosterPerson(201);
    const numeric = rosterPerson(202);
    const badCheck = rosterPerson(203);
    const rows: Array<Array<string | number>> = [
      rowOf(good), // row 3 (title on row 1, header on row 2)
      [...rowOf(numeric).slice(0, 2), Number(numeric.idNumber.slice(0, 17)) * 10, ...rowOf(numeric).slice(3)], // row 4: Excel number
      [...rowOf(badCheck).slice(0, 2), badCheck.idNumber.slice(0, 17) + (badCheck.idNumber.endsWith('1') ? '2' : '1'), ...rowOf(badCheck).slice(3)], // row 5
      ['', ...rowOf(rosterPerson(204)).slice(1)], // row 6: no name
      [...rowOf(rosterPerson(205)).slice(0, 2), good.idNumber, ...rowOf(rosterPerson(205)).slice(3)], // row 7: duplicate of row 3
      rowOf(existing), // row 8: already in the batch
      [...rowOf(rosterPerson(206)).slice(0, 7), 'not-an-email', '12345'], // row 9
    ];
    const done = await importFile(b.id, { name: 'bad.xlsx', bytes: await xlsxOf(rows, ZH_HEADER, '2027 届毕业生名单') });
    expect(done.status).toBe('failed');
    expect(done.failure.code).toBe('ROWS_INVALID');
    expect(done.failure.message.zh).toContain('6 行');
    const byRow = new Map<number, string[]>();
    for (const e of done.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.code]);
    expect(Object.fromEntries(byRow)).toEqual({
      4: ['ID_NUMERIC_CELL'],
      5: ['ID_CHECKSUM'],
      6: ['REQUIRED'],
      7: ['DUPLICATE_IN_FILE'],
      8: ['ALREADY_IN_BATCH'],
      9: ['EMAIL_INVALID', 'PHONE_INVALID'],
    });
    expect(done.errors.find((e: { row: number }) => e.row === 4)).toMatchObject({ field: 'idNumber', column: '身份证号' });
    expect(done.errors.find((e: { row: number }) => e.row === 7).message.zh).toContain('第 3 行');
    expect(await graduateCount(b.id)).toBe(1);

    const csv = await k.admin.get(done.errorReport.csv);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('身份证号校验位不正确');
    expect(csv.body).toContain('The check digit of the ID number is wrong');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(1 + done.errorCount);
    const xlsx = await k.coordinator.get(done.errorReport.xlsx);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(4);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + done.errorCount);
    // another school's coordinator may not download it
    expect((await k.otherCoordinator.get(done.errorReport.csv)).statusCode).toBe(403);
  });

  it('takes an explicit column mapping (header text or column number)', async () => {
    const b = await newBatch('自定义列');
    const p = rosterPerson(300);
    const done = await importFile(b.id, { name: 'mapped.csv', bytes: csvOf([[p.idNumber, p.name, p.studentNumber]], ['ZJHM', 'XM', '编号']) }, { mapping: JSON.stringify({ name: 'XM', idNumber: 'zjhm', studentNumber: 3 }) });
    expect(done.status, JSON.stringify(done.failure)).toBe('succeeded');
    expect(done.mapping).toEqual({ name: 'XM', idNumber: 'ZJHM', studentNumber: '编号' });
    const bad = await upload(k.admin, b.id, { name: 'x.csv', bytes: 'a,b\r\n1,2\r\n' }, { mapping: '{"name": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MAPPING_INVALID');
  });

  it('fails without the required columns, on a corrupt XLSX, and refuses files that are not CSV/XLSX', async () => {
    const b = await newBatch('坏文件');
    const noId = await importFile(b.id, { name: 'noid.csv', bytes: '姓名,学号\r\n张三,1\r\n' });
    expect(noId.failure.code).toBe('REQUIRED_COLUMNS_MISSING');
    expect(noId.failure.message.zh).toContain('身份证号');
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    const c = await importFile(b.id, { name: 'broken.xlsx', bytes: corrupt });
    expect(c).toMatchObject({ status: 'failed', failure: { code: 'FILE_UNREADABLE' } });
    const empty = await importFile(b.id, { name: 'empty.csv', bytes: ZH_HEADER.join(',') + '\r\n' });
    expect(empty.failure.code).toBe('FILE_EMPTY');

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    for (const [name, bytes, code] of [
      ['photo.xlsx', jpeg, 'ROSTER_FILE_TYPE'],
      ['roster.pdf', Buffer.from('%PDF-1.4\n'), 'ROSTER_FILE_TYPE'],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]), 'ROSTER_XLS_UNSUPPORTED'],
      ['binary.csv', Buffer.from([0x41, 0, 0x42]), 'ROSTER_FILE_TYPE'],
    ] as const) {
      const res = await upload(k.admin, b.id, { name, bytes });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code, name).toBe(code);
    }
    expect(await graduateCount(b.id)).toBe(0);
  });

  it('runs one import per batch at a time: a double click starts one', async () => {
    const b = await newBatch('双击导入');
    const bytes = csvOf(Array.from({ length: 50 }, (_, i) => rowOf(rosterPerson(400 + i))));
    const [r1, r2] = await Promise.all([upload(k.admin, b.id, { name: 'a.csv', bytes }), upload(k.admin, b.id, { name: 'a.csv', bytes })]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const failed = r1.statusCode === 409 ? r1 : r2;
    expect(failed.json().error.code).toBe('IMPORT_RUNNING');
    const ok = r1.statusCode === 200 ? r1 : r2;
    expect((await waitDone(k.admin, ok.json().id)).status).toBe('succeeded');
    expect(await graduateCount(b.id)).toBe(50);
    const list = (await k.admin.get(`/api/console/batches/${b.id}/roster-imports`)).json();
    expect(list.items).toHaveLength(1);
  });

  it('imports 5,000 XLSX rows in chunks while other requests keep being answered', async () => {
    const b = await newBatch('五千行');
    const rows = Array.from({ length: 5000 }, (_, i) => rowOf(rosterPerson(10_000 + i)));
    const bytes = await xlsxOf(rows);
    const started = Date.now();
    const res = await upload(k.admin, b.id, { name: 'big.xlsx', bytes });
    expect(res.statusCode).toBe(200);
    const seen: string[] = [];
    const latencies: number[] = [];
    let done;
    for (;;) {
      const t0 = Date.now();
      expect((await k.coordinator.get('/api/console/batches')).statusCode).toBe(200);
      latencies.push(Date.now() - t0);
      const v = (await k.admin.get(`/api/console/roster-imports/${res.json().id}`)).json();
      seen.push(`${v.status}:${v.phase ?? ''}:${v.insertedRows}`);
      if (v.status === 'succeeded' || v.status === 'failed') {
        done = v;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = Date.now() - started;
    expect(done.status, JSON.stringify(done.failure)).toBe('succeeded');
    expect(done.insertedRows).toBe(5000);
    expect(await graduateCount(b.id)).toBe(5000);
    // progress was visible part-way through the inserts
    expect(seen.some((s) => /^running:inserting:\d+$/.test(s) && !s.endsWith(':0') && !s.endsWith(':5000'))).toBe(true);
    console.log(`[bench] 5,000-row XLSX import: ${ms} ms; ${latencies.length} other requests, max ${Math.max(...latencies)} ms`);
  }, 120_000);

  it('undoes every inserted chunk when a later chunk fails, so nothing is half-imported', async () => {
    const b = await newBatch('中途失败');
    const repo = createRosterRepo(t.container.database.db);
    let calls = 0;
    const failing = { ...repo, insertGraduates: async (rows: Parameters<typeof repo.insertGraduates>[0]) => (++calls === 3 ? Promise.reject(new Error('disk full')) : repo.insertGraduates(rows)) };
    const service = createRosterService({
      repo: failing,
      batch: t.container.batches.load,
      storage: t.container.storage,
      jobs: { send: async () => null },
      idCrypto: t.container.idCrypto,
      audit: t.container.audit,
      files: { sniff: spreadsheet.sniffSpreadsheet, read: spreadsheet.readSpreadsheet, csv: spreadsheet.writeCsv, xlsx: spreadsheet.writeXlsx },
      chunkSize: 10,
    });
    const admin = { id: '00000000-0000-4000-8000-000000000001', role: 'admin' as const, schoolId: null, ip: '127.0.0.1' };
    const view = await service.startImport(admin, b.id, { bytes: Buffer.from(csvOf(Array.from({ length: 35 }, (_, i) => rowOf(rosterPerson(600 + i))))), filename: 'x.csv' });
    await service.runImport(view.id);
    const after = await service.getImport(admin, view.id);
    expect(calls).toBe(3);
    expect(after).toMatchObject({ status: 'failed', insertedRows: 0, failure: { code: 'INSERT_FAILED' } });
    expect(await graduateCount(b.id)).toBe(0);
    expect((await k.admin.get(`/api/console/batches/${b.id}`)).json().hasRoster).toBe(false);
    // running the job again changes nothing
    await service.runImport(view.id);
    expect((await service.getImport(admin, view.id)).status).toBe('failed');
  });
});

describe('roster list, export and full ID numbers', () => {
  it('exports the roster as XLSX with each graduate status, and audits it', async () => {
    const b = await newBatch('导出');
    const { client, idNumber } = await registerStudent(t);
    const others = Array.from({ length: 3 }, (_, i) => rosterPerson(700 + i));
    const student = { ...rosterPerson(799), idNumber, name: '注册学生' };
    expect((await importFile(b.id, { name: 'r.csv', bytes: csvOf([...others, student].map(rowOf)) })).status).toBe('succeeded');
    const created = await client.post('/api/collections', { method: 'roster', batchId: b.id, idLast4: idNumber.slice(-4), identity: 'graduate' });
    expect(created.statusCode, created.body).toBe(200);

    const registered = (await k.coordinator.get(`/api/console/batches/${b.id}/graduates?status=registered`)).json();
    expect(registered.items.map((g: { name: string }) => g.name)).toEqual(['注册学生']);

    const res = await k.coordinator.get(`/api/console/batches/${b.id}/roster.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(9).value).toBe('状态');
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const byName = new Map(rows.map((r) => [String(r.getCell(1).value), r]));
    expect(byName.get('注册学生')!.getCell(10).value).toBe('Registered');
    expect(byName.get(others[0]!.name)!.getCell(10).value).toBe('Not registered');
    expect(String(byName.get(others[0]!.name)!.getCell(3).value)).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(byName.get(others[0]!.name)!.getCell(2).value).toBe(others[0]!.studentNumber);
    const audit = await t.container.database.executeSql(`select count(*)::int as n from audit_log where action = 'roster.export' and target_id = $1`, [b.id]);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('reveals a full ID number only within scope, and audits every view', async () => {
    const b = await newBatch('查看证件号');
    const p = rosterPerson(900);
    expect((await importFile(b.id, { name: 'r.csv', bytes: csvOf([rowOf(p)]) })).status).toBe('succeeded');
    const g = (await k.admin.get(`/api/console/batches/${b.id}/graduates`)).json().items[0];
    const res = await k.coordinator.post(`/api/console/graduates/${g.id}/reveal-id`);
    expect(res.json()).toEqual({ idNumber: p.idNumber });
    await expectAccess(k, (c) => c.post(`/api/console/graduates/${g.id}/reveal-id`), { admin: 200, reviewer: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    const views = await t.container.database.executeSql(`select actor_id from audit_log where action = 'graduate.id_number.view' and target_id = $1`, [g.id]);
    expect(views.rows).toHaveLength(2);
  });

  it('denies roster routes to reviewers, other schools, students and nobody', async () => {
    const csv = csvOf([rowOf(rosterPerson(950))]);
    await expectAccess(k, (c) => upload(c, k.batchId, { name: 'r.csv', bytes: csv }), { reviewer: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => upload(c, k.otherBatchId, { name: 'r.csv', bytes: csv }), { coordinator: 403 });
    for (const url of [`/api/console/batches/${k.batchId}/graduates`, `/api/console/batches/${k.batchId}/roster.xlsx`, `/api/console/batches/${k.batchId}/roster-imports`]) {
      await expectAccess(k, (c) => c.get(url), { admin: 200, coordinator: 200, reviewer: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    }
    expect(await graduateCount(k.batchId)).toBe(0);

    const b = await newBatch('权限检查');
    const failed = await importFile(b.id, { name: 'bad.csv', bytes: csvOf([['', '1', '123']]) });
    expect(failed.errorReport).not.toBeNull();
    for (const url of [`/api/console/roster-imports/${failed.id}`, failed.errorReport.csv, failed.errorReport.xlsx]) {
      await expectAccess(k, (c) => c.get(url), { admin: 200, coordinator: 200, reviewer: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    }
  });
});

/** GB18030 bytes for test text (Node has no GBK encoder; map the few characters used). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const cache = new Map<string, Buffer>();
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(Buffer.from(ch));
      continue;
    }
    let hit = cache.get(ch);
    if (!hit) {
      outer: for (let hi = 0x81; hi <= 0xfe; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (lo === 0x7f) continue;
          const b = Buffer.from([hi, lo]);
          if (decoder.decode(b) === ch) {
            hit = b;
            break outer;
          }
        }
      }
      if (!hit) throw new Error(`no GB18030 code for ${ch}`);
      cache.set(ch, hit);
    }
    out.push(hit);
  }
  return Buffer.concat(out);
}
