import { ExportManifestHeader, type ExportView } from '@gradphoto/contracts/console-exports';
import type { PhotoArchive } from '../../adapters/photo-archive.js';
import { DomainError, bilingual as m, errors } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import { chinaDate } from '../../lib/china-time.js';
import type { FileStorage } from '../../storage/storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertSchoolScope, auditActor, scopedSchoolId, type StaffActor } from '../schools/school-scope.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { ExportsRepo } from './exports.repo.js';

export interface ExportsDeps {
  repo: ExportsRepo;
  jobs: JobQueue;
  storage: FileStorage;
  audit: AuditService;
  idCrypto: IdCrypto;
  schoolOfBatch(batchId: string): Promise<string | undefined>;
  schoolExists(schoolId: string): Promise<boolean>;
  createArchive(opts: { manifestName: string; sheetName: string; header: readonly string[]; widths?: number[] }): Promise<PhotoArchive>;
  now?: () => Date;
  /** Photos read per page (each page is one short query). */
  pageSize?: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const safeName = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60);
const PROGRESS_EVERY = 200;

/** The ZIP held a student who has since deleted their data, so it was deleted (privacy/built-files.service.ts). */
const exportFileDeleted = () =>
  new DomainError(
    'not_found',
    'EXPORT_FILE_DELETED',
    m('该导出含有已注销学生的个人信息，文件已删除。如仍需要，请重新导出（将不含该学生）。', 'This export held the data of a student who has since deleted their account, so its file was deleted. Start a new export if you still need one (it leaves that student out).'),
  );
const COMPLETE_CHUNK = 500;

/**
 * 学信网 exports: a school's or a batch's approved photos as one ZIP built by a job into storage, each file
 * named by ID number (or 学号), with a manifest XLSX. The job reads photos page by page and streams them
 * into the ZIP, so memory stays flat however many there are. Orders without prints are completed by it.
 */
export function createExportsService(deps: ExportsDeps) {
  const now = deps.now ?? (() => new Date());
  const pageSize = deps.pageSize ?? 500;

  function view(r: NonNullable<Awaited<ReturnType<ExportsRepo['get']>>>): ExportView {
    const e = r.exp;
    return {
      id: e.id,
      schoolId: e.schoolId,
      schoolName: r.schoolName,
      batchId: e.batchId,
      batchName: r.batchName,
      naming: e.naming,
      status: e.status,
      total: e.total,
      done: e.done,
      fileBytes: e.fileBytes,
      downloadUrl: e.status === 'succeeded' && e.fileKey ? `/api/console/exports/${e.id}/download` : null,
      completedOrders: e.completedOrders,
      failure: e.failureCode ? { code: e.failureCode, message: e.failureMessage ?? { zh: e.failureCode, en: e.failureCode } } : null,
      purgedAt: iso(e.purgedAt),
      createdAt: e.createdAt.toISOString(),
      startedAt: iso(e.startedAt),
      finishedAt: iso(e.finishedAt),
    };
  }

  async function load(actor: StaffActor, id: string) {
    const r = await deps.repo.get(id);
    if (!r) throw errors.notFound(m('找不到该导出任务', 'Export not found'));
    assertSchoolScope(actor, r.exp.schoolId);
    return r;
  }

  return {
    async create(actor: StaffActor, input: { schoolId?: string; batchId?: string; naming: 'id_number' | 'student_number' }) {
      let schoolId = input.schoolId;
      if (input.batchId) {
        schoolId = await deps.schoolOfBatch(input.batchId);
        if (!schoolId) throw errors.notFound(m('找不到该批次', 'Batch not found'));
      } else if (!schoolId || !(await deps.schoolExists(schoolId))) {
        throw errors.notFound(m('找不到该学校', 'School not found'));
      }
      assertSchoolScope(actor, schoolId);
      let row;
      try {
        row = await deps.repo.insert({ schoolId, batchId: input.batchId ?? null, naming: input.naming, createdBy: actor.id });
      } catch (err) {
        if (uniqueViolation(err) !== null) throw errors.conflict('EXPORT_ACTIVE', m('该范围已有导出任务在进行中', 'An export of this school or batch is already running'));
        throw err;
      }
      await deps.jobs.send('exports.build', { exportId: row.id });
      // the export puts full ID numbers into files: a use of them, audited
      await deps.audit.record(auditActor(actor), 'export.create', { type: 'export', id: row.id }, { schoolId, batchId: input.batchId ?? null, naming: input.naming, readsFullIdNumbers: true });
      return view((await deps.repo.get(row.id))!);
    },

    async get(actor: StaffActor, id: string) {
      return view(await load(actor, id));
    },

    async list(actor: StaffActor, q: { schoolId?: string; batchId?: string; page: number; pageSize: number }) {
      const only = scopedSchoolId(actor);
      if (only && q.schoolId && q.schoolId !== only) assertSchoolScope(actor, q.schoolId);
      const { rows, total } = await deps.repo.list({ schoolId: only ?? q.schoolId, batchId: q.batchId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    },

    /** The ZIP as a stream; a download hands out full ID numbers, so it is audited. */
    async download(actor: StaffActor, id: string) {
      const r = await load(actor, id);
      if (r.exp.status === 'purged') throw exportFileDeleted();
      if (r.exp.status !== 'succeeded' || !r.exp.fileKey) throw errors.conflict('EXPORT_NOT_READY', m('导出文件尚未生成', 'The export is not ready yet'));
      const file = await deps.storage.openRead(r.exp.fileKey);
      await deps.audit.record(auditActor(actor), 'export.download', { type: 'export', id }, { photos: r.exp.done, readsFullIdNumbers: true });
      const date = chinaDate(r.exp.createdAt);
      return { ...file, filename: `学信网照片-${r.schoolName}${r.batchName ? `-${r.batchName}` : ''}-${date}.zip`, contentType: 'application/zip' };
    },

    /** Job: builds the ZIP. Re-running starts over and overwrites the same file; completing orders is conditional. */
    async build(exportId: string) {
      const r = await deps.repo.get(exportId);
      if (!r || (r.exp.status !== 'queued' && r.exp.status !== 'running')) return;
      const scope = { schoolId: r.exp.schoolId, batchId: r.exp.batchId };
      const total = await deps.repo.countApproved(scope);
      if (!(await deps.repo.start(exportId, total, now()))) return;
      const archive = await deps.createArchive({ manifestName: '名单.xlsx', sheetName: '名单', header: ExportManifestHeader, widths: [8, 12, 16, 22, 20, 24, 16, 16, 10, 26, 30] });
      try {
        const used = new Set<string>();
        const collectionIds: string[] = [];
        let done = 0;
        let missing = 0;
        for (let after: string | null = null; ; ) {
          const page = await deps.repo.approvedPage(scope, after, pageSize);
          if (!page.length) break;
          for (const p of page) {
            const idNumber = deps.idCrypto.decrypt(p.idNumberEnc);
            const notes: string[] = [];
            let base = idNumber;
            if (r.exp.naming === 'student_number') {
              if (p.studentNumber.trim()) base = safeName(p.studentNumber.trim());
              else notes.push('无学号，按身份证号命名');
            }
            let name = `${base}.jpg`;
            for (let i = 2; used.has(name); i++) name = `${base}_${i}.jpg`;
            if (name !== `${base}.jpg`) notes.push('文件名重复，已加序号');
            let bytes: Buffer | null = null;
            try {
              bytes = p.resultKey ? await deps.storage.get(p.resultKey) : null;
            } catch {
              bytes = null;
            }
            if (bytes) {
              used.add(name);
              await archive.addPhoto(name, bytes);
              collectionIds.push(p.collectionId);
            } else {
              missing += 1;
              notes.push('照片文件缺失，未导出');
            }
            done += 1;
            archive.addManifestRow([String(done), p.name, p.studentNumber, idNumber, p.schoolName, p.batchName, p.department, p.major, p.educationLevel, bytes ? name : '', notes.join('；')]);
            if (done % PROGRESS_EVERY === 0) await deps.repo.progress(exportId, done);
          }
          after = page.at(-1)!.submissionId;
        }
        const zip = await archive.finish();
        const key = `exports/${exportId}.zip`;
        await deps.storage.putFile(key, zip.path, 'application/zip');
        let completed = 0;
        for (let i = 0; i < collectionIds.length; i += COMPLETE_CHUNK) {
          completed += await deps.repo.completeOrdersWithoutPrints(collectionIds.slice(i, i + COMPLETE_CHUNK), exportId, now());
        }
        await deps.repo.finish(exportId, { fileKey: key, fileBytes: zip.bytes, done, completedOrders: completed }, now());
        await deps.audit.record({ type: 'system', id: null }, 'export.build', { type: 'export', id: exportId }, { photos: done - missing, missing, completedOrders: completed, readsFullIdNumbers: true });
      } catch (err) {
        await deps.repo.fail(exportId, 'EXPORT_FAILED', { zh: `导出失败：${(err as Error).message}`, en: `The export failed: ${(err as Error).message}` }, now());
      } finally {
        await archive.cleanup();
      }
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
