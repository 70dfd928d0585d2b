import { describe, expect, it } from 'vitest';
import { menuKeyOf } from './ConsoleLayout.js';

describe('menuKeyOf', () => {
  it('highlights the menu item a page belongs to', () => {
    expect(menuKeyOf('/')).toBe('/');
    expect(menuKeyOf('/orders/shipping')).toBe('/orders');
    expect(menuKeyOf('/batches/123/roster')).toBe('/schools');
    expect(menuKeyOf('/schools/abc')).toBe('/schools');
  });
});
