import type { RosterField, RosterRowError } from '@gradphoto/contracts/console-roster';
import { normalizeIdNumber, validateIdNumber, type IdNumberProblem } from '@gradphoto/contracts/id-number';
import { bilingual as m, type Bilingual } from '../../errors.js';
import { FIELD_LABELS, type ColumnMap } from './roster-columns.js';

export interface RosterRecord {
  row: number;
  name: string;
  studentNumber: string;
  idNumber: string;
  gender: 'male' | 'female' | null;
  department: string;
  major: string;
  educationLevel: string;
  educationCategory: string;
  email: string;
  phone: string;
}

interface Cell {
  text: string;
  numeric: boolean;
}

const ID_PROBLEMS: Record<IdNumberProblem, Bilingual> = {
  format: m('身份证号应为 18 位（最后一位可以是 X）', 'The ID number must have 18 characters (the last may be X)'),
  region: m('身份证号的地区码无效', 'The region code of the ID number is not valid'),
  birthdate: m('身份证号中的出生日期无效', 'The birth date in the ID number is not valid'),
  checksum: m('身份证号校验位不正确，请核对', 'The check digit of the ID number is wrong; please check it'),
};
const MAX_LENGTH: Partial<Record<RosterField, number>> = { name: 64, studentNumber: 32, department: 100, major: 100, educationLevel: 32, educationCategory: 32, email: 254, phone: 20 };
const GENDERS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^1[3-9]\d{9}$/;
/** Passports (foreign students): 5–20 letters and digits with at least one letter. */
const PASSPORT = /^(?=.*[A-Z])[A-Z0-9]{5,20}$/;

/**
 * Validates every data row: required fields, ID numbers (GB 11643 check digit; numbers Excel stored as
 * numbers lose digits and are refused), formats, duplicates within the file (ID number, 学号) and against
 * the batch's existing graduates. Returns the records and every problem found.
 */
export function validateRoster(
  rows: Array<{ row: number; cells: Cell[] }>,
  map: ColumnMap,
  opts: { existingHashes: Set<string>; lookupHash: (id: string) => string; today?: Date },
): { records: RosterRecord[]; errors: RosterRowError[] } {
  const errors: RosterRowError[] = [];
  const records: RosterRecord[] = [];
  const seenIds = new Map<string, number>();
  const seenNumbers = new Map<string, number>();
  const cell = (r: { cells: Cell[] }, f: RosterField): Cell | undefined => (map.columns[f] === undefined ? undefined : (r.cells[map.columns[f]!] ?? { text: '', numeric: false }));

  for (const r of rows) {
    if (r.row <= map.headerRow) continue;
    const problem = (field: RosterField | null, code: string, message: Bilingual) =>
      errors.push({ row: r.row, field, column: field ? (map.headers[field] ?? FIELD_LABELS[field].zh) : null, code, message });
    const before = errors.length;
    const text = (f: RosterField) => (cell(r, f)?.text ?? '').normalize('NFKC').trim();

    for (const f of Object.keys(map.columns) as RosterField[]) {
      const max = MAX_LENGTH[f];
      if (max && text(f).length > max) problem(f, 'TOO_LONG', m(`${FIELD_LABELS[f].zh}过长（最多 ${max} 个字符）`, `${FIELD_LABELS[f].en} is too long (at most ${max} characters)`));
    }
    const name = text('name');
    if (!name) problem('name', 'REQUIRED', m('姓名不能为空', 'The name is missing'));
    const studentNumber = text('studentNumber');
    if (map.columns.studentNumber !== undefined && !studentNumber) problem('studentNumber', 'REQUIRED', m('学号不能为空', 'The student number is missing'));

    const idCell = cell(r, 'idNumber')!;
    const idNumber = normalizeIdNumber(idCell.text.normalize('NFKC'));
    let idOk = false;
    if (!idNumber) {
      problem('idNumber', 'REQUIRED', m('身份证号不能为空', 'The ID number is missing'));
    } else if (idCell.numeric) {
      problem(
        'idNumber',
        'ID_NUMERIC_CELL',
        m('身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新填写', 'Excel stored the ID number as a number and lost its last digits: format the column as Text and enter it again'),
      );
    } else if (/^\d{17}[\dX]$/.test(idNumber) || /^\d+$/.test(idNumber)) {
      const p = validateIdNumber(idNumber, opts.today);
      if (p) problem('idNumber', `ID_${p.toUpperCase()}`, ID_PROBLEMS[p]);
      else idOk = true;
    } else if (PASSPORT.test(idNumber)) {
      idOk = true;
    } else {
      problem('idNumber', 'ID_FORMAT', ID_PROBLEMS.format);
    }
    if (idOk) {
      const first = seenIds.get(idNumber);
      if (first !== undefined) problem('idNumber', 'DUPLICATE_IN_FILE', m(`身份证号与第 ${first} 行重复`, `The ID number repeats row ${first}`));
      else {
        seenIds.set(idNumber, r.row);
        if (opts.existingHashes.has(opts.lookupHash(idNumber))) problem('idNumber', 'ALREADY_IN_BATCH', m('该身份证号已在本批次中', 'This ID number is already in the batch'));
      }
    }
    if (studentNumber) {
      const first = seenNumbers.get(studentNumber);
      if (first !== undefined) problem('studentNumber', 'DUPLICATE_IN_FILE', m(`学号与第 ${first} 行重复`, `The student number repeats row ${first}`));
      else seenNumbers.set(studentNumber, r.row);
    }

    const genderText = text('gender').toLowerCase();
    const gender = genderText ? (GENDERS[genderText] ?? null) : null;
    if (genderText && !gender) problem('gender', 'GENDER_INVALID', m('性别应为“男”或“女”', 'The gender must be 男 (male) or 女 (female)'));
    const email = text('email');
    if (email && !EMAIL.test(email)) problem('email', 'EMAIL_INVALID', m('邮箱格式不正确', 'The email address is not valid'));
    const phone = text('phone').replace(/[\s-]/g, '').replace(/^\+?86/, '');
    if (phone && !PHONE.test(phone)) problem('phone', 'PHONE_INVALID', m('手机号应为 11 位中国大陆手机号', 'The phone must be an 11-digit mainland China mobile number'));

    if (errors.length === before) {
      records.push({
        row: r.row,
        name,
        studentNumber,
        idNumber,
        gender,
        department: text('department'),
        major: text('major'),
        educationLevel: text('educationLevel'),
        educationCategory: text('educationCategory'),
        email: email.toLowerCase(),
        phone,
      });
    }
  }
  return { records, errors };
}

