import { describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber, maskName, validateIdNumber, validatePassportNumber } from './id-number.js';

const today = new Date('2026-11-22T00:00:00Z');
const make = (first17: string) => first17 + idCheckChar(first17);

describe('validateIdNumber (GB 11643)', () => {
  it('accepts the standard example and computes its check digit', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(validateIdNumber('11010519491231002X', today)).toBeNull();
    expect(validateIdNumber('11010519491231002x', today)).toBeNull();
  });
  it('rejects a wrong check digit', () => {
    expect(validateIdNumber('110105194912310021', today)).toBe('checksum');
  });
  it('rejects bad formats, regions and dates', () => {
    expect(validateIdNumber('1101051949123100', today)).toBe('format');
    expect(validateIdNumber(make('99010519991231002'), today)).toBe('region');
    expect(validateIdNumber(make('33010619990230002'), today)).toBe('birthdate');
    expect(validateIdNumber(make('33010620250101002'), today)).toBe('birthdate');
  });
  it('validates Hong Kong, Macau and Taiwan residence permits (81–83) like ID numbers', () => {
    for (const region of ['81', '82', '83']) {
      expect(validateIdNumber(make(`${region}000019990307123`), today)).toBeNull();
    }
    expect(validateIdNumber(`${make('810000199903071230').slice(0, 17)}0`, today)).not.toBeNull();
  });
  it('validates passports loosely and masks numbers and names', () => {
    expect(validatePassportNumber('E12345678')).toBe(true);
    expect(validatePassportNumber('E1')).toBe(false);
    expect(maskIdNumber('330106199903071234')).toBe('3301**********1234');
    expect(maskName('吴彦祖')).toBe('吴**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
  });
});
