import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { verificationCodes } from '../../db/schema.js';

export type CodeRow = typeof verificationCodes.$inferSelect;
type Key = { purpose: CodeRow['purpose']; channel: CodeRow['channel']; target: string };

export function createVerificationRepo(db: Db) {
  return {
    async insert(row: typeof verificationCodes.$inferInsert): Promise<void> {
      await db.insert(verificationCodes).values(row);
    },
    async latestForTarget(channel: CodeRow['channel'], target: string): Promise<CodeRow | undefined> {
      const [row] = await db
        .select()
        .from(verificationCodes)
        .where(and(eq(verificationCodes.channel, channel), eq(verificationCodes.target, target)))
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1);
      return row;
    },
    async countForTargetSince(channel: CodeRow['channel'], target: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(verificationCodes)
        .where(and(eq(verificationCodes.channel, channel), eq(verificationCodes.target, target), gt(verificationCodes.createdAt, since)));
      return row?.n ?? 0;
    },
    async countForIpSince(ip: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(verificationCodes)
        .where(and(eq(verificationCodes.ip, ip), gt(verificationCodes.createdAt, since)));
      return row?.n ?? 0;
    },
    /** The newest live code for the key, with its attempt counter incremented atomically. */
    async takeAttempt(key: Key, now: Date, maxAttempts: number): Promise<CodeRow | undefined> {
      const [latest] = await db
        .select({ id: verificationCodes.id })
        .from(verificationCodes)
        .where(
          and(
            eq(verificationCodes.purpose, key.purpose),
            eq(verificationCodes.channel, key.channel),
            eq(verificationCodes.target, key.target),
            isNull(verificationCodes.consumedAt),
            gt(verificationCodes.expiresAt, now),
          ),
        )
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1);
      if (!latest) return undefined;
      const [row] = await db
        .update(verificationCodes)
        .set({ attempts: sql`${verificationCodes.attempts} + 1` })
        .where(and(eq(verificationCodes.id, latest.id), isNull(verificationCodes.consumedAt), lt(verificationCodes.attempts, maxAttempts)))
        .returning();
      return row;
    },
    /** Consumes the code once; false when someone else consumed it first. */
    async consume(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(and(eq(verificationCodes.id, id), isNull(verificationCodes.consumedAt)))
        .returning({ id: verificationCodes.id });
      return rows.length === 1;
    },
    async deleteExpired(before: Date): Promise<void> {
      await db.delete(verificationCodes).where(lt(verificationCodes.expiresAt, before));
    },
  };
}
export type VerificationRepo = ReturnType<typeof createVerificationRepo>;
