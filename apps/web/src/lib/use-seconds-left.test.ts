import { describe, expect, it } from 'vitest';
import { formatMinutesSeconds } from './use-seconds-left.js';

describe('formatMinutesSeconds', () => {
  it('shows mm:ss, never negative', () => {
    expect(formatMinutesSeconds(1799)).toBe('29:59');
    expect(formatMinutesSeconds(60)).toBe('01:00');
    expect(formatMinutesSeconds(5)).toBe('00:05');
    expect(formatMinutesSeconds(-3)).toBe('00:00');
  });
});
