import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { captchas, loginThrottle } from '../../db/schema.js';

export function createThrottleRepo(db: Db) {
  return {
    async get(keys: string[]) {
      if (keys.length === 0) return [];
      return db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
    },
    async recordFailure(key: string, now: Date, resetBefore: Date): Promise<void> {
      await db
        .insert(loginThrottle)
        .values({ key, failures: 1, lastFailureAt: now })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`CASE WHEN ${loginThrottle.lastFailureAt} < ${resetBefore.toISOString()}::timestamptz THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
            lastFailureAt: now,
          },
        });
    },
    async clear(key: string): Promise<void> {
      await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
    },
    async insertCaptcha(id: string, answerHash: string, expiresAt: Date): Promise<void> {
      await db.insert(captchas).values({ id, answerHash, expiresAt });
    },
    /** Deletes and returns the captcha: each one can be tried once. */
    async takeCaptcha(id: string) {
      const [row] = await db.delete(captchas).where(eq(captchas.id, id)).returning();
      return row;
    },
    async purge(before: Date): Promise<void> {
      await db.delete(captchas).where(lt(captchas.expiresAt, before));
      await db.delete(loginThrottle).where(lt(loginThrottle.lastFailureAt, before));
    },
  };
}
export type ThrottleRepo = ReturnType<typeof createThrottleRepo>;
