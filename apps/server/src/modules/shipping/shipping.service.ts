import { MAX_SHIP_IMPORT_ROWS, ShipImportColumns, type ShipImportRowError } from '@gradphoto/contracts/console-shipping';
import type { SheetFormat, SheetRow } from '../../adapters/spreadsheet.js';
import { bilingual as m, errors, type Bilingual } from '../../errors.js';
import { chinaDate } from '../../lib/china-time.js';
import type { AuditService } from '../audit/audit.service.js';
import { journeyMessages } from '../notifications/journey-messages.js';
import type { OrderRow, OrdersRepo } from '../orders/orders.repo.js';
import { auditActor, type StaffActor } from '../schools/school-scope.js';
import type { ShippingRepo } from './shipping.repo.js';

export interface ShippingDeps {
  repo: ShippingRepo;
  orders: Pick<OrdersRepo, 'findById' | 'transition'>;
  audit: AuditService;
  notify(studentId: string, kind: string, message: { title: Bilingual; body: Bilingual; link?: string }): Promise<unknown>;
  files: {
    sniff(bytes: Buffer, filename: string): SheetFormat | 'xls' | null;
    read(bytes: Buffer, format: SheetFormat): Promise<SheetRow[]>;
    csv(header: string[], rows: Array<Array<string | number>>): Buffer;
  };
  batch(batchId: string): Promise<{ name: string; schoolName: string } | undefined>;
  autoCompleteDays: number;
  now?: () => Date;
}

const TRACKING = /^[A-Za-z0-9-]{6,40}$/;
const STATUS_ZH: Record<string, string> = { pending_payment: '待支付', paid: '已支付（未冲印）', in_production: '冲印中', shipped: '已发货', completed: '已完成', closed: '已关闭', refunded: '已退款' };

function rowError(row: number, orderNo: string, code: ShipImportRowError['code'], message: Bilingual): ShipImportRowError {
  return { row, orderNo, code, message };
}

/**
 * Shipping: one order at a time or a CSV/XLSX of tracking numbers (all rows or none), address labels as a
 * CSV Excel opens (UTF-8 with BOM), and orders completed automatically some days after shipping.
 */
export function createShippingService(deps: ShippingDeps) {
  const now = deps.now ?? (() => new Date());
  const shippedMessage = (o: OrderRow) => journeyMessages.orderShipped(o.orderNo, o.courier ?? '', o.trackingNo ?? '');

  function column(header: SheetRow, names: readonly string[]): number {
    const wanted = names.map((n) => n.toLowerCase());
    return header.cells.findIndex((c) => wanted.includes(c.text.trim().toLowerCase()));
  }

  async function parse(bytes: Buffer, filename: string) {
    const format = deps.files.sniff(bytes, filename);
    if (format !== 'csv' && format !== 'xlsx') throw errors.validation('FILE_TYPE', m('请上传 CSV 或 XLSX 文件', 'Upload a CSV or XLSX file'));
    let rows: SheetRow[];
    try {
      rows = await deps.files.read(bytes, format);
    } catch {
      throw errors.validation('FILE_UNREADABLE', m('文件无法读取', 'The file cannot be read'));
    }
    const [header, ...data] = rows;
    if (!header || !data.length) throw errors.validation('FILE_EMPTY', m('文件中没有发货记录', 'The file has no shipping rows'));
    const idx = { orderNo: column(header, ShipImportColumns.orderNo), courier: column(header, ShipImportColumns.courier), trackingNo: column(header, ShipImportColumns.trackingNo) };
    const missing = Object.entries(idx).filter(([, i]) => i < 0).map(([k]) => ShipImportColumns[k as keyof typeof ShipImportColumns][0]);
    if (missing.length) throw errors.validation('SHIP_IMPORT_COLUMNS', m(`缺少列：${missing.join('、')}`, `Missing columns: ${missing.join(', ')}`), undefined, { missing });
    if (data.length > MAX_SHIP_IMPORT_ROWS) throw errors.validation('TOO_MANY_ROWS', m(`一次最多导入 ${MAX_SHIP_IMPORT_ROWS} 行`, `At most ${MAX_SHIP_IMPORT_ROWS} rows per file`));
    return data.map((r) => ({ row: r.row, orderNo: r.cells[idx.orderNo], courier: r.cells[idx.courier]?.text ?? '', trackingNo: r.cells[idx.trackingNo]?.text ?? '' }));
  }

  return {
    async ship(actor: StaffActor, orderId: string, input: { courier: string; trackingNo: string }) {
      const order = await deps.orders.findById(orderId);
      if (!order) throw errors.notFound(m('订单不存在', 'Order not found'));
      const shipped = await deps.orders.transition(orderId, ['in_production'], 'shipped', { courier: input.courier, trackingNo: input.trackingNo, shippedAt: now() }, { type: 'staff', id: actor.id }, { code: 'shipped', params: { courier: input.courier, trackingNo: input.trackingNo } });
      if (!shipped) {
        // read it again: a concurrent click may have shipped it after our first read
        const current = (await deps.orders.findById(orderId)) ?? order;
        if (current.status === 'shipped') throw errors.conflict('ALREADY_SHIPPED', m('该订单已发货', 'This order is already shipped'));
        throw errors.conflict('ORDER_STATE', m(`该订单当前为“${STATUS_ZH[current.status] ?? current.status}”，冲印后才能发货`, `The order is ${current.status}; it can be shipped once it is on a print run`), { status: current.status });
      }
      await deps.notify(shipped.studentId, 'order.shipped', shippedMessage(shipped));
      await deps.audit.record(auditActor(actor), 'order.ship', { type: 'order', id: orderId }, { orderNo: shipped.orderNo, courier: input.courier, trackingNo: input.trackingNo });
      return { orderNo: shipped.orderNo, status: shipped.status, courier: shipped.courier, trackingNo: shipped.trackingNo };
    },

    /**
     * A file of order number + courier + tracking number. Every row is checked first; with any bad row
     * nothing is shipped and every bad row is reported. Then all rows ship in one transaction.
     */
    async importFile(actor: StaffActor, file: { bytes: Buffer; filename: string }) {
      const rows = await parse(file.bytes, file.filename);
      const problems: ShipImportRowError[] = [];
      const seen = new Map<string, number>();
      const good: Array<{ row: number; orderNo: string; courier: string; trackingNo: string }> = [];
      for (const r of rows) {
        const orderNo = r.orderNo?.text.trim() ?? '';
        const before = problems.length;
        if (r.orderNo?.numeric) problems.push(rowError(r.row, orderNo, 'ORDER_NO', m('订单号被 Excel 存成了数字，末尾数字已丢失；请把该列设为文本', 'Excel stored the order number as a number and lost its last digits; format the column as text')));
        else if (!/^\d{20}$/.test(orderNo)) problems.push(rowError(r.row, orderNo, 'ORDER_NO', m('订单号应为 20 位数字', 'The order number has 20 digits')));
        else if (seen.has(orderNo)) problems.push(rowError(r.row, orderNo, 'DUPLICATE', m(`与第 ${seen.get(orderNo)} 行重复`, `Same order as row ${seen.get(orderNo)}`)));
        if (r.courier.trim().length < 2 || r.courier.trim().length > 40) problems.push(rowError(r.row, orderNo, 'COURIER', m('请填写快递公司', 'Enter the courier')));
        if (!TRACKING.test(r.trackingNo.trim())) problems.push(rowError(r.row, orderNo, 'TRACKING_NO', m('运单号为 6–40 位字母或数字', 'The tracking number has 6–40 letters or digits')));
        if (/^\d{20}$/.test(orderNo) && !seen.has(orderNo)) seen.set(orderNo, r.row);
        if (problems.length === before) good.push({ row: r.row, orderNo, courier: r.courier.trim(), trackingNo: r.trackingNo.trim() });
      }
      const found = new Map((await deps.repo.byOrderNos(good.map((g) => g.orderNo))).map((o) => [o.orderNo, o]));
      for (const g of good) {
        const o = found.get(g.orderNo);
        if (!o) problems.push(rowError(g.row, g.orderNo, 'ORDER_NOT_FOUND', m('订单不存在', 'No such order')));
        else if (o.status !== 'in_production') problems.push(rowError(g.row, g.orderNo, 'ORDER_STATE', m(`订单当前为“${STATUS_ZH[o.status] ?? o.status}”，不能发货`, `The order is ${o.status} and cannot be shipped`)));
      }
      if (problems.length) {
        problems.sort((a, b) => a.row - b.row);
        throw errors.validation('SHIP_IMPORT_INVALID', m(`有 ${problems.length} 处错误，没有订单被发货`, `${problems.length} problems found; nothing was shipped`), undefined, { rows: problems.slice(0, 500), errorCount: problems.length });
      }
      const result = await deps.repo.shipAll(good, actor.id, now());
      if ('failedOrderNo' in result) {
        throw errors.conflict('SHIP_IMPORT_CONFLICT', m(`订单 ${result.failedOrderNo} 的状态刚刚发生变化，没有订单被发货，请重新导入`, `Order ${result.failedOrderNo} changed meanwhile; nothing was shipped — import again`), { orderNo: result.failedOrderNo });
      }
      for (const o of result.shipped) await deps.notify(o.studentId, 'order.shipped', shippedMessage(o));
      await deps.audit.record(auditActor(actor), 'order.ship_import', undefined, { filename: file.filename, count: result.shipped.length, orderNos: result.shipped.map((o) => o.orderNo) });
      return { shipped: result.shipped.length };
    },

    /** Address labels of a batch's orders with prints (default: those in production, ready to ship). */
    async labels(actor: StaffActor, batchId: string, status: 'paid' | 'in_production' | 'shipped') {
      const b = await deps.batch(batchId);
      if (!b) throw errors.notFound(m('找不到该批次', 'Batch not found'));
      const rows = await deps.repo.labels(batchId, status);
      const header = ['订单号', '收件人', '电话', '省市区', '详细地址', '姓名', '学号', '学校', '批次', '版式', '份数', '快递公司', '快递单号'];
      const body = rows.map((r) => {
        const a = r.order.shippingAddress ?? {};
        return [r.order.orderNo, a.recipient ?? '', a.phone ?? '', a.regionText ?? '', a.street ?? '', r.name, r.studentNumber, r.schoolName, r.batchName, r.order.layout === 2 ? '版式二' : '版式一', r.order.copies, r.order.courier ?? '', r.order.trackingNo ?? ''];
      });
      await deps.audit.record(auditActor(actor), 'order.labels_export', { type: 'batch', id: batchId }, { status, count: rows.length });
      const date = chinaDate(now());
      return { bytes: deps.files.csv(header, body), filename: `地址标签-${b.schoolName}-${b.name}-${date}.csv`, contentType: 'text/csv; charset=utf-8' };
    },

    /** Job: shipped orders the student never confirmed are completed after the configured number of days. */
    async autoComplete(): Promise<number> {
      const cutoff = new Date(now().getTime() - deps.autoCompleteDays * 86_400_000);
      let n = 0;
      for (;;) {
        const due = await deps.repo.shippedBefore(cutoff);
        for (const { id } of due) {
          const done = await deps.orders.transition(id, ['shipped'], 'completed', { completedAt: now() }, { type: 'system' }, { code: 'auto_completed', params: { days: deps.autoCompleteDays } });
          if (!done) continue;
          n += 1;
          await deps.notify(done.studentId, 'order.completed', journeyMessages.orderCompleted(done.orderNo));
        }
        if (due.length < 1000) return n;
      }
    },
  };
}
export type ShippingService = ReturnType<typeof createShippingService>;
