import { MAX_PRINT_RUN_ORDERS, type PrintRunDetail, type PrintRunView } from '@gradphoto/contracts/console-shipping';
import type { PrintSize } from '../../adapters/photo-engine.js';
import type { PrintRunPdf } from '../../adapters/print-sheets.js';
import { DomainError, bilingual as m, errors, type Bilingual } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { chinaDate } from '../../lib/china-time.js';
import type { FileStorage } from '../../storage/storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditActor, type StaffActor } from '../schools/school-scope.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { PrintsRepo } from './prints.repo.js';

type Layout = 1 | 2;

export interface PrintsDeps {
  repo: PrintsRepo;
  jobs: JobQueue;
  storage: FileStorage;
  audit: AuditService;
  batchExists(batchId: string): Promise<boolean>;
  /** The photo engine: an original processed to print sizes (JPEG bytes per size). */
  processPrintSizes(bytes: Uint8Array, sizes: readonly PrintSize[], opts: { background: string }): Promise<Partial<Record<PrintSize, Buffer>>>;
  sizesForLayout(layout: Layout): PrintSize[];
  createPdf(title: string): Promise<PrintRunPdf>;
  now?: () => Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every print size a layout can hold. */
export const PRINT_SIZES: readonly PrintSize[] = ['one_inch', 'two_inch'];
/** Where a submission's print-size photo is kept, per background (retries and reprints reuse it). */
export const printCacheKey = (submissionId: string, background: string, size: PrintSize) =>
  `prints/${submissionId}/${background.replace(/[^0-9A-Za-z]/g, '')}-${size}.jpg`;

/** The PDF held a student who has since deleted their data, so it was deleted (privacy/built-files.service.ts). */
const printFileDeleted = () =>
  new DomainError(
    'not_found',
    'PRINT_RUN_FILE_DELETED',
    m('该冲印文件含有已注销学生的个人信息，已删除。如仍需要，请重新生成（将不含该学生）。', 'This print file held the data of a student who has since deleted their account, so it was deleted. Rebuild it if you still need it (it leaves that student out).'),
  );

/** An error the render job reports on the run (bilingual), naming the order it happened on. */
function failureOf(err: unknown, orderNo: string | null): { code: string; message: Bilingual } {
  const e = err as { code?: unknown; localized?: Bilingual; message?: string };
  const at = orderNo ? { zh: `订单 ${orderNo}：`, en: `Order ${orderNo}: ` } : { zh: '', en: '' };
  if (e.localized && typeof e.code === 'string') return { code: e.code, message: { zh: at.zh + e.localized.zh, en: at.en + e.localized.en } };
  return { code: 'RENDER_FAILED', message: { zh: `${at.zh}生成冲印文件失败（${e.message ?? String(err)}）`, en: `${at.en}the print file could not be made (${e.message ?? String(err)})` } };
}

/**
 * Print runs: an admin picks a batch's paid orders with prints whose photo is approved (and reprints);
 * they move paid → in_production (conditional, with history) onto one run, and a job renders one 300 dpi
 * PDF: each order's ORIGINAL processed to every size its layout holds, on a labelled 6-inch sheet,
 * repeated per copy.
 */
export function createPrintsService(deps: PrintsDeps) {
  const now = deps.now ?? (() => new Date());

  function view(r: NonNullable<Awaited<ReturnType<PrintsRepo['run']>>>): PrintRunView {
    const run = r.run;
    return {
      id: run.id,
      batchId: run.batchId,
      batchName: r.batchName,
      schoolName: r.schoolName,
      status: run.status,
      orderCount: run.orderCount,
      sheetCount: run.sheetCount,
      doneOrders: run.doneOrders,
      fileBytes: run.fileBytes,
      downloadUrl: run.status === 'succeeded' && run.fileKey ? `/api/console/print-runs/${run.id}/sheets.pdf` : null,
      failure: run.failureCode ? { code: run.failureCode, message: run.failureMessage ?? { zh: run.failureCode, en: run.failureCode } } : null,
      purgedAt: iso(run.purgedAt),
      createdAt: run.createdAt.toISOString(),
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
    };
  }

  async function load(runId: string) {
    const r = await deps.repo.run(runId);
    if (!r) throw errors.notFound(m('找不到该冲印批次', 'Print run not found'));
    return r;
  }

  /**
   * The print sizes of a submission, made once per background and kept in storage (retries and reprints reuse them).
   * Made from the original; once the original is deleted after the retention period, from the compliant result.
   */
  async function printPhotos(item: { submissionId: string; originalKey: string; originalDeletedAt: Date | null; resultKey: string | null; background: string }, layout: Layout) {
    const sizes = deps.sizesForLayout(layout);
    const key = (size: PrintSize) => printCacheKey(item.submissionId, item.background, size);
    const cached = await Promise.all(sizes.map(async (s) => ((await deps.storage.exists(key(s))) ? deps.storage.get(key(s)) : undefined)));
    if (cached.every(Boolean)) return Object.fromEntries(sizes.map((s, i) => [s, cached[i]!])) as Partial<Record<PrintSize, Buffer>>;
    const source = item.originalDeletedAt ? item.resultKey : item.originalKey;
    if (!source) throw Object.assign(new Error('original deleted'), { code: 'ORIGINAL_DELETED', localized: { zh: '原图已按保留期限删除，且没有可用的合格照片', en: 'the original was deleted after the retention period and there is no compliant photo to print from' } });
    const made = await deps.processPrintSizes(await deps.storage.get(source), sizes, { background: item.background });
    for (const s of sizes) if (made[s]) await deps.storage.put(key(s), made[s]);
    return made;
  }

  return {
    async candidates(_actor: StaffActor, batchId: string) {
      const { rows, total } = await deps.repo.eligible(batchId, { limit: 1000 });
      return {
        total,
        items: rows.map((r) => ({ orderId: r.order.id, orderNo: r.order.orderNo, kind: r.order.kind, layout: r.order.layout ?? 1, copies: r.order.copies, name: r.name, paidAt: iso(r.order.paidAt) })),
      };
    },

    async create(actor: StaffActor, input: { batchId: string; orderIds?: string[] }) {
      if (!(await deps.batchExists(input.batchId))) throw errors.notFound(m('找不到该批次', 'Batch not found'));
      const { rows } = await deps.repo.eligible(input.batchId, { orderIds: input.orderIds, limit: MAX_PRINT_RUN_ORDERS });
      if (input.orderIds && rows.length !== new Set(input.orderIds).size) {
        const ok = new Set(rows.map((r) => r.order.id));
        throw errors.conflict('ORDER_NOT_PRINTABLE', m('部分订单不能冲印（未支付、照片未审核通过或已在冲印中）', 'Some orders cannot be printed (not paid, photo not approved, or already on a run)'), {
          orderIds: input.orderIds.filter((id) => !ok.has(id)),
        });
      }
      if (!rows.length) throw errors.conflict('NOTHING_TO_PRINT', m('没有可冲印的订单', 'There are no orders to print'));
      let run;
      try {
        run = await deps.repo.insertRun(input.batchId, actor.id);
      } catch (err) {
        if (uniqueViolation(err) !== null) throw errors.conflict('PRINT_RUN_ACTIVE', m('该批次已有冲印任务在进行中，请稍后再试', 'This batch already has a print run in progress; try again when it is done'));
        throw err;
      }
      let orders = 0;
      let sheets = 0;
      for (const r of rows) {
        if (await deps.repo.addOrder(run.id, r.order.id, orders + 1, actor.id)) {
          orders += 1;
          sheets += Math.max(1, r.order.copies);
        }
      }
      if (!orders) {
        await deps.repo.deleteEmptyRun(run.id);
        throw errors.conflict('NOTHING_TO_PRINT', m('没有可冲印的订单', 'There are no orders to print'));
      }
      await deps.repo.setCounts(run.id, orders, sheets);
      await deps.jobs.send('prints.render', { runId: run.id });
      await deps.audit.record(auditActor(actor), 'print_run.create', { type: 'print_run', id: run.id }, { batchId: input.batchId, orders, sheets });
      return view(await load(run.id));
    },

    async list(_actor: StaffActor, q: { batchId?: string; page: number; pageSize: number }) {
      const { rows, total } = await deps.repo.list({ batchId: q.batchId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    },

    async get(_actor: StaffActor, runId: string): Promise<PrintRunDetail> {
      const r = await load(runId);
      const items = await deps.repo.runOrders(runId);
      return { ...view(r), orders: items.map((i) => ({ orderId: i.order.id, orderNo: i.order.orderNo, name: i.name, layout: i.order.layout ?? 1, copies: i.order.copies, status: i.order.status })) };
    },

    /** Job: renders the run's PDF. Re-running is harmless: it starts over and overwrites the same file. */
    async render(runId: string) {
      const r = await deps.repo.run(runId);
      if (!r || (r.run.status !== 'queued' && r.run.status !== 'running')) return;
      if (!(await deps.repo.start(runId, now()))) return;
      let current: string | null = null;
      try {
        // privacy: the orders of students who deleted their data stay on the run, but are not printed
        const items = (await deps.repo.runOrders(runId)).filter((i) => !i.erased);
        if (!items.length) throw Object.assign(new Error('nothing to print'), { code: 'NOTHING_TO_PRINT', localized: { zh: '没有可冲印的订单（其学生已注销）', en: 'there is nothing to print (the students deleted their data)' } });
        const pdf = await deps.createPdf(`${r.schoolName} ${r.batchName} — print run ${runId.slice(0, 8)}`);
        let done = 0;
        for (const item of items) {
          current = item.order.orderNo;
          if (!item.submissionId || !item.originalKey) throw Object.assign(new Error('no approved photo'), { code: 'NO_APPROVED_PHOTO', localized: { zh: '没有审核通过的照片', en: 'there is no approved photo' } });
          const layout: Layout = item.order.layout === 2 ? 2 : 1;
          const photos = await printPhotos({ submissionId: item.submissionId, originalKey: item.originalKey, originalDeletedAt: item.originalDeletedAt, resultKey: item.resultKey, background: item.background }, layout);
          await pdf.addOrder(layout, photos, `${item.order.orderNo} ${item.name}`, item.order.copies);
          done += 1;
          await deps.repo.progress(runId, done);
        }
        current = null;
        const bytes = await pdf.save();
        const key = `print-runs/${runId}.pdf`;
        await deps.storage.put(key, bytes);
        await deps.repo.finish(runId, key, bytes.length, pdf.pages, now());
      } catch (err) {
        const f = failureOf(err, current);
        await deps.repo.fail(runId, f.code, f.message, now());
      }
    },

    /** A failed run, or one whose PDF was deleted after a student's erasure, is rendered again (its orders stay on it). */
    async retry(actor: StaffActor, runId: string) {
      await load(runId);
      let requeued: boolean;
      try {
        requeued = await deps.repo.requeue(runId);
      } catch (err) {
        if (uniqueViolation(err) !== null) throw errors.conflict('PRINT_RUN_ACTIVE', m('该批次已有冲印任务在进行中，请稍后再试', 'This batch already has a print run in progress; try again when it is done'));
        throw err;
      }
      if (!requeued) throw errors.conflict('PRINT_RUN_STATE', m('只有失败或文件已删除的冲印任务可以重新生成', 'Only a failed print run, or one whose file was deleted, can be made again'));
      await deps.jobs.send('prints.render', { runId });
      await deps.audit.record(auditActor(actor), 'print_run.retry', { type: 'print_run', id: runId });
      return view(await load(runId));
    },

    /** The PDF as a stream (it can be large). */
    async download(actor: StaffActor, runId: string) {
      const r = await load(runId);
      if (r.run.status === 'purged') throw printFileDeleted();
      if (r.run.status !== 'succeeded' || !r.run.fileKey) throw errors.conflict('PRINT_RUN_NOT_READY', m('冲印文件尚未生成', 'The print file is not ready yet'));
      const file = await deps.storage.openRead(r.run.fileKey);
      await deps.audit.record(auditActor(actor), 'print_run.download', { type: 'print_run', id: runId });
      const date = chinaDate(r.run.createdAt);
      return { ...file, filename: `冲印-${r.schoolName}-${r.batchName}-${date}-${runId.slice(0, 8)}.pdf`, contentType: 'application/pdf' };
    },
  };
}
export type PrintsService = ReturnType<typeof createPrintsService>;
