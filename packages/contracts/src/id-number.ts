/**
 * Chinese resident ID numbers (GB 11643-1999): 17 digits + a check character (0-9 or X).
 * Hong Kong, Macau and Taiwan residence-permit numbers (regions 81, 82, 83) use the same format.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level region codes (first two digits), incl. 71 Taiwan and 81–83 residence permits. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem = 'format' | 'region' | 'birthdate' | 'checksum';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Returns null when valid, else the first problem found. `today` is injectable for tests. */
export function validateIdNumber(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return 'region';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const valid =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  const ageYears = (today.getTime() - birth.getTime()) / (365.25 * 24 * 3600 * 1000);
  if (!valid || year < 1900 || ageYears < 10 || ageYears > 100) return 'birthdate';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

/** Passport numbers: 5–20 letters and digits (issuing states differ; e.g. E12345678, 123456789). */
export function validatePassportNumber(raw: string): boolean {
  return /^[A-Z0-9]{5,20}$/.test(normalizeIdNumber(raw));
}

/** `3301**********1234` for ID numbers; passports keep the first 2 and last 2 characters. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/** `吴*`, `欧阳**`: keep the first character (the surname; two for 4-character names). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return name;
  const keep = chars.length >= 4 && /\p{Script=Han}/u.test(name) ? 2 : 1;
  if (!/\p{Script=Han}/u.test(name)) return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 6))}`;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
