import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format-date.js';

describe('formatDate / formatDateTime', () => {
  it('shows a local date and time', () => {
    const iso = new Date(2027, 5, 30, 14, 5).toISOString();
    expect(formatDate(iso)).toBe('2027-06-30');
    expect(formatDateTime(iso)).toBe('2027-06-30 14:05');
  });
  it('is empty for garbage', () => {
    expect(formatDate('not a date')).toBe('');
    expect(formatDateTime('')).toBe('');
  });
});
