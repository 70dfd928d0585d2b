import { ApiError } from '../../lib/api-client.js';
import type { ApiErrorBody } from '@gradphoto/contracts/errors';

/** The file name a `content-disposition` header names (RFC 6266 `filename*` first), or `fallback`. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a console file (CSV, XLSX, PDF) with the session cookie. An error answer is thrown as an
 * ApiError with the server's bilingual message instead of navigating to a JSON page.
 * Big streamed files (学信网 ZIPs) should use a plain link instead: this holds the file in memory.
 */
export async function downloadFile(
  url: string,
  fallbackName = 'download',
): Promise<{ filename: string; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let body: ApiErrorBody | null = null;
    try {
      body = (await res.json()) as ApiErrorBody;
    } catch {
      body = null;
    }
    throw new ApiError(res.status, body?.error ?? null);
  }
  const blob = await res.blob();
  const filename = dispositionFilename(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return { filename, headers: res.headers };
}

/** `path?k=v&…` without empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
