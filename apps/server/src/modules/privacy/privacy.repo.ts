import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  addresses,
  batches,
  collectionCodes,
  collections,
  graduates,
  loginThrottle,
  notifications,
  orderHistory,
  orders,
  payments,
  sessions,
  students,
  submissionHistory,
  submissions,
  verificationCodes,
  wechatOpenids,
} from '../../db/schema.js';
import { noteColumns } from '../orders/order-notes.js';
import { ERASURE_BLOCKING_ORDER_STATES, type ErasureOrder } from '@gradphoto/contracts/privacy';

export type StudentRow = typeof students.$inferSelect;

/** A photo file of the student's, with what is needed to find its derived print sizes. */
export interface StudentPhoto {
  submissionId: string;
  collectionId: string;
  originalKey: string;
  resultKey: string | null;
  background: string;
}

export interface ErasureInput {
  studentId: string;
  now: Date;
  /** Ciphertext of the empty string: erased ID numbers still decrypt, to nothing. */
  emptyIdCiphertext: Buffer;
  /** Login-throttle key of the student's account (its failures are forgotten too). */
  throttleKey: string;
}

export type ErasureOutcome =
  | { outcome: 'erased'; closedOrders: ErasureOrder[]; keptOrders: ErasureOrder[]; submissions: number; withdrawn: number; graduates: number }
  | { outcome: 'blocked'; blockingOrders: ErasureOrder[] }
  | { outcome: 'already_erased' };

class Blocked extends Error {
  constructor(readonly orders: ErasureOrder[]) {
    super('erasure blocked');
  }
}
class AlreadyErased extends Error {}

const blocking = [...ERASURE_BLOCKING_ORDER_STATES];

/** Queries of a student's data deletion: what blocks it, the photo files, and the erasure in one transaction. */
export function createPrivacyRepo(db: Db) {
  return {
    async student(id: string): Promise<StudentRow | undefined> {
      const [row] = await db.select().from(students).where(eq(students.id, id));
      return row;
    },

    /** The student's orders (number and state), oldest first. */
    orders: (studentId: string): Promise<ErasureOrder[]> =>
      db.select({ orderNo: orders.orderNo, status: orders.status }).from(orders).where(eq(orders.studentId, studentId)).orderBy(asc(orders.createdAt), asc(orders.orderNo)),

    /** Every submission of the student's collections, with its batch background (print sizes are cached per background). */
    photos: (studentId: string): Promise<StudentPhoto[]> =>
      db
        .select({
          submissionId: submissions.id,
          collectionId: submissions.collectionId,
          originalKey: submissions.originalKey,
          resultKey: submissions.resultKey,
          background: batches.background,
        })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .where(eq(collections.studentId, studentId)),

    /**
     * The erasure, in one transaction: unpaid orders closed (conditional, with history) before the check,
     * so a payment racing with it either lands first and blocks, or finds the order closed (and is refunded);
     * then the check for paid open orders; then every personal column blanked and personal rows deleted.
     */
    async erase(input: ErasureInput): Promise<ErasureOutcome> {
      const { studentId, now } = input;
      try {
        return await db.transaction(async (tx) => {
          const [student] = await tx.select().from(students).where(eq(students.id, studentId));
          if (!student || student.erasedAt) throw new AlreadyErased();

          const closed = await tx
            .update(orders)
            .set({ status: 'closed', closedAt: now })
            .where(and(eq(orders.studentId, studentId), eq(orders.status, 'pending_payment')))
            .returning({ id: orders.id, orderNo: orders.orderNo, status: orders.status });
          if (closed.length) {
            await tx.insert(orderHistory).values(closed.map((o) => ({ orderId: o.id, fromStatus: 'pending_payment', toStatus: 'closed' as const, actorType: 'student' as const, actorId: studentId, ...noteColumns({ code: 'account_erased' }) })));
          }
          const open = await tx
            .select({ orderNo: orders.orderNo, status: orders.status })
            .from(orders)
            .where(and(eq(orders.studentId, studentId), inArray(orders.status, blocking)))
            .orderBy(asc(orders.createdAt));
          if (open.length) throw new Blocked(open);

          // the account: nothing left to log in with or to find the person by
          const erased = await tx
            .update(students)
            .set({
              idNumberEnc: input.emptyIdCiphertext,
              idNumberHash: `erased:${studentId}`,
              idLast4: '',
              name: '',
              phone: null,
              email: `${studentId}@erased.invalid`,
              passwordHash: '',
              avatarKey: null,
              erasedAt: now,
              updatedAt: now,
            })
            .where(and(eq(students.id, studentId), isNull(students.erasedAt)))
            .returning({ id: students.id });
          if (!erased.length) throw new AlreadyErased();

          // the graduate records of the student's collections (form, roster or code): the school can add them again
          const myCollections = tx.select({ id: collections.id }).from(collections).where(eq(collections.studentId, studentId));
          const myGraduates = tx.select({ id: collections.graduateId }).from(collections).where(eq(collections.studentId, studentId));
          const grads = await tx
            .update(graduates)
            .set({
              name: '',
              studentNumber: '',
              idNumberEnc: input.emptyIdCiphertext,
              idNumberHash: sql`'erased:' || ${graduates.id}`,
              idLast4: '',
              gender: null,
              department: '',
              major: '',
              email: '',
              phone: '',
              erasedAt: now,
            })
            .where(and(inArray(graduates.id, myGraduates), isNull(graduates.erasedAt)))
            .returning({ id: graduates.id });
          await tx
            .update(collectionCodes)
            .set({ status: 'revoked', revokedAt: now })
            .where(and(inArray(collectionCodes.graduateId, myGraduates), eq(collectionCodes.status, 'active')));

          // photos: out of review, files gone (deleted after the commit), the engine's face data dropped
          const live = await tx
            .select({ id: submissions.id, status: submissions.status })
            .from(submissions)
            .where(and(inArray(submissions.collectionId, myCollections), inArray(submissions.status, ['processing', 'draft', 'submitted', 'pending_review'])));
          const withdrawn = live.length
            ? await tx
                .update(submissions)
                .set({ status: 'withdrawn', claimedBy: null, claimedAt: null, claimStartedAt: null, updatedAt: now })
                .where(and(inArray(submissions.id, live.map((s) => s.id)), inArray(submissions.status, ['processing', 'draft', 'submitted', 'pending_review'])))
                .returning({ id: submissions.id })
            : [];
          if (withdrawn.length) {
            const before = new Map(live.map((s) => [s.id, s.status]));
            await tx.insert(submissionHistory).values(withdrawn.map((s) => ({ submissionId: s.id, fromStatus: before.get(s.id) ?? null, toStatus: 'withdrawn' as const, actorType: 'student' as const, actorId: studentId, note: 'account erased' })));
          }
          const subs = await tx
            .update(submissions)
            .set({ resultKey: null, report: null, originalDeletedAt: sql`COALESCE(${submissions.originalDeletedAt}, ${now.toISOString()}::timestamptz)` })
            .where(inArray(submissions.collectionId, myCollections))
            .returning({ id: submissions.id });

          // orders stay for accounting (number, amounts, payments, refunds), without personal data
          await tx.update(orders).set({ shippingAddress: null, refundRequestReason: null }).where(eq(orders.studentId, studentId));
          const myOrders = tx.select({ id: orders.id }).from(orders).where(eq(orders.studentId, studentId));
          await tx.update(payments).set({ raw: sql`${payments.raw} - 'payer'` }).where(inArray(payments.orderId, myOrders));

          await tx.delete(addresses).where(eq(addresses.studentId, studentId));
          await tx.delete(notifications).where(eq(notifications.studentId, studentId));
          await tx.delete(wechatOpenids).where(eq(wechatOpenids.studentId, studentId));
          await tx.delete(sessions).where(and(eq(sessions.subjectType, 'student'), eq(sessions.subjectId, studentId)));
          const targets = [student.email, ...(student.phone ? [student.phone] : [])];
          await tx.delete(verificationCodes).where(inArray(verificationCodes.target, targets));
          await tx.delete(loginThrottle).where(eq(loginThrottle.key, input.throttleKey));

          const kept = await tx
            .select({ orderNo: orders.orderNo, status: orders.status })
            .from(orders)
            .where(eq(orders.studentId, studentId))
            .orderBy(asc(orders.createdAt));
          return {
            outcome: 'erased' as const,
            closedOrders: closed.map((o) => ({ orderNo: o.orderNo, status: o.status })),
            keptOrders: kept,
            submissions: subs.length,
            withdrawn: withdrawn.length,
            graduates: grads.length,
          };
        });
      } catch (err) {
        if (err instanceof Blocked) return { outcome: 'blocked', blockingOrders: err.orders };
        if (err instanceof AlreadyErased) return { outcome: 'already_erased' };
        throw err;
      }
    },
  };
}
export type PrivacyRepo = ReturnType<typeof createPrivacyRepo>;
