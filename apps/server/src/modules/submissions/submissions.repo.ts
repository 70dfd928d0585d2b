import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { submissionHistory, submissions } from '../../db/schema.js';

export type SubmissionRow = typeof submissions.$inferSelect;
export type SubmissionStatus = SubmissionRow['status'];
export type SubmissionActor = { type: 'student' | 'staff' | 'system'; id?: string | null };

export function createSubmissionsRepo(db: Db) {
  return {
    async insert(row: typeof submissions.$inferInsert, actor: SubmissionActor): Promise<SubmissionRow> {
      return db.transaction(async (tx) => {
        const [s] = await tx.insert(submissions).values(row).returning();
        await tx.insert(submissionHistory).values({ submissionId: s!.id, toStatus: s!.status, actorType: actor.type, actorId: actor.id ?? null });
        return s!;
      });
    },
    async find(id: string): Promise<SubmissionRow | undefined> {
      const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
      return row;
    },
    listForCollection: (collectionId: string) =>
      db.select().from(submissions).where(eq(submissions.collectionId, collectionId)).orderBy(desc(submissions.createdAt)),
    async latestForCollections(ids: string[]) {
      if (ids.length === 0) return new Map<string, SubmissionRow>();
      const rows = await db.select().from(submissions).where(inArray(submissions.collectionId, ids)).orderBy(desc(submissions.createdAt));
      const map = new Map<string, SubmissionRow>();
      for (const r of rows) if (!map.has(r.collectionId)) map.set(r.collectionId, r);
      return map;
    },
    history: (id: string) => db.select().from(submissionHistory).where(eq(submissionHistory.submissionId, id)).orderBy(submissionHistory.createdAt),

    /** Conditional transition + history row in one transaction; null when the state was not as expected. */
    async transition(
      id: string,
      from: readonly SubmissionStatus[],
      to: SubmissionStatus,
      set: Partial<typeof submissions.$inferInsert>,
      actor: SubmissionActor,
      note?: string,
    ): Promise<SubmissionRow | null> {
      return db.transaction(async (tx) => {
        const [before] = await tx.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, id));
        const [row] = await tx
          .update(submissions)
          .set({ ...set, status: to, updatedAt: new Date() })
          .where(and(eq(submissions.id, id), inArray(submissions.status, [...from])))
          .returning();
        if (!row) return null;
        await tx.insert(submissionHistory).values({ submissionId: id, fromStatus: before?.status ?? null, toStatus: to, actorType: actor.type, actorId: actor.id ?? null, note: note ?? null });
        return row;
      });
    },

    waitingForPayment: (collectionId: string) =>
      db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.collectionId, collectionId), eq(submissions.status, 'submitted'))),

  };
}
export type SubmissionsRepo = ReturnType<typeof createSubmissionsRepo>;
