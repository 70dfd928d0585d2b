/** The constraint a PostgreSQL unique violation (23505) names, or null for any other error. */
export function uniqueViolation(err: unknown): string | null {
  for (
    let e = err as
        { code?: string; constraint?: string; constraint_name?: string; cause?: unknown } | undefined,
      i = 0;
    e && i < 4;
    e = e.cause as typeof e, i++
  ) {
    if (e.code === '23505') return e.constraint ?? e.constraint_name ?? '';
  }
  return null;
}
