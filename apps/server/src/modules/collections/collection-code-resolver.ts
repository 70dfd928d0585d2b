import type { CodeRow, CollectionsRepo, GraduateRow } from './collections.repo.js';

/** What a scanned 图像采集码 names. */
export interface ResolvedCode {
  source: 'local' | 'chsi';
  codeId: string | null;
  batchId: string | null;
  status: CodeRow['status'];
  /** null for a blank invitation (binds to the first student who redeems it). */
  graduate: GraduateRow | null;
}

/**
 * Reads 图像采集码 QR contents. The local resolver reads the opaque tokens this system issues.
 * 学信网's own codes are issued and encrypted by 学信网 and can only be read under an agreement with it:
 * that reader is another implementation of this interface.
 */
export interface CollectionCodeResolver {
  resolve(qrText: string): Promise<ResolvedCode | null>;
}

export const LOCAL_CODE_PREFIX = 'GPC1';

/** Accepts the bare token or a URL whose last path segment or `c` parameter is the token. */
export function extractToken(qrText: string): string | null {
  const text = qrText.trim();
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      candidate = url.searchParams.get('c') ?? url.pathname.split('/').filter(Boolean).at(-1) ?? '';
    } catch {
      return null;
    }
  }
  return new RegExp(`^${LOCAL_CODE_PREFIX}[1-9A-HJ-NP-Za-km-z]{20,40}$`).test(candidate) ? candidate : null;
}

export function createLocalCodeResolver(repo: CollectionsRepo): CollectionCodeResolver {
  return {
    async resolve(qrText) {
      const token = extractToken(qrText);
      if (!token) return null;
      const code = await repo.codeByToken(token);
      if (!code) return null;
      const graduate = code.graduateId ? ((await repo.graduate(code.graduateId)) ?? null) : null;
      return { source: 'local', codeId: code.id, batchId: code.batchId, status: code.status, graduate };
    },
  };
}
