import { describe, expect, it } from 'vitest';
import { safeReturnPath, withQuery } from './return-path.js';

describe('safeReturnPath', () => {
  it('accepts paths inside the app', () => {
    expect(safeReturnPath('/orders/new?collection=abc&prints=1')).toBe('/orders/new?collection=abc&prints=1');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('refuses other sites, schemes and junk', () => {
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'orders',
      '',
      null,
      undefined,
      '/a b',
      `/${'x'.repeat(600)}`,
    ])
      expect(safeReturnPath(bad), String(bad)).toBeNull();
  });
});

describe('withQuery', () => {
  it('sets, replaces and removes parameters, keeping the others', () => {
    expect(withQuery('/orders/new?collection=c1&address=old', { address: 'a2' })).toBe(
      '/orders/new?collection=c1&address=a2',
    );
    expect(withQuery('/orders/new?collection=c1', { prints: 1, layout: 2 })).toBe(
      '/orders/new?collection=c1&prints=1&layout=2',
    );
    expect(withQuery('/orders/new?collection=c1&layout=2', { layout: null })).toBe(
      '/orders/new?collection=c1',
    );
  });
});
