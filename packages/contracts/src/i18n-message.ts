/**
 * Bilingual messages inside zod schemas: the string is JSON `{zh, en}` so the server's error handler can
 * return both languages in field details. Use `bi('中文', 'English')` as a zod `error` option.
 */
export function bi(zh: string, en: string): string {
  return JSON.stringify({ zh, en });
}

export function parseBi(message: string): { zh: string; en: string } | null {
  if (!message.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(message) as { zh?: unknown; en?: unknown };
    if (typeof parsed.zh === 'string' && typeof parsed.en === 'string') return { zh: parsed.zh, en: parsed.en };
  } catch {
    /* not a bilingual message */
  }
  return null;
}
