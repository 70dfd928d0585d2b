import type { CollectionView, OrderDetail, OrderView } from '@gradphoto/contracts/journey';
import { bilingual as m, errors } from '../../errors.js';
import type { CollectionsRepo } from '../collections/collections.repo.js';
import { toBatchSummary, type CollectionsService } from '../collections/collections.service.js';
import type { OrderRow, OrdersRepo } from '../orders/orders.repo.js';
import { noteFields } from '../orders/order-notes.js';
import type { SubmissionRow, SubmissionsRepo } from '../submissions/submissions.repo.js';
import { toSubmissionView } from '../submissions/submissions.service.js';
import { collectionFeeSettled } from '../orders/order-states.js';

/** Which tab of the student's list an order belongs to: what needs action comes first. */
export function orderTab(order: OrderRow, latest: SubmissionRow | undefined): OrderView['tab'] {
  switch (order.status) {
    case 'pending_payment':
      return 'pending_payment';
    case 'closed':
      return 'closed';
    case 'refunded':
      return 'refunded';
    case 'completed':
      return 'completed';
    case 'shipped':
      return 'shipped';
    case 'in_production':
      return 'to_ship';
    case 'paid':
      if (order.kind === 'reprint') return 'to_ship';
      if (!latest || ['processing', 'draft', 'rejected', 'withdrawn'].includes(latest.status)) return 'needs_fix';
      if (latest.status === 'approved') return order.withPrints ? 'to_ship' : 'completed';
      return 'pending_review';
  }
}

/** The student's home: collections with their newest photo, and orders with their tab. */
export function createHomeService(deps: { collections: CollectionsRepo; collectionsService: CollectionsService; submissions: SubmissionsRepo; orders: OrdersRepo }) {
  async function context(studentId: string) {
    const cols = await deps.collections.collectionsOf(studentId);
    const ids = cols.map((c) => c.id);
    const [batches, graduates, latest, orders] = await Promise.all([
      deps.collections.batchesByIds([...new Set(cols.map((c) => c.batchId))]),
      deps.collections.graduatesByIds(cols.map((c) => c.graduateId)),
      deps.submissions.latestForCollections(ids),
      deps.orders.listByStudent(studentId),
    ]);
    return { cols, batches: new Map(batches.map((b) => [b.id, b])), graduates: new Map(graduates.map((g) => [g.id, g])), latest, orders };
  }

  function orderView(o: OrderRow, ctx: Awaited<ReturnType<typeof context>>): OrderView {
    const col = ctx.cols.find((c) => c.id === o.collectionId);
    const batch = col ? ctx.batches.get(col.batchId) : undefined;
    return {
      orderNo: o.orderNo,
      kind: o.kind,
      collectionId: o.collectionId,
      withPrints: o.withPrints,
      layout: o.layout,
      copies: o.copies,
      amountCents: o.amountCents,
      refundedCents: o.refundedCents,
      status: o.status,
      tab: orderTab(o, ctx.latest.get(o.collectionId)),
      shippingAddress: o.shippingAddress ?? null,
      courier: o.courier,
      trackingNo: o.trackingNo,
      refundRequested: o.refundRequestedAt !== null,
      expiresAt: o.expiresAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
      schoolName: batch?.schoolName ?? '',
      batchName: batch?.name ?? '',
    };
  }

  async function collections(studentId: string): Promise<CollectionView[]> {
      const ctx = await context(studentId);
      return ctx.cols.map((c) => {
        const batch = ctx.batches.get(c.batchId)!;
        const latest = ctx.latest.get(c.id);
        return {
          id: c.id,
          batch: toBatchSummary(batch),
          graduate: deps.collectionsService.preview(ctx.graduates.get(c.graduateId) ?? null, batch.schoolName),
          identity: c.identity,
          submission: latest ? toSubmissionView(latest) : null,
          paymentSettled: collectionFeeSettled(batch.payer, ctx.orders, c.id),
          createdAt: c.createdAt.toISOString(),
        };
      });
  }

  return {
    collections,
    async collection(studentId: string, id: string) {
      const found = (await collections(studentId)).find((c) => c.id === id);
      if (!found) throw errors.notFound(m('找不到该学历', 'Collection not found'));
      return found;
    },
    async orders(studentId: string): Promise<OrderView[]> {
      const ctx = await context(studentId);
      return ctx.orders.map((o) => orderView(o, ctx));
    },
    async order(studentId: string, orderNo: string): Promise<OrderDetail> {
      const ctx = await context(studentId);
      const o = ctx.orders.find((x) => x.orderNo === orderNo);
      if (!o) throw errors.notFound(m('订单不存在', 'Order not found'));
      const [history, refunds] = await Promise.all([deps.orders.history(o.id), deps.orders.refunds(o.id)]);
      return {
        ...orderView(o, ctx),
        timeline: history.map((h) => ({ status: h.toStatus, ...noteFields(h), at: h.createdAt.toISOString() })),
        refunds: refunds.map((r) => ({ amountCents: r.amountCents, reason: r.reason, status: r.status, at: r.createdAt.toISOString() })),
      };
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
