import { describe, expect, it } from 'vitest';
import { dispositionFilename, withQuery } from './download.js';

describe('dispositionFilename', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      dispositionFilename(
        `attachment; filename="____.csv"; filename*=UTF-8''${encodeURIComponent('名单.csv')}`,
        'x',
      ),
    ).toBe('名单.csv');
  });
  it('falls back to the plain name, then to the default', () => {
    expect(dispositionFilename('attachment; filename="codes.pdf"', 'x')).toBe('codes.pdf');
    expect(dispositionFilename(null, 'x.bin')).toBe('x.bin');
    expect(dispositionFilename('attachment', 'x.bin')).toBe('x.bin');
  });
});

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/a', { q: '张 三', page: 2, kind: undefined, s: '' })).toBe(
      '/a?q=%E5%BC%A0+%E4%B8%89&page=2',
    );
    expect(withQuery('/a', {})).toBe('/a');
  });
});
