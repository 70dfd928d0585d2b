import { isApiError, type BiMessage } from './api-client.js';

/** Server field errors (`error.fields`) in the shape rc-field-form's `setFields` takes (antd and antd-mobile). */
export function fieldErrors(
  e: unknown,
  pick: (m: BiMessage) => string,
  known: readonly string[],
): Array<{ name: string; errors: string[] }> {
  if (!isApiError(e)) return [];
  const out = new Map<string, string[]>();
  for (const f of e.fields) {
    const name = f.path.replace(/^body[./]/, '').split(/[./]/)[0] ?? '';
    if (!known.includes(name)) continue;
    out.set(name, [...(out.get(name) ?? []), pick(f.message)]);
  }
  return [...out].map(([name, errors]) => ({ name, errors }));
}
