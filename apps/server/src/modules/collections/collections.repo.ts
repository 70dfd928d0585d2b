import { TransactionRollbackError, and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collectionCodes, collections, graduates, schools } from '../../db/schema.js';

export type BatchRow = typeof batches.$inferSelect;
export type GraduateRow = typeof graduates.$inferSelect;
export type CodeRow = typeof collectionCodes.$inferSelect;
export type CollectionRow = typeof collections.$inferSelect;
export type BatchWithSchool = BatchRow & { schoolName: string };

export function createCollectionsRepo(db: Db) {
  const batchWithSchool = () =>
    db
      .select({ batch: batches, schoolName: schools.name })
      .from(batches)
      .innerJoin(schools, eq(schools.id, batches.schoolId));
  const flat = (rows: Array<{ batch: BatchRow; schoolName: string }>): BatchWithSchool[] => rows.map((r) => ({ ...r.batch, schoolName: r.schoolName }));

  return {
    async batchByFeatureCode(code: string) {
      return flat(await batchWithSchool().where(eq(batches.featureCode, code)));
    },
    async batchesByRegion(regionCode: string) {
      return flat(await batchWithSchool().where(and(eq(batches.mode, 'scattered'), eq(batches.regionCode, regionCode))));
    },
    async batch(id: string): Promise<BatchWithSchool | undefined> {
      return flat(await batchWithSchool().where(eq(batches.id, id)))[0];
    },
    async batchesByIds(ids: string[]) {
      return ids.length ? flat(await batchWithSchool().where(inArray(batches.id, ids))) : [];
    },

    async graduate(id: string): Promise<GraduateRow | undefined> {
      const [row] = await db.select().from(graduates).where(eq(graduates.id, id));
      return row;
    },
    async graduatesByIds(ids: string[]) {
      return ids.length ? db.select().from(graduates).where(inArray(graduates.id, ids)) : [];
    },
    async rosterGraduate(batchId: string, idHash: string): Promise<GraduateRow | undefined> {
      const [row] = await db
        .select()
        .from(graduates)
        .where(and(eq(graduates.batchId, batchId), eq(graduates.idNumberHash, idHash), eq(graduates.source, 'roster')));
      return row;
    },
    async graduateByHash(batchId: string, idHash: string): Promise<GraduateRow | undefined> {
      const [row] = await db.select().from(graduates).where(and(eq(graduates.batchId, batchId), eq(graduates.idNumberHash, idHash)));
      return row;
    },
    async insertGraduate(row: typeof graduates.$inferInsert): Promise<GraduateRow> {
      const [inserted] = await db.insert(graduates).values(row).returning();
      return inserted!;
    },

    async codeByToken(token: string): Promise<CodeRow | undefined> {
      const [row] = await db.select().from(collectionCodes).where(eq(collectionCodes.token, token));
      return row;
    },
    async insertCode(row: typeof collectionCodes.$inferInsert): Promise<CodeRow> {
      const [inserted] = await db.insert(collectionCodes).values(row).returning();
      return inserted!;
    },
    async revokeCode(id: string): Promise<boolean> {
      const rows = await db
        .update(collectionCodes)
        .set({ status: 'revoked', revokedAt: new Date() })
        .where(and(eq(collectionCodes.id, id), eq(collectionCodes.status, 'active')))
        .returning({ id: collectionCodes.id });
      return rows.length === 1;
    },
    codesForBatch: (batchId: string) => db.select().from(collectionCodes).where(eq(collectionCodes.batchId, batchId)).orderBy(collectionCodes.createdAt),

    /**
     * Creates the collection, and — in the same transaction — the graduate from a form (if given) and
     * the code's use (conditional on it still being active). Returns null if the code was used meanwhile.
     */
    async createCollection(input: {
      studentId: string;
      batchId: string;
      identity: CollectionRow['identity'];
      graduateId?: string;
      newGraduate?: typeof graduates.$inferInsert;
      codeId?: string;
    }): Promise<CollectionRow | null> {
      return db.transaction(async (tx) => {
        let graduateId = input.graduateId;
        if (input.newGraduate) {
          const [g] = await tx.insert(graduates).values(input.newGraduate).returning();
          graduateId = g!.id;
        }
        if (input.codeId) {
          const used = await tx
            .update(collectionCodes)
            .set({ status: 'used', usedAt: new Date(), ...(input.newGraduate ? { graduateId } : {}) })
            .where(and(eq(collectionCodes.id, input.codeId), eq(collectionCodes.status, 'active')))
            .returning({ id: collectionCodes.id });
          if (used.length === 0) {
            tx.rollback();
          }
        }
        const [c] = await tx
          .insert(collections)
          .values({ studentId: input.studentId, batchId: input.batchId, graduateId: graduateId!, identity: input.identity })
          .returning();
        if (input.codeId) await tx.update(collectionCodes).set({ usedByCollectionId: c!.id }).where(eq(collectionCodes.id, input.codeId));
        return c!;
      }).catch((err: unknown) => {
        if (err instanceof TransactionRollbackError) return null;
        throw err;
      });
    },
    async collection(id: string): Promise<CollectionRow | undefined> {
      const [row] = await db.select().from(collections).where(eq(collections.id, id));
      return row;
    },
    collectionByGraduate: async (graduateId: string) => (await db.select().from(collections).where(eq(collections.graduateId, graduateId)))[0],
    collectionsOf: (studentId: string) => db.select().from(collections).where(eq(collections.studentId, studentId)).orderBy(desc(collections.createdAt)),
  };
}
export type CollectionsRepo = ReturnType<typeof createCollectionsRepo>;
