import { randomInt } from 'node:crypto';

/** 特征码 alphabet: no look-alikes (0/O, 1/I/L) so it can be read aloud and typed from paper. */
export const FEATURE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateFeatureCode(): string {
  return Array.from({ length: 4 }, () => FEATURE_CODE_ALPHABET[randomInt(0, FEATURE_CODE_ALPHABET.length)]).join('');
}
