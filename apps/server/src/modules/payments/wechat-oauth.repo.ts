import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { wechatOauthStates, wechatOpenids } from '../../db/schema.js';

export type OauthStateRow = typeof wechatOauthStates.$inferSelect;

/** Openids per student and appid, and the OAuth states handed out. */
export function createWechatOAuthRepo(db: Db) {
  return {
    async openid(studentId: string, appid: string): Promise<string | null> {
      const [row] = await db
        .select({ openid: wechatOpenids.openid })
        .from(wechatOpenids)
        .where(and(eq(wechatOpenids.studentId, studentId), eq(wechatOpenids.appid, appid)));
      return row?.openid ?? null;
    },

    async saveOpenid(studentId: string, appid: string, openid: string, at: Date): Promise<void> {
      await db
        .insert(wechatOpenids)
        .values({ studentId, appid, openid, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: [wechatOpenids.studentId, wechatOpenids.appid], set: { openid, updatedAt: at } });
    },

    async deleteOpenid(studentId: string, appid: string): Promise<void> {
      await db.delete(wechatOpenids).where(and(eq(wechatOpenids.studentId, studentId), eq(wechatOpenids.appid, appid)));
    },

    /** Records a state handed out; states that expired a day ago are swept at the same time. */
    async insertState(row: { nonce: string; sessionId: string; returnPath: string; expiresAt: Date }, now: Date): Promise<void> {
      await db.delete(wechatOauthStates).where(lt(wechatOauthStates.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
      await db.insert(wechatOauthStates).values({ ...row, createdAt: now });
    },

    async state(nonce: string): Promise<OauthStateRow | undefined> {
      const [row] = await db.select().from(wechatOauthStates).where(eq(wechatOauthStates.nonce, nonce));
      return row;
    },

    /** Marks the state used, once: null when it is unknown, another session's, expired or already used. */
    async consumeState(nonce: string, sessionId: string, now: Date): Promise<OauthStateRow | null> {
      const [row] = await db
        .update(wechatOauthStates)
        .set({ usedAt: now })
        .where(
          and(
            eq(wechatOauthStates.nonce, nonce),
            eq(wechatOauthStates.sessionId, sessionId),
            isNull(wechatOauthStates.usedAt),
            gt(wechatOauthStates.expiresAt, now),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}
export type WechatOAuthRepo = ReturnType<typeof createWechatOAuthRepo>;
