import { randomInt } from 'node:crypto';

/** Order numbers like the centres': Beijing date and time (yyyyMMddHHmmss) plus 6 random digits. */
export function generateOrderNo(now: Date = new Date()): string {
  const bj = new Date(now.getTime() + 8 * 3600_000);
  const stamp = bj.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return stamp + String(randomInt(0, 1_000_000)).padStart(6, '0');
}
