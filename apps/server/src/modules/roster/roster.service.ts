import { randomUUID } from 'node:crypto';
import {
  GraduateStatuses,
  RosterMapping,
  type GraduateStatus,
  type RosterEntry,
  type RosterImportView,
  type RosterListResponse,
  type RosterRowError,
} from '@gradphoto/contracts/console-roster';
import { maskIdNumber } from '@gradphoto/contracts/id-number';
import { bilingual as m, errors, type Bilingual } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { FileStorage } from '../../storage/storage.js';
import type { SheetFormat, SheetRow } from '../../adapters/spreadsheet.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BatchWithSchool } from '../batches/batches.repo.js';
import { assertSchoolScope, auditActor, type StaffActor } from '../schools/school-scope.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import { mapColumns } from './roster-columns.js';
import { CODE_LABELS, SOURCE_LABELS, STATUS_LABELS } from './roster-labels.js';
import type { RosterImportRow, RosterRepo, RosterStatusRow } from './roster.repo.js';
import { validateRoster } from './roster-validate.js';

/** The spreadsheet adapter (adapters/spreadsheet.ts). */
export interface SpreadsheetFiles {
  sniff(bytes: Buffer, filename: string): SheetFormat | 'xls' | null;
  read(bytes: Buffer, format: SheetFormat): Promise<SheetRow[]>;
  csv(header: string[], rows: Array<Array<string | number>>): Buffer;
  xlsx(sheetName: string, header: string[], rows: Array<Array<string | number>>, widths?: number[]): Promise<Buffer>;
}

export interface RosterDeps {
  repo: RosterRepo;
  /** Loads a batch after checking the actor's school scope (batches service). */
  batch(actor: StaffActor, batchId: string): Promise<BatchWithSchool>;
  storage: FileStorage;
  jobs: JobQueue;
  idCrypto: IdCrypto;
  audit: AuditService;
  files: SpreadsheetFiles;
  /** Rows per insert transaction (default 500). */
  chunkSize?: number;
  maxRows?: number;
  maxBytes?: number;
}

export interface GeneratedFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ERROR_SAMPLE = 100;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

function progressOf(r: RosterImportRow): number {
  if (r.status === 'succeeded' || r.status === 'failed') return 100;
  if (r.status === 'queued') return 0;
  if (r.phase === 'parsing') return 2;
  if (r.phase === 'validating') return 5;
  return Math.min(99, 5 + Math.round((95 * r.insertedRows) / Math.max(1, r.totalRows)));
}

export function toImportView(r: RosterImportRow): RosterImportView {
  return {
    id: r.id,
    batchId: r.batchId,
    status: r.status,
    phase: r.status === 'running' ? r.phase : null,
    filename: r.filename,
    format: r.format,
    mapping: r.mapping ? Object.fromEntries(Object.entries(r.mapping).map(([k, v]) => [k, String(v)])) : null,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    insertedRows: r.insertedRows,
    progress: progressOf(r),
    errorCount: r.errorCount,
    errors: (r.errorSample ?? []) as RosterRowError[],
    errorReport: r.errorReportKey ? { csv: `/api/console/roster-imports/${r.id}/errors.csv`, xlsx: `/api/console/roster-imports/${r.id}/errors.xlsx` } : null,
    failure: r.failureCode ? { code: r.failureCode, message: r.failureMessage ?? m('导入失败', 'The import failed') } : null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Roster import from CSV/XLSX as a background job (validate every row; nothing imported unless all rows
 * are valid; inserts in short transactions, undone if one fails), the roster list and export with each
 * graduate's status, and the audited reveal of a full ID number.
 */
export function createRosterService(deps: RosterDeps) {
  const chunkSize = deps.chunkSize ?? 500;
  const maxRows = deps.maxRows ?? 50_000;
  const maxBytes = deps.maxBytes ?? 20 * 1024 * 1024;

  async function loadImport(actor: StaffActor, id: string) {
    const r = await deps.repo.import(id);
    if (!r) throw errors.notFound(m('找不到该导入记录', 'Import not found'));
    await deps.batch(actor, r.batchId);
    return r;
  }

  async function writeErrorReport(id: string, all: RosterRowError[]) {
    const header = ['行号 Row', '列 Column', '问题', 'Problem', '代码 Code'];
    const rows = all.map((e) => [e.row, e.column ?? '', e.message.zh, e.message.en, e.code]);
    const base = `roster-imports/${id}/errors`;
    await deps.storage.put(`${base}.csv`, deps.files.csv(header, rows), 'text/csv');
    await deps.storage.put(`${base}.xlsx`, await deps.files.xlsx('错误 Errors', header, rows, [10, 16, 50, 60, 22]), XLSX_TYPE);
    return base;
  }

  /** The job: parse, map, validate, then insert in chunks (or report every bad row). */
  async function runImport(importId: string): Promise<void> {
    const current = await deps.repo.import(importId);
    if (!current || current.status === 'succeeded' || current.status === 'failed') return;
    if (current.status === 'running') {
      // a previous run died half-way: undo what it inserted and start over
      await deps.repo.undoImport(importId);
      await deps.repo.updateImport(importId, { status: 'queued', insertedRows: 0 });
    }
    const r = await deps.repo.claimImport(importId);
    if (!r) return;
    // the upload holds ID numbers in clear: it is deleted before the import is marked done
    const finish = async (set: Partial<RosterImportRow>) => {
      if (r.fileKey) await deps.storage.delete(r.fileKey);
      await deps.repo.updateImport(importId, { phase: null, finishedAt: new Date(), fileKey: null, ...set });
    };
    const fail = (_id: string, code: string, message: Bilingual, extra: Partial<RosterImportRow> = {}) =>
      finish({ status: 'failed', failureCode: code, failureMessage: message, ...extra });
    try {
      let rows: SheetRow[];
      try {
        rows = await deps.files.read(await deps.storage.get(r.fileKey!), r.format);
      } catch (err) {
        const code = (err as { code?: string }).code === 'FILE_EMPTY' ? 'FILE_EMPTY' : 'FILE_UNREADABLE';
        return await fail(importId, code, m('文件无法读取：请确认是有效的 CSV 或 XLSX 文件', 'The file cannot be read: make sure it is a valid CSV or XLSX file'));
      }
      const map = mapColumns(rows, r.explicitMapping ? RosterMapping.parse(r.mapping ?? {}) : {});
      if ('code' in map) return await fail(importId, map.code, map.message);
      const dataRows = rows.filter((row) => row.row > map.headerRow);
      const mapping = map.headers as Record<string, string>;
      if (dataRows.length === 0) return await fail(importId, 'FILE_EMPTY', m('文件中没有数据行', 'The file has no data rows'), { mapping });
      if (dataRows.length > maxRows) {
        return await fail(importId, 'TOO_MANY_ROWS', m(`一次最多导入 ${maxRows} 行，请拆分文件`, `At most ${maxRows} rows per import; split the file`), { mapping, totalRows: dataRows.length });
      }
      await deps.repo.updateImport(importId, { phase: 'validating', mapping, totalRows: dataRows.length });

      const existingHashes = await deps.repo.existingHashes(r.batchId);
      const { records, errors: rowErrors } = validateRoster(dataRows, map, { existingHashes, lookupHash: deps.idCrypto.lookupHash });
      if (rowErrors.length > 0) {
        const reportKey = await writeErrorReport(importId, rowErrors);
        return await fail(importId, 'ROWS_INVALID', m(`有 ${new Set(rowErrors.map((e) => e.row)).size} 行数据有误，未导入任何数据；请下载错误报告修改后重新导入`, `${new Set(rowErrors.map((e) => e.row)).size} rows have errors; nothing was imported. Download the error report, fix the file and import it again`), {
          errorCount: rowErrors.length,
          errorSample: rowErrors.slice(0, ERROR_SAMPLE),
          errorReportKey: reportKey,
          processedRows: dataRows.length,
        });
      }

      await deps.repo.updateImport(importId, { phase: 'inserting', processedRows: dataRows.length });
      let inserted = 0;
      try {
        for (let i = 0; i < records.length; i += chunkSize) {
          const chunk = records.slice(i, i + chunkSize).map((g) => ({
            batchId: r.batchId,
            source: 'roster' as const,
            importId,
            name: g.name,
            studentNumber: g.studentNumber,
            idNumberEnc: deps.idCrypto.encrypt(g.idNumber),
            idNumberHash: deps.idCrypto.lookupHash(g.idNumber),
            idLast4: g.idNumber.slice(-4),
            gender: g.gender,
            department: g.department,
            major: g.major,
            educationLevel: g.educationLevel,
            educationCategory: g.educationCategory,
            email: g.email,
            phone: g.phone,
          }));
          inserted += await deps.repo.insertGraduates(chunk);
          await deps.repo.updateImport(importId, { insertedRows: inserted });
          await yieldToOthers();
        }
      } catch (err) {
        await deps.repo.updateImport(importId, { phase: 'undoing' });
        await deps.repo.undoImport(importId);
        const conflict = uniqueViolation(err) !== null;
        return await fail(
          importId,
          conflict ? 'CONFLICT_DURING_IMPORT' : 'INSERT_FAILED',
          conflict
            ? m('导入过程中有学生登记了名单中的身份证号，已撤销本次导入的全部数据，请重新导入', 'A student registered one of the ID numbers while the import ran; everything was undone — please import again')
            : m('写入数据时出错，已撤销本次导入的全部数据', 'Writing the rows failed; everything was undone'),
          { insertedRows: 0 },
        );
      }
      await deps.repo.setHasRoster(r.batchId);
      await finish({ status: 'succeeded' });
    } catch (err) {
      // unexpected (storage, database): undo, record, and let the job runner log it
      await deps.repo.undoImport(importId);
      await fail(importId, 'INTERNAL', m('导入时发生内部错误，已撤销本次导入的全部数据', 'An internal error stopped the import; everything was undone'), { insertedRows: 0 });
      throw err;
    }
  }

  function toEntry(row: RosterStatusRow): RosterEntry {
    return {
      id: row.id,
      source: row.source,
      name: row.name,
      studentNumber: row.student_number,
      idNumberMasked: maskIdNumber(deps.idCrypto.decrypt(Buffer.from(row.id_number_enc))),
      department: row.department,
      major: row.major,
      educationLevel: row.education_level,
      educationCategory: row.education_category,
      status: row.status as GraduateStatus,
      code: row.code_id && row.code_status ? { id: row.code_id, status: row.code_status } : null,
    };
  }

  return {
    runImport,

    async startImport(actor: StaffActor, batchId: string, upload: { bytes: Buffer; filename: string; mapping?: string }): Promise<RosterImportView> {
      const batch = await deps.batch(actor, batchId);
      if (upload.bytes.length > maxBytes) throw errors.tooLarge(m('名单文件不能超过 20 MB', 'The roster file may be at most 20 MB'));
      const format = deps.files.sniff(upload.bytes, upload.filename);
      if (format === 'xls') throw errors.validation('ROSTER_XLS_UNSUPPORTED', m('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV', 'Old .xls files are not supported; save the file as .xlsx or CSV in Excel'));
      if (!format) throw errors.validation('ROSTER_FILE_TYPE', m('请上传 CSV 或 XLSX 文件', 'Please upload a CSV or XLSX file'), [{ path: 'file', message: m('文件类型不支持', 'Unsupported file type') }]);
      let mapping: RosterMapping | null = null;
      if (upload.mapping?.trim()) {
        let json: unknown;
        try {
          json = JSON.parse(upload.mapping);
        } catch {
          json = undefined;
        }
        const parsed = RosterMapping.safeParse(json);
        if (!parsed.success) throw errors.validation('MAPPING_INVALID', m('列对应关系格式不正确', 'The column mapping is not valid'), [{ path: 'mapping', message: m('应为 JSON：字段 → 列名或列号', 'JSON: field → header text or column number') }]);
        mapping = parsed.data;
      }
      const id = randomUUID();
      const fileKey = `roster-imports/${id}/source.${format}`;
      await deps.storage.put(fileKey, upload.bytes);
      const row = await deps.repo.insertImport({
        id,
        batchId: batch.id,
        filename: upload.filename.slice(0, 200),
        format,
        fileKey,
        // as requested (header text or column number); replaced by the headers used once the job ran
        mapping: mapping as Record<string, string> | null,
        explicitMapping: mapping !== null,
        createdBy: actor.id,
      });
      if (!row) {
        await deps.storage.delete(fileKey);
        throw errors.conflict('IMPORT_RUNNING', m('该批次已有名单正在导入，请等待完成', 'A roster import for this batch is still running; wait for it to finish'));
      }
      await deps.audit.record(auditActor(actor), 'roster.import', { type: 'batch', id: batch.id }, { importId: id, filename: row.filename, format });
      await deps.jobs.send('roster.import', { importId: id }, { singletonKey: id });
      return toImportView(row);
    },

    async getImport(actor: StaffActor, id: string): Promise<RosterImportView> {
      return toImportView(await loadImport(actor, id));
    },

    async listImports(actor: StaffActor, batchId: string) {
      await deps.batch(actor, batchId);
      return { items: (await deps.repo.importsForBatch(batchId)).map(toImportView) };
    },

    async errorReport(actor: StaffActor, id: string, format: 'csv' | 'xlsx'): Promise<GeneratedFile> {
      const r = await loadImport(actor, id);
      if (!r.errorReportKey) throw errors.notFound(m('该导入没有错误报告', 'This import has no error report'));
      return {
        bytes: await deps.storage.get(`${r.errorReportKey}.${format}`),
        filename: `名单错误报告-${r.filename.replace(/\.[^.]+$/, '')}.${format}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      };
    },

    async list(actor: StaffActor, batchId: string, query: { q?: string; status?: GraduateStatus; page: number; pageSize: number }): Promise<RosterListResponse> {
      await deps.batch(actor, batchId);
      const { rows, total } = await deps.repo.rosterPage(batchId, { q: query.q, status: query.status, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize };
    },

    async exportRoster(actor: StaffActor, batchId: string): Promise<GeneratedFile> {
      const batch = await deps.batch(actor, batchId);
      const rows = (await deps.repo.rosterAll(batchId)).map(toEntry);
      const header = ['姓名', '学号', '身份证号', '院系', '专业', '学历层次', '学历类别', '来源', '状态', 'Status', '图像采集码'];
      const body = rows.map((g) => [
        g.name,
        g.studentNumber,
        g.idNumberMasked,
        g.department,
        g.major,
        g.educationLevel,
        g.educationCategory,
        SOURCE_LABELS[g.source],
        STATUS_LABELS[g.status][0],
        STATUS_LABELS[g.status][1],
        g.code ? CODE_LABELS[g.code.status] : '',
      ]);
      await deps.audit.record(auditActor(actor), 'roster.export', { type: 'batch', id: batchId }, { rows: rows.length });
      return {
        bytes: await deps.files.xlsx('名单 Roster', header, body, [12, 16, 22, 20, 20, 12, 12, 10, 14, 16, 14]),
        filename: `${batch.schoolName}-${batch.name}-名单.xlsx`,
        contentType: XLSX_TYPE,
      };
    },

    /** A graduate's full ID number, for staff of the graduate's school; every view is audited. */
    async revealIdNumber(actor: StaffActor, graduateId: string): Promise<{ idNumber: string }> {
      const found = await deps.repo.graduate(graduateId);
      if (!found) throw errors.notFound(m('找不到该毕业生', 'Graduate not found'));
      assertSchoolScope(actor, found.schoolId);
      const idNumber = deps.idCrypto.decrypt(found.graduate.idNumberEnc);
      await deps.audit.record(auditActor(actor), 'graduate.id_number.view', { type: 'graduate', id: graduateId }, { batchId: found.graduate.batchId });
      return { idNumber };
    },
  };
}
export type RosterService = ReturnType<typeof createRosterService>;
export { GraduateStatuses };
