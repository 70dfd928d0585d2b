import { TransactionRollbackError, and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collections, graduates, orders, photoExports, reviewDecisions, schools, staff, submissionHistory, submissions } from '../../db/schema.js';
import type { SubmissionRow } from '../submissions/submissions.repo.js';

export type ReviewDecisionRow = typeof reviewDecisions.$inferSelect;

/** A claim is free for `staffId` when nobody holds it, its holder went idle, or it is theirs already. */
const claimFree = (staffId: string, expiredBefore: Date) =>
  or(isNull(submissions.claimedBy), eq(submissions.claimedBy, staffId), lt(submissions.claimedAt, expiredBefore))!;

function queueFilter(opts: { batchId?: string; exclude?: string[] }): SQL[] {
  const conds: SQL[] = [eq(submissions.status, 'pending_review')];
  if (opts.exclude?.length) conds.push(notInArray(submissions.id, opts.exclude));
  if (opts.batchId) conds.push(eq(collections.batchId, opts.batchId));
  return conds;
}

/** Queries of the review queue: claims, decisions with their history rows, undo, statistics. */
export function createReviewsRepo(db: Db) {
  return {
    async pendingCount(batchId?: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .where(and(...queueFilter({ batchId })));
      return row?.n ?? 0;
    },

    /** The submission this reviewer holds a live claim on (a reload gets it back). */
    async liveClaimOf(staffId: string, expiredBefore: Date, opts: { batchId?: string; exclude?: string[] }): Promise<SubmissionRow | undefined> {
      const [row] = await db
        .select({ s: submissions })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .where(and(...queueFilter(opts), eq(submissions.claimedBy, staffId), gt(submissions.claimedAt, expiredBefore)))
        .orderBy(asc(submissions.submittedAt))
        .limit(1);
      return row?.s;
    },

    /** The oldest submission waiting for review that nobody else holds. */
    async nextCandidate(staffId: string, expiredBefore: Date, opts: { batchId?: string; exclude?: string[] }): Promise<SubmissionRow | undefined> {
      const [row] = await db
        .select({ s: submissions })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .where(and(...queueFilter(opts), claimFree(staffId, expiredBefore)))
        .orderBy(asc(submissions.submittedAt), asc(submissions.id))
        .limit(1);
      return row?.s;
    },

    /** Claims a submission if it is still free for this reviewer (a conditional update): null when someone else got it. */
    async claim(id: string, staffId: string, now: Date, expiredBefore: Date): Promise<SubmissionRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(submissions)
          .set({
            claimedBy: staffId,
            claimedAt: now,
            // re-claiming one's own live claim keeps its start (the time spent on it counts from there)
            claimStartedAt: sql`CASE WHEN ${submissions.claimedBy} = ${staffId} AND ${submissions.claimedAt} >= ${expiredBefore} THEN ${submissions.claimStartedAt} ELSE ${now} END`,
          })
          .where(and(eq(submissions.id, id), eq(submissions.status, 'pending_review'), claimFree(staffId, expiredBefore)))
          .returning();
        if (!row) return null;
        await tx.insert(submissionHistory).values({ submissionId: id, fromStatus: 'pending_review', toStatus: 'pending_review', actorType: 'staff', actorId: staffId, note: 'claimed' });
        return row;
      });
    },

    /** Renews the reviewer's claim; null when it is not theirs any more (expired and taken, decided, withdrawn). */
    async heartbeat(id: string, staffId: string, now: Date): Promise<SubmissionRow | null> {
      const [row] = await db
        .update(submissions)
        .set({ claimedAt: now })
        .where(and(eq(submissions.id, id), eq(submissions.status, 'pending_review'), eq(submissions.claimedBy, staffId)))
        .returning();
      return row ?? null;
    },

    async release(ids: string[], staffId: string): Promise<number> {
      if (!ids.length) return 0;
      const rows = await db
        .update(submissions)
        .set({ claimedBy: null, claimedAt: null, claimStartedAt: null })
        .where(and(inArray(submissions.id, ids), eq(submissions.claimedBy, staffId), eq(submissions.status, 'pending_review')))
        .returning({ id: submissions.id });
      return rows.length;
    },

    /**
     * Approves or rejects in one transaction: a conditional update (still pending review, and the claim
     * free for this reviewer), the history row and the decision row. Null when the state was not as expected.
     */
    async decide(input: {
      id: string;
      staffId: string;
      now: Date;
      expiredBefore: Date;
      decision: 'approved' | 'rejected';
      reason?: string;
      reasonCode?: string;
      mode: 'single' | 'bulk';
      requireVerdict?: string;
    }): Promise<{ row: SubmissionRow; decision: ReviewDecisionRow } | null> {
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(submissions).where(eq(submissions.id, input.id));
        if (!before) return null;
        const conds = [eq(submissions.id, input.id), eq(submissions.status, 'pending_review'), claimFree(input.staffId, input.expiredBefore)];
        if (input.requireVerdict) conds.push(eq(submissions.verdict, input.requireVerdict));
        const [row] = await tx
          .update(submissions)
          .set({
            status: input.decision,
            reviewedBy: input.staffId,
            reviewedAt: input.now,
            rejectReason: input.decision === 'rejected' ? (input.reason ?? null) : null,
            claimedBy: null,
            claimedAt: null,
            claimStartedAt: null,
            updatedAt: input.now,
          })
          .where(and(...conds))
          .returning();
        if (!row) return null;
        await tx.insert(submissionHistory).values({
          submissionId: input.id,
          fromStatus: 'pending_review',
          toStatus: input.decision,
          actorType: 'staff',
          actorId: input.staffId,
          note: input.mode === 'bulk' ? 'bulk approval' : (input.reason ?? null),
        });
        const claimedAt = input.mode === 'single' && before.claimedBy === input.staffId ? before.claimStartedAt : null;
        const [decision] = await tx
          .insert(reviewDecisions)
          .values({ submissionId: input.id, reviewerId: input.staffId, decision: input.decision, mode: input.mode, reasonCode: input.reasonCode ?? null, claimedAt, decidedAt: input.now })
          .returning();
        return { row, decision: decision! };
      });
    },

    /** The decision in force (not undone), if any. */
    async latestDecision(submissionId: string): Promise<ReviewDecisionRow | undefined> {
      const [row] = await db
        .select()
        .from(reviewDecisions)
        .where(and(eq(reviewDecisions.submissionId, submissionId), isNull(reviewDecisions.undoneAt)))
        .orderBy(desc(reviewDecisions.decidedAt))
        .limit(1);
      return row;
    },

    /**
     * What already depends on a decision made at `since`: a newer photo of the collection, an order that
     * went further (print run, shipping, reprint) or a 学信网 export of its school started since.
     */
    async dependents(collectionId: string, schoolId: string, since: Date): Promise<Array<'newer_submission' | 'order' | 'export'>> {
      const found: Array<'newer_submission' | 'order' | 'export'> = [];
      const [newer] = await db
        .select({ n: count() })
        .from(submissions)
        .where(and(eq(submissions.collectionId, collectionId), gt(submissions.createdAt, since)));
      if ((newer?.n ?? 0) > 0) found.push('newer_submission');
      const [moved] = await db
        .select({ n: count() })
        .from(orders)
        .where(and(eq(orders.collectionId, collectionId), or(eq(orders.kind, 'reprint'), inArray(orders.status, ['in_production', 'shipped', 'completed']))));
      if ((moved?.n ?? 0) > 0) found.push('order');
      const [exported] = await db
        .select({ n: count() })
        .from(photoExports)
        .where(and(eq(photoExports.schoolId, schoolId), gt(photoExports.createdAt, since), ne(photoExports.status, 'failed')));
      if ((exported?.n ?? 0) > 0) found.push('export');
      return found;
    },

    /** Puts a decided submission back in review, claimed by the same reviewer; marks the decision undone. */
    async undo(input: { decision: ReviewDecisionRow; staffId: string; now: Date }): Promise<SubmissionRow | null> {
      const { decision } = input;
      return db.transaction(async (tx) => {
        const undone = await tx
          .update(reviewDecisions)
          .set({ undoneAt: input.now })
          .where(and(eq(reviewDecisions.id, decision.id), isNull(reviewDecisions.undoneAt)))
          .returning({ id: reviewDecisions.id });
        if (!undone.length) return null;
        const [row] = await tx
          .update(submissions)
          .set({ status: 'pending_review', reviewedBy: null, reviewedAt: null, rejectReason: null, claimedBy: input.staffId, claimedAt: input.now, claimStartedAt: input.now, updatedAt: input.now })
          .where(and(eq(submissions.id, decision.submissionId), eq(submissions.status, decision.decision), eq(submissions.reviewedBy, decision.reviewerId)))
          .returning();
        if (!row) {
          tx.rollback();
          return null;
        }
        await tx.insert(submissionHistory).values({ submissionId: row.id, fromStatus: decision.decision, toStatus: 'pending_review', actorType: 'staff', actorId: input.staffId, note: 'decision undone' });
        return row;
      }).catch((err: unknown) => {
        if (err instanceof TransactionRollbackError) return null;
        throw err;
      });
    },

    /** Submissions waiting for review whose every check is green, free for this reviewer, oldest first. */
    async green(staffId: string, expiredBefore: Date, opts: { batchId?: string; limit: number }) {
      const where = and(...queueFilter({ batchId: opts.batchId }), eq(submissions.verdict, 'pass'), claimFree(staffId, expiredBefore));
      const [total] = await db.select({ n: count() }).from(submissions).innerJoin(collections, eq(collections.id, submissions.collectionId)).where(where);
      const rows = await db
        .select({ s: submissions, name: graduates.name, batchName: batches.name, schoolName: schools.name })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .innerJoin(schools, eq(schools.id, batches.schoolId))
        .where(where)
        .orderBy(asc(submissions.submittedAt), asc(submissions.id))
        .limit(opts.limit);
      return { rows, total: total?.n ?? 0 };
    },

    /** Decisions per reviewer per bucket (Beijing time), with the median seconds from claim to decision. */
    async stats(from: Date, to: Date, bucket: 'day' | 'hour', reviewerId?: string) {
      const local = sql`(${reviewDecisions.decidedAt} AT TIME ZONE 'UTC' + interval '8 hours')`;
      const label = bucket === 'day' ? sql<string>`to_char(${local}, 'YYYY-MM-DD')` : sql<string>`to_char(${local}, 'YYYY-MM-DD"T"HH24:00+08:00')`;
      const fields = {
        reviewerId: reviewDecisions.reviewerId,
        reviewerName: staff.name,
        decisions: sql<number>`count(*) filter (where ${reviewDecisions.undoneAt} is null)::int`,
        approved: sql<number>`count(*) filter (where ${reviewDecisions.undoneAt} is null and ${reviewDecisions.decision} = 'approved')::int`,
        rejected: sql<number>`count(*) filter (where ${reviewDecisions.undoneAt} is null and ${reviewDecisions.decision} = 'rejected')::int`,
        bulk: sql<number>`count(*) filter (where ${reviewDecisions.undoneAt} is null and ${reviewDecisions.mode} = 'bulk')::int`,
        undone: sql<number>`count(*) filter (where ${reviewDecisions.undoneAt} is not null)::int`,
        medianSeconds: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${reviewDecisions.decidedAt} - ${reviewDecisions.claimedAt})::float8) filter (where ${reviewDecisions.undoneAt} is null and ${reviewDecisions.claimedAt} is not null)`,
      };
      const conds = [sql`${reviewDecisions.decidedAt} >= ${from}`, lt(reviewDecisions.decidedAt, to)];
      if (reviewerId) conds.push(eq(reviewDecisions.reviewerId, reviewerId));
      const rows = await db
        .select({ bucket: label, ...fields })
        .from(reviewDecisions)
        .innerJoin(staff, eq(staff.id, reviewDecisions.reviewerId))
        .where(and(...conds))
        .groupBy(label, reviewDecisions.reviewerId, staff.name)
        .orderBy(label, staff.name);
      const totals = await db
        .select(fields)
        .from(reviewDecisions)
        .innerJoin(staff, eq(staff.id, reviewDecisions.reviewerId))
        .where(and(...conds))
        .groupBy(reviewDecisions.reviewerId, staff.name)
        .orderBy(staff.name);
      return { rows, totals };
    },
  };
}
export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
