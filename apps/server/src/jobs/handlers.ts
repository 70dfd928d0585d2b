import type { Container } from '../container.js';
import type { JobHandlers } from './queue.js';

/** Job handlers: each reloads what it needs by id, so a repeated run is harmless. */
export function createJobHandlers(c: Container): JobHandlers {
  return {
    'maintenance.purge-expired': async () => {
      await c.sessions.purgeExpired();
      await c.verification.purgeExpired();
      await c.throttle.purgeExpired();
    },
    'orders.close-expired': async ({ orderId }) => {
      const order = await c.ordersRepo.findById(orderId);
      if (!order || order.status !== 'pending_payment' || !order.expiresAt || order.expiresAt > new Date()) return;
      // ask the provider first: a payment made at the last second must not be closed away
      if ((await c.payments.reconcileBeforeClose(order.orderNo)) === 'paid') return;
      await c.orders.closeIfExpired(orderId);
    },
    'orders.sweep-expired': async () => {
      await c.orders.closeAllExpired();
    },
    'photos.process': async ({ submissionId }) => {
      const s = await c.submissions.find(submissionId);
      if (!s || s.status !== 'processing') return;
      const ctx = await c.collectionsRepo.collection(s.collectionId);
      const batch = ctx ? await c.collectionsRepo.batch(ctx.batchId) : undefined;
      if (!batch) return;
      const original = await c.storage.get(s.originalKey);
      const outcome = await c.photoEngine.process(original, { spec: batch.specId, background: batch.background });
      await c.submissions.completeProcessing(submissionId, outcome);
    },
    'notifications.email': async ({ notificationId }) => {
      await c.notifications.email(notificationId);
    },
    'roster.import': async ({ importId }) => {
      await c.roster.runImport(importId);
    },
    'prints.render': async ({ runId }) => {
      await c.prints.render(runId);
    },
    'exports.build': async ({ exportId }) => {
      await c.exports.build(exportId);
    },
    'orders.auto-complete': async () => {
      await c.shipping.autoComplete();
    },
    'privacy.sweep-originals': async () => {
      await c.retention.sweepOriginals();
    },
    'privacy.erase-files': async ({ studentId }) => {
      await c.privacy.eraseFiles(studentId);
    },
    'privacy.purge-built-files': async () => {
      await c.builtFiles.purgeErased();
    },
  };
}
