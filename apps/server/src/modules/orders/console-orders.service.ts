import type { ConsoleOrderDetail, ConsoleOrderFilters, ConsoleOrderView } from '@gradphoto/contracts/console-orders';
import type { SubmissionState } from '@gradphoto/contracts/journey';
import { maskIdNumber, maskPhone, normalizeIdNumber, validateIdNumber, validatePassportNumber } from '@gradphoto/contracts/id-number';
import type { SmsSender } from '../../adapters/sms.js';
import { bilingual as m, errors, type Bilingual } from '../../errors.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RefundRow } from '../payments/payments.repo.js';
import type { RefundsService } from '../payments/refunds.service.js';
import { auditActor, type StaffActor } from '../schools/school-scope.js';
import type { SubmissionsRepo } from '../submissions/submissions.repo.js';
import type { ConsoleOrderFilter, ConsoleOrderRow, ConsoleOrdersRepo } from './console-orders.repo.js';
import type { OrderRow, OrdersRepo } from './orders.repo.js';
import { noteFields } from './order-notes.js';
import { isPaidOrder } from './order-states.js';

export interface ConsoleOrdersDeps {
  repo: ConsoleOrdersRepo;
  orders: Pick<OrdersRepo, 'findById' | 'history' | 'refunds' | 'transition'>;
  refunds: Pick<RefundsService, 'refund'>;
  submissions: Pick<SubmissionsRepo, 'listForCollection' | 'transition'>;
  idCrypto: IdCrypto;
  audit: AuditService;
  notify(studentId: string, kind: string, message: { title: Bilingual; body: Bilingual; link?: string }): Promise<unknown>;
  sms: SmsSender;
  smsSignature: string;
  /** The student's phone for SMS (null for students without a Chinese mobile). */
  studentPhone(studentId: string): Promise<string | null>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const yuan = (cents: number) => (cents / 100).toFixed(2);

/** How the search box is read: order number, phone, full ID/passport number, else a name. */
export function classifyQuery(q: string): { kind: 'order_no' | 'phone' | 'id_number' | 'name'; value: string } {
  const compact = q.replace(/\s+/g, '');
  if (/^\d{20}$/.test(compact)) return { kind: 'order_no', value: compact };
  if (/^1\d{10}$/.test(compact)) return { kind: 'phone', value: compact };
  const id = normalizeIdNumber(compact);
  if (validateIdNumber(id) === null || (/\d/.test(id) && /[A-Z]/.test(id) && validatePassportNumber(id))) return { kind: 'id_number', value: id };
  return { kind: 'name', value: q.trim() };
}

/**
 * Orders in the console: search and filters, the detail page, refunds (full or partial, idempotent per
 * click), the students' refund requests, and what follows a refund (SMS; a fully refunded collection
 * order takes its photo out of review).
 */
export function createConsoleOrdersService(deps: ConsoleOrdersDeps) {
  function view(r: ConsoleOrderRow): ConsoleOrderView {
    const o = r.order;
    const openRequest = o.refundRequestedAt && isPaidOrder(o);
    return {
      id: o.id,
      orderNo: o.orderNo,
      kind: o.kind,
      status: o.status,
      withPrints: o.withPrints,
      layout: o.layout,
      copies: o.copies,
      amountCents: o.amountCents,
      refundedCents: o.refundedCents,
      paymentProvider: r.paymentProvider === null ? null : r.paymentProvider === 'alipay' ? 'alipay' : 'wechat',
      refundRequest: openRequest ? { at: o.refundRequestedAt!.toISOString(), reason: o.refundRequestReason ?? '' } : null,
      courier: o.courier,
      trackingNo: o.trackingNo,
      createdAt: o.createdAt.toISOString(),
      paidAt: iso(o.paidAt),
      shippedAt: iso(o.shippedAt),
      completedAt: iso(o.completedAt),
      studentName: r.studentName,
      studentErased: r.studentErasedAt !== null,
      phoneMasked: r.studentPhone ? maskPhone(r.studentPhone) : '',
      idNumberMasked: maskIdNumber(deps.idCrypto.decrypt(r.studentIdEnc)),
      graduateName: r.graduateName,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      batchId: r.batchId,
      batchName: r.batchName,
      submissionStatus: (r.submissionStatus as SubmissionState | null) ?? null,
    };
  }

  async function detail(orderId: string): Promise<ConsoleOrderDetail> {
    const r = await deps.repo.one(orderId);
    if (!r) throw errors.notFound(m('订单不存在', 'Order not found'));
    const [history, refunds, printRunId, reserved] = await Promise.all([
      deps.orders.history(orderId),
      deps.orders.refunds(orderId),
      deps.repo.printRunOf(orderId),
      deps.repo.refundsInFlightOrDone(orderId),
    ]);
    const refundable = isPaidOrder(r.order) ? r.order.amountCents - reserved : 0;
    const a = r.order.shippingAddress;
    return {
      ...view(r),
      shippingAddress: a ? { recipient: a.recipient ?? '', phone: a.phone ?? '', regionText: a.regionText ?? '', street: a.street ?? '' } : null,
      refundableCents: Math.max(0, refundable),
      printRunId,
      history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, actorType: h.actorType, ...noteFields(h), at: h.createdAt.toISOString() })),
      refunds: refunds.map((f) => ({ refundNo: f.refundNo, amountCents: f.amountCents, reason: f.reason, status: f.status, requestedBy: f.requestedBy, at: f.createdAt.toISOString() })),
    };
  }

  const refundOut = (f: RefundRow) => ({ refundNo: f.refundNo, amountCents: f.amountCents, status: f.status });

  return {
    async list(actor: StaffActor, q: ConsoleOrderFilters) {
      const { page, pageSize } = q;
      const filter: ConsoleOrderFilter = { schoolId: q.schoolId, batchId: q.batchId, status: q.status, kind: q.kind, refundRequested: q.refundRequested, limit: pageSize, offset: (page - 1) * pageSize };
      const parsed = q.q ? classifyQuery(q.q) : null;
      if (parsed?.kind === 'order_no') filter.orderNo = parsed.value;
      if (parsed?.kind === 'phone') filter.phone = parsed.value;
      if (parsed?.kind === 'name') filter.name = parsed.value;
      if (parsed?.kind === 'id_number') filter.idHash = deps.idCrypto.lookupHash(parsed.value);
      const { rows, total } = await deps.repo.list(filter);
      if (parsed?.kind === 'id_number') {
        // a search by full ID number is a use of it: audited (masked in the log)
        await deps.audit.record(auditActor(actor), 'order.search_by_id_number', undefined, { idNumberMasked: maskIdNumber(parsed.value), matches: total });
      }
      return { items: rows.map(view), total, page, pageSize, matchedBy: parsed?.kind ?? null };
    },

    async get(_actor: StaffActor, orderId: string) {
      return detail(orderId);
    },

    /**
     * A full or partial refund. The idempotency key makes a double click (or a retried request) refund once:
     * the second call gets the first one's refund, or 409 while it is still being made.
     */
    async refund(actor: StaffActor, orderId: string, input: { amountCents: number; reason: string; idempotencyKey: string }) {
      const order = await deps.orders.findById(orderId);
      if (!order) throw errors.notFound(m('订单不存在', 'Order not found'));
      const fresh = await deps.repo.claimRefundKey({ key: input.idempotencyKey, orderId, staffId: actor.id, amountCents: input.amountCents });
      if (!fresh) {
        const existing = await deps.repo.refundKey(input.idempotencyKey);
        const made = existing?.orderId === orderId && existing.refundNo ? (await deps.orders.refunds(orderId)).find((f) => f.refundNo === existing.refundNo) : undefined;
        if (!made) throw errors.conflict('REFUND_IN_PROGRESS', m('该退款正在处理，请勿重复提交', 'This refund is already being made; do not submit it twice'));
        return { refund: refundOut(made), order: await detail(orderId) };
      }
      let refund: RefundRow;
      try {
        refund = await deps.refunds.refund(orderId, input.amountCents, input.reason, { type: 'staff', id: actor.id });
      } catch (err) {
        await deps.repo.dropRefundKey(input.idempotencyKey);
        throw err;
      }
      await deps.repo.setRefundKeyResult(input.idempotencyKey, refund.refundNo);
      await deps.audit.record(auditActor(actor), 'order.refund', { type: 'order', id: orderId }, { orderNo: order.orderNo, amountCents: input.amountCents, reason: input.reason, refundNo: refund.refundNo, requested: order.refundRequestedAt !== null });
      return { refund: refundOut(refund), order: await detail(orderId) };
    },

    /** Declines a student's refund request: the request is cleared (history keeps it) and the student told why. */
    async declineRefundRequest(actor: StaffActor, orderId: string, reason: string) {
      const order = await deps.orders.findById(orderId);
      if (!order) throw errors.notFound(m('订单不存在', 'Order not found'));
      if (!order.refundRequestedAt) throw errors.conflict('NO_REFUND_REQUEST', m('该订单没有待处理的退款申请', 'This order has no open refund request'));
      const updated = await deps.orders.transition(order.id, [order.status], order.status, { refundRequestedAt: null, refundRequestReason: null }, { type: 'staff', id: actor.id }, { code: 'refund_declined', text: reason });
      if (!updated) throw errors.conflict('ORDER_STATE', m('订单状态已变化，请刷新', 'The order changed; please refresh'));
      await deps.notify(order.studentId, 'order.refund_declined', {
        title: { zh: '退款申请未通过', en: 'Refund request declined' },
        body: { zh: `订单 ${order.orderNo} 的退款申请未通过：${reason}`, en: `The refund request for order ${order.orderNo} was declined: ${reason}` },
        link: `/orders/${order.orderNo}`,
      });
      await deps.audit.record(auditActor(actor), 'order.refund_request.decline', { type: 'order', id: orderId }, { orderNo: order.orderNo, reason });
      return detail(orderId);
    },

    /**
     * After money went back (from the refunds service's hook): an SMS to the student, and — when a
     * collection order is refunded in full before its photo was approved — the photo leaves review
     * (withdrawn by the system), so nobody reviews it for nothing.
     */
    async afterRefund(order: OrderRow, refund: RefundRow) {
      const phone = await deps.studentPhone(order.studentId);
      if (phone) {
        await deps.sms.send({
          to: phone,
          template: 'order_refunded',
          params: { orderNo: order.orderNo, amount: yuan(refund.amountCents) },
          text: `【${deps.smsSignature}】您的订单 ${order.orderNo} 已退款 ¥${yuan(refund.amountCents)}，将原路退回，请注意查收。`,
        });
      }
      if (order.status !== 'refunded' || order.kind !== 'collection') return;
      for (const s of await deps.submissions.listForCollection(order.collectionId)) {
        if (s.status !== 'submitted' && s.status !== 'pending_review') continue;
        const withdrawn = await deps.submissions.transition(s.id, ['submitted', 'pending_review'], 'withdrawn', { claimedBy: null, claimedAt: null, claimStartedAt: null }, { type: 'system' }, `order ${order.orderNo} refunded`);
        if (withdrawn) {
          await deps.notify(order.studentId, 'submission.withdrawn', {
            title: { zh: '照片已撤出审核', en: 'Photo taken out of review' },
            body: { zh: `订单 ${order.orderNo} 已全额退款，您的照片不再审核。如需继续采集，请重新下单。`, en: `Order ${order.orderNo} was refunded in full, so your photo is no longer reviewed. Place a new order to continue.` },
            link: `/collections/${order.collectionId}`,
          });
        }
      }
    },
  };
}
export type ConsoleOrdersService = ReturnType<typeof createConsoleOrdersService>;
