/**
 * "Come back here afterwards" links between pages (e.g. the order page → address book → order page):
 * only paths inside this app are accepted, never `//host` or `https://…` (no open redirect).
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 512) return null;
  return /^\/(?![/\\])[^\s\\]*$/.test(raw) ? raw : null;
}

/** `path` with the given query parameters set (replacing existing ones); `null` removes a parameter. */
export function withQuery(path: string, params: Record<string, string | number | null>): string {
  const url = new URL(path, 'http://app.invalid');
  for (const [k, v] of Object.entries(params)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, String(v));
  }
  return url.pathname + url.search + url.hash;
}
