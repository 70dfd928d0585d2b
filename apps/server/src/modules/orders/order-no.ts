import { randomInt } from 'node:crypto';
import { chinaClock } from '../../lib/china-time.js';

/** Order numbers like the centres': Beijing date and time (yyyyMMddHHmmss) plus 6 random digits. */
export function generateOrderNo(now: Date = new Date()): string {
  const stamp = chinaClock(now).replace(/[-:T]/g, '').slice(0, 14);
  return stamp + String(randomInt(0, 1_000_000)).padStart(6, '0');
}
