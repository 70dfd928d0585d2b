import type { ProgressCounts, ProgressResponse } from '@gradphoto/contracts/console-progress';
import type { AuditService } from '../audit/audit.service.js';
import type { BatchWithSchool } from '../batches/batches.repo.js';
import { assertSchoolScope, auditActor, scopedSchoolId, type StaffActor } from '../schools/school-scope.js';
import type { CountsRow, ProgressRepo } from './progress.repo.js';
import { chinaDate, CST_OFFSET_MS } from '../../lib/china-time.js';

export interface ProgressDeps {
  repo: ProgressRepo;
  /** Loads a batch after checking the actor's school scope (batches service). */
  batch(actor: StaffActor, batchId: string): Promise<BatchWithSchool>;
  audit: AuditService;
  /** The CSV writer (adapters/spreadsheet.ts). */
  csv(header: string[], rows: Array<Array<string | number>>): Buffer;
  now?: () => Date;
}

const KEYS = ['graduates', 'registered', 'photographed', 'paid', 'pendingReview', 'approved', 'rejected', 'shipped'] as const;
const CSV_HEADER = ['名单人数 Graduates', '已登记 Registered', '已拍照 Photographed', '已付款 Paid', '待审核 Pending review', '已通过 Approved', '已驳回 Rejected', '已寄出 Shipped'];
const DAYS = 30;

/**
 * The last `days` calendar days in UTC+8, today included, as YYYY-MM-DD, and the instant the first one
 * begins. Between 16:00 and 24:00 UTC it is already tomorrow in China, and so is "today" here.
 */
export function dailyWindow(now: Date, days: number): { from: Date; dates: string[] } {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (days - 1));
  const dates = Array.from({ length: days }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
  return { from: new Date(first - CST_OFFSET_MS), dates };
}

function counts(r: CountsRow): ProgressCounts {
  return {
    graduates: Number(r.graduates),
    registered: Number(r.registered),
    photographed: Number(r.photographed),
    paid: Number(r.paid),
    pendingReview: Number(r.pending_review),
    approved: Number(r.approved),
    rejected: Number(r.rejected),
    shipped: Number(r.shipped),
  };
}

/** The progress dashboard per school and batch (a coordinator sees only their school), and its CSV. */
export function createProgressService(deps: ProgressDeps) {
  const now = deps.now ?? (() => new Date());

  async function scope(actor: StaffActor, query: { schoolId?: string; batchId?: string }) {
    if (query.schoolId) assertSchoolScope(actor, query.schoolId);
    if (query.batchId) await deps.batch(actor, query.batchId);
    return { schoolId: scopedSchoolId(actor) ?? query.schoolId, batchId: query.batchId };
  }

  async function get(actor: StaffActor, query: { schoolId?: string; batchId?: string }): Promise<ProgressResponse> {
    const s = await scope(actor, query);
    const batches = (await deps.repo.byBatch(s)).map((r) => ({ batchId: r.batch_id, batchName: r.batch_name, schoolId: r.school_id, schoolName: r.school_name, payer: r.payer, ...counts(r) }));
    const schools = (await deps.repo.bySchool(s)).map((r) => ({ schoolId: r.school_id, schoolName: r.school_name, ...counts(r) }));
    const totals = Object.fromEntries(KEYS.map((k) => [k, schools.reduce((sum, r) => sum + r[k], 0)])) as ProgressCounts;
    const { from, dates } = dailyWindow(now(), DAYS);
    const found = new Map((await deps.repo.daily(s, from)).map((d) => [d.date, d]));
    const daily = dates.map((date) => found.get(date) ?? { date, registered: 0, approved: 0 });
    return { totals, schools, batches, daily };
  }

  return {
    get,

    async csv(actor: StaffActor, query: { schoolId?: string; batchId?: string }) {
      const p = await get(actor, query);
      const rows: Array<Array<string | number>> = p.batches.map((b) => [b.schoolName, b.batchName, ...KEYS.map((k) => b[k])]);
      rows.push(['合计 Total', '', ...KEYS.map((k) => p.totals[k])]);
      await deps.audit.record(auditActor(actor), 'progress.export', query.batchId ? { type: 'batch', id: query.batchId } : query.schoolId ? { type: 'school', id: query.schoolId } : undefined, {});
      return {
        bytes: deps.csv(['学校 School', '批次 Batch', ...CSV_HEADER], rows),
        filename: `采集进度-${chinaDate(now())}.csv`,
        contentType: 'text/csv; charset=utf-8',
      };
    },
  };
}
export type ProgressService = ReturnType<typeof createProgressService>;
