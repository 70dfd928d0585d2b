import { describe, expect, it } from 'vitest';
import { idCheckChar } from '@gradphoto/contracts/id-number';
import { idNumberProblemKey, passwordProblemKey } from './id-number.js';

const valid = (first17: string) => first17 + idCheckChar(first17);

describe('idNumberProblemKey', () => {
  it('accepts a valid ID number and an empty field', () => {
    expect(idNumberProblemKey('id_card', valid('11010519900307123'))).toBeNull();
    expect(idNumberProblemKey('id_card', valid('81000019990101123'))).toBeNull();
    expect(idNumberProblemKey('id_card', '')).toBeNull();
  });

  it('explains what is wrong while typing', () => {
    expect(idNumberProblemKey('id_card', '110105')).toBe('idNumber.problem.length');
    expect(idNumberProblemKey('id_card', '1101051990030712AB')).toBe('idNumber.problem.format');
    expect(idNumberProblemKey('id_card', valid('99010519900307123'))).toBe('idNumber.problem.region');
    expect(idNumberProblemKey('id_card', valid('11010519901307123'))).toBe('idNumber.problem.birthdate');
    const good = valid('11010519900307123');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idNumberProblemKey('id_card', bad)).toBe('idNumber.problem.checksum');
  });

  it('checks passports loosely', () => {
    expect(idNumberProblemKey('passport', 'e1234567')).toBeNull();
    expect(idNumberProblemKey('passport', 'E1')).toBe('idNumber.problem.passport');
  });
});

describe('passwordProblemKey', () => {
  it('follows the server rule', () => {
    expect(passwordProblemKey('short1')).toBe('password.tooShort');
    expect(passwordProblemKey('12345678')).toBe('password.allDigits');
    expect(passwordProblemKey('abcd1234')).toBeNull();
  });
});
