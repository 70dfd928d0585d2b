/** China Standard Time (UTC+8, no daylight saving): the centres' clock and calendar. */
export const CST_OFFSET_MS = 8 * 3600_000;

/** The wall-clock time in China at an instant, ISO-formatted without a zone: `2026-12-08T00:30:00.000`. */
export function chinaClock(t: Date): string {
  return new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 23);
}

/** The calendar date in China (YYYY-MM-DD) at an instant: from 16:00 UTC it is the next UTC date. */
export function chinaDate(t: Date): string {
  return chinaClock(t).slice(0, 10);
}
