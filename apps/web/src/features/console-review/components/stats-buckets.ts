import type { ReviewStatsResponse } from '@gradphoto/contracts/console-reviews';

/** Periods and buckets of the reviewer statistics; the server counts in Beijing time (UTC+8). */
export const PERIODS = { today: 1, '7d': 7, '30d': 30 } as const;
export type Period = keyof typeof PERIODS;
export type Bucket = ReviewStatsResponse['bucket'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BJ = 8 * HOUR;

/** The start of the period: Beijing midnight `days - 1` days before today (ISO). */
export function periodStart(period: Period, now = Date.now()): string {
  const today = Math.floor((now + BJ) / DAY) * DAY - BJ;
  return new Date(today - (PERIODS[period] - 1) * DAY).toISOString();
}

/** The server's label for the bucket starting at `t`: `2026-06-01` or `2026-06-01T09:00+08:00`. */
export function bucketLabel(t: number, bucket: Bucket): string {
  const local = new Date(t + BJ).toISOString();
  return bucket === 'day' ? local.slice(0, 10) : `${local.slice(0, 13)}:00+08:00`;
}

/** A moment in Beijing time, `2026-06-01 09:30`, whatever the browser's time zone (the buckets are Beijing's). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + BJ).toISOString().slice(0, 16).replace('T', ' ');
}

/** A short axis label: `06-01` or `06-01 09:00`. */
export function shortLabel(label: string): string {
  return label.length > 10 ? `${label.slice(5, 10)} ${label.slice(11, 16)}` : label.slice(5);
}

export interface BucketSum {
  bucket: string;
  approved: number;
  bulk: number;
  rejected: number;
  undone: number;
}

/** Every bucket from `from` to `to` (empty ones too), the reviewers' rows summed into each. */
export function sumBuckets(stats: ReviewStatsResponse): BucketSum[] {
  const step = stats.bucket === 'day' ? DAY : HOUR;
  const from = Date.parse(stats.from);
  const to = Date.parse(stats.to);
  const first = Math.floor((from + BJ) / step) * step - BJ;
  const out = new Map<string, BucketSum>();
  for (let t = first; t < to && out.size < 1000; t += step) {
    const bucket = bucketLabel(t, stats.bucket);
    out.set(bucket, { bucket, approved: 0, bulk: 0, rejected: 0, undone: 0 });
  }
  for (const r of stats.rows) {
    const s = out.get(r.bucket) ?? { bucket: r.bucket, approved: 0, bulk: 0, rejected: 0, undone: 0 };
    s.approved += r.approved;
    s.bulk += r.bulk;
    s.rejected += r.rejected;
    s.undone += r.undone;
    out.set(r.bucket, s);
  }
  return [...out.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

/** The reviewers' totals summed (the median is per reviewer only). */
export function grandTotal(stats: ReviewStatsResponse) {
  const sum = { decisions: 0, approved: 0, rejected: 0, bulk: 0, undone: 0 };
  for (const r of stats.totals) {
    sum.decisions += r.decisions;
    sum.approved += r.approved;
    sum.rejected += r.rejected;
    sum.bulk += r.bulk;
    sum.undone += r.undone;
  }
  return sum;
}
