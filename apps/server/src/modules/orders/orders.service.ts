import { bilingual as m, errors } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { generateOrderNo } from './order-no.js';
import type { OrderRow, OrdersRepo } from './orders.repo.js';

/** What orders need to know about a collection and its batch (from the collections module). */
export interface CollectionForOrder {
  id: string;
  studentId: string;
  payer: 'student' | 'school';
  priceNoPrintsCents: number;
  priceWithPrintsCents: number;
  /** Whether the collection has an approved submission (for reprints and refund requests). */
  approved: boolean;
}

export interface AddressSnapshot {
  recipient: string;
  phone: string;
  regionText: string;
  street: string;
}

export interface OrdersDeps {
  repo: OrdersRepo;
  jobs: JobQueue;
  collection(collectionId: string): Promise<CollectionForOrder | undefined>;
  address(studentId: string, addressId: string): Promise<AddressSnapshot | undefined>;
  /** Called after an order became paid (moves waiting submissions on to review, notifies). */
  onPaid(order: OrderRow): Promise<void>;
  onStatusChange?(order: OrderRow): Promise<void>;
  timeoutMinutes: number;
  now?: () => Date;
}

export const PRINT_LAYOUTS = [1, 2] as const;

/** Orders carry money, prints and shipping; their states follow DESIGN.md, one transaction per transition. */
export function createOrdersService(deps: OrdersDeps) {
  const now = deps.now ?? (() => new Date());
  const student = (studentId: string) => ({ type: 'student' as const, id: studentId });

  async function ownCollection(studentId: string, collectionId: string) {
    const c = await deps.collection(collectionId);
    if (!c || c.studentId !== studentId) throw errors.notFound(m('找不到该学历', 'Collection not found'));
    return c;
  }

  async function shippingFor(studentId: string, withPrints: boolean, addressId?: string) {
    if (!withPrints) return null;
    const address = addressId ? await deps.address(studentId, addressId) : undefined;
    if (!address) throw errors.validation('ADDRESS_REQUIRED', m('请选择收货地址', 'Please choose a mailing address'), [{ path: 'addressId', message: m('请选择收货地址', 'Choose an address') }]);
    return { ...address };
  }

  async function insertOrder(row: Omit<Parameters<OrdersRepo['insert']>[0], 'orderNo' | 'status' | 'expiresAt'>, studentId: string) {
    const t = now();
    const order = await deps.repo.insert(
      { ...row, orderNo: generateOrderNo(t), status: 'pending_payment', expiresAt: new Date(t.getTime() + deps.timeoutMinutes * 60_000), createdAt: t },
      student(studentId),
    );
    await deps.jobs.send('orders.close-expired', { orderId: order.id }, { startAfter: order.expiresAt!, singletonKey: order.id });
    return order;
  }

  return {
    /**
     * The order for a collection: fee (+ prints) when the student pays; prints only when the school pays.
     * A live order for the same collection is returned instead of a second one (double clicks).
     */
    async createForCollection(studentId: string, input: { collectionId: string; withPrints: boolean; layout?: 1 | 2; addressId?: string }) {
      const c = await ownCollection(studentId, input.collectionId);
      if (c.approved) throw errors.conflict('ALREADY_APPROVED', m('照片已审核通过，如需冲印请选择加洗', 'The photo is already approved; order a reprint instead'));
      if (input.withPrints && !input.layout) throw errors.validation('LAYOUT_REQUIRED', m('请选择冲印版式', 'Please choose a print layout'));
      const live = (await deps.repo.listByCollection(c.id)).find((o) => o.kind !== 'reprint' && !['closed', 'refunded'].includes(o.status));
      if (live) return live;
      if (c.payer === 'school' && !input.withPrints) {
        throw errors.conflict('ORDER_NOT_NEEDED', m('本批次由学校统一付费，无需下单', 'The school pays for this batch; no order is needed'));
      }
      const amountCents =
        c.payer === 'school' ? c.priceWithPrintsCents - c.priceNoPrintsCents : input.withPrints ? c.priceWithPrintsCents : c.priceNoPrintsCents;
      try {
        return await insertOrder(
          {
            studentId,
            collectionId: c.id,
            kind: c.payer === 'school' ? 'prints' : 'collection',
            withPrints: input.withPrints,
            layout: input.withPrints ? input.layout! : null,
            shippingAddress: await shippingFor(studentId, input.withPrints, input.addressId),
            amountCents,
          },
          studentId,
        );
      } catch (err) {
        const again = (await deps.repo.listByCollection(c.id)).find((o) => o.kind === 'collection' && !['closed', 'refunded'].includes(o.status));
        if (again) return again;
        throw err;
      }
    },

    /** 加洗: prints of an approved photo. Not reviewed; always the student's own order. */
    async createReprint(studentId: string, input: { collectionId: string; layout: 1 | 2; addressId: string; copies: number }) {
      const c = await ownCollection(studentId, input.collectionId);
      if (!c.approved) throw errors.conflict('NOT_APPROVED', m('照片审核通过后才能加洗', 'Reprints are possible once the photo is approved'));
      const unit = c.priceWithPrintsCents - c.priceNoPrintsCents;
      return insertOrder(
        {
          studentId,
          collectionId: c.id,
          kind: 'reprint',
          withPrints: true,
          layout: input.layout,
          copies: input.copies,
          shippingAddress: await shippingFor(studentId, true, input.addressId),
          amountCents: unit * input.copies,
        },
        studentId,
      );
    },

    /** Job: closes the order if it is still unpaid after its deadline. Safe to run twice. */
    async closeIfExpired(orderId: string): Promise<OrderRow | null> {
      const order = await deps.repo.findById(orderId);
      if (!order || order.status !== 'pending_payment' || !order.expiresAt || order.expiresAt > now()) return null;
      const closed = await deps.repo.transition(orderId, ['pending_payment'], 'closed', { closedAt: now() }, { type: 'system' }, { code: 'payment_timeout' });
      if (closed) await deps.onStatusChange?.(closed);
      return closed;
    },
    /** Sweep for orders whose close job was lost (e.g. created before a restart without jobs). */
    async closeAllExpired(): Promise<number> {
      let n = 0;
      for (const { id } of await deps.repo.expiredPending(now())) if (await this.closeIfExpired(id)) n++;
      return n;
    },

    /** Applies a verified provider payment. Idempotent: a repeated notice is a `duplicate`. */
    async applyPayment(input: { orderNo: string; provider: 'wechat' | 'alipay' | 'sandbox'; transactionId: string; amountCents: number; paidAt: Date; raw: Record<string, unknown> }) {
      const order = await deps.repo.findByOrderNo(input.orderNo);
      if (!order) throw errors.notFound(m('订单不存在', 'Order not found'));
      if (order.amountCents !== input.amountCents) {
        throw errors.conflict('AMOUNT_MISMATCH', m('支付金额与订单不符', 'The paid amount does not match the order'), { expected: order.amountCents, got: input.amountCents });
      }
      const result = await deps.repo.recordPayment({ orderId: order.id, ...input });
      if (result.outcome === 'paid') {
        await deps.onPaid(result.order);
        await deps.onStatusChange?.(result.order);
      }
      return result;
    },

    async requestRefund(studentId: string, orderNo: string, reason: string) {
      const order = await deps.repo.findByOrderNo(orderNo);
      if (!order || order.studentId !== studentId) throw errors.notFound(m('订单不存在', 'Order not found'));
      const c = await deps.collection(order.collectionId);
      if (order.status !== 'paid' || (order.kind !== 'reprint' && c?.approved)) {
        throw errors.conflict('REFUND_NOT_ALLOWED', m('该订单当前不能申请退款', 'A refund cannot be requested for this order now'));
      }
      if (order.refundRequestedAt) return order;
      const updated = await deps.repo.transition(order.id, ['paid'], 'paid', { refundRequestedAt: now(), refundRequestReason: reason }, student(studentId), { code: 'refund_requested', text: reason });
      if (!updated) throw errors.conflict('REFUND_NOT_ALLOWED', m('该订单当前不能申请退款', 'A refund cannot be requested for this order now'));
      return updated;
    },

    async confirmDelivery(studentId: string, orderNo: string) {
      const order = await deps.repo.findByOrderNo(orderNo);
      if (!order || order.studentId !== studentId) throw errors.notFound(m('订单不存在', 'Order not found'));
      const done = await deps.repo.transition(order.id, ['shipped'], 'completed', { completedAt: now() }, student(studentId), { code: 'delivery_confirmed' });
      if (!done) throw errors.conflict('NOT_SHIPPED', m('订单尚未发货', 'The order has not been shipped'));
      await deps.onStatusChange?.(done);
      return done;
    },

    async forStudent(studentId: string, orderNo: string) {
      const order = await deps.repo.findByOrderNo(orderNo);
      if (!order || order.studentId !== studentId) throw errors.notFound(m('订单不存在', 'Order not found'));
      return { order, history: await deps.repo.history(order.id), refunds: await deps.repo.refunds(order.id) };
    },
    listForStudent: (studentId: string) => deps.repo.listByStudent(studentId),
    findByOrderNo: (orderNo: string) => deps.repo.findByOrderNo(orderNo),
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
