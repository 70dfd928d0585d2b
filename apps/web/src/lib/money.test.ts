import { describe, expect, it } from 'vitest';
import { formatYuan } from './money.js';

describe('formatYuan', () => {
  it('prints cents as yuan with two decimals', () => {
    expect(formatYuan(3500)).toBe('¥35.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(-1500)).toBe('-¥15.00');
  });
});
