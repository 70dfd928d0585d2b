import { describe, expect, it } from 'vitest';
import { chinaClock, chinaDate } from './china-time.js';

describe('chinaDate', () => {
  it('turns to the next day at 16:00 UTC (midnight in Beijing)', () => {
    expect(chinaDate(new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
    expect(chinaDate(new Date('2026-12-07T16:00:00Z'))).toBe('2026-12-08');
    expect(chinaDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('reads the wall clock in Beijing, without a zone', () => {
    expect(chinaClock(new Date('2026-12-07T16:30:05.250Z'))).toBe('2026-12-08T00:30:05.250');
  });
});
