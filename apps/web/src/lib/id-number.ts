import { validateIdNumber, validatePassportNumber, normalizeIdNumber } from '@gradphoto/contracts/id-number';
import type { IdType } from '@gradphoto/contracts/accounts';

/** The i18n key explaining what is wrong with the typed number, or null when it is fine (or still empty). */
export function idNumberProblemKey(idType: IdType, raw: string | undefined): string | null {
  const v = normalizeIdNumber(raw ?? '');
  if (!v) return null;
  if (idType === 'passport') return validatePassportNumber(v) ? null : 'idNumber.problem.passport';
  if (v.length < 18) return 'idNumber.problem.length';
  const problem = validateIdNumber(v);
  return problem ? `idNumber.problem.${problem}` : null;
}

/** Password rule of the server (≥ 8 characters, not all digits): the i18n key of the problem or null. */
export function passwordProblemKey(p: string | undefined): string | null {
  if (!p) return null;
  if (p.length < 8) return 'password.tooShort';
  if (/^\d+$/.test(p)) return 'password.allDigits';
  return null;
}
