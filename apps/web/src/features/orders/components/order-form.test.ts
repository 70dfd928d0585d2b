import { describe, expect, it } from 'vitest';
import { pickAddress, readOrderForm } from './order-form.js';

describe('order form state in the URL', () => {
  it('reads the choices, with safe defaults', () => {
    expect(readOrderForm(new URLSearchParams('collection=c&prints=1&layout=2&address=a1'))).toEqual({
      prints: true,
      layout: 2,
      addressId: 'a1',
    });
    expect(readOrderForm(new URLSearchParams('prints=0&layout=9'))).toEqual({
      prints: false,
      layout: 1,
      addressId: null,
    });
    expect(readOrderForm(new URLSearchParams(''))).toEqual({ prints: null, layout: 1, addressId: null });
  });

  it('picks the chosen address, else the default, else the first', () => {
    const list = [
      { id: 'a', isDefault: false },
      { id: 'b', isDefault: true },
    ];
    expect(pickAddress(list, 'a')?.id).toBe('a');
    expect(pickAddress(list, 'gone')?.id).toBe('b');
    expect(pickAddress([{ id: 'x', isDefault: false }], null)?.id).toBe('x');
    expect(pickAddress([], 'a')).toBeNull();
  });
});
