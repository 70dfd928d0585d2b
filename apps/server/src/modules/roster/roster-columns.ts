import { RequiredRosterFields, RosterFields, type RosterField, type RosterMapping } from '@gradphoto/contracts/console-roster';
import { bilingual as m, type Bilingual } from '../../errors.js';

/** Header names seen in rosters, zh and en, normalised (lower case, no spaces, punctuation or brackets). */
const SYNONYMS: Record<RosterField, string[]> = {
  name: ['姓名', '学生姓名', '名字', 'name', 'fullname', 'studentname'],
  studentNumber: ['学号', '学生学号', '学籍号', 'studentnumber', 'studentno', 'studentid', 'sno'],
  idNumber: ['身份证号', '身份证号码', '身份证', '证件号', '证件号码', '公民身份号码', '身份证件号', '身份证件号码', 'idnumber', 'idcard', 'idcardnumber', 'idno', 'nationalid'],
  gender: ['性别', 'gender', 'sex'],
  department: ['院系', '学院', '院系名称', '学院名称', '系别', '系', 'department', 'faculty', 'college'],
  major: ['专业', '专业名称', 'major', 'programme', 'program'],
  educationLevel: ['学历层次', '层次', '培养层次', '学历', 'educationlevel', 'level', 'degreelevel'],
  educationCategory: ['学历类别', '类别', '学习形式', '学生类别', 'educationcategory', 'category', 'studymode'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'emailaddress', 'mail'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话', '联系方式', 'phone', 'mobile', 'mobilephone', 'phonenumber', 'tel'],
};

export const FIELD_LABELS: Record<RosterField, Bilingual> = {
  name: m('姓名', 'Name'),
  studentNumber: m('学号', 'Student number'),
  idNumber: m('身份证号', 'ID number'),
  gender: m('性别', 'Gender'),
  department: m('院系', 'Department'),
  major: m('专业', 'Major'),
  educationLevel: m('学历层次', 'Education level'),
  educationCategory: m('学历类别', 'Education category'),
  email: m('邮箱', 'Email'),
  phone: m('手机', 'Phone'),
};

/** Lower case, without spaces, punctuation, `*` marks and bracketed notes: `身份证号（18位）*` → `身份证号`. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .toLowerCase()
    .replace(/[\s_\-.:：*#/\\]+/g, '');
}

const LOOKUP = new Map<string, RosterField>();
for (const f of RosterFields) for (const s of SYNONYMS[f]) LOOKUP.set(s, f);

export function fieldForHeader(header: string): RosterField | null {
  return LOOKUP.get(normaliseHeader(header)) ?? null;
}

export interface ColumnMap {
  /** The header row's number (1-based, as the sheet shows it). */
  headerRow: number;
  /** Field → 0-based column index. */
  columns: Partial<Record<RosterField, number>>;
  /** Field → header text, for the import record and the error report. */
  headers: Partial<Record<RosterField, string>>;
}

export type MappingProblem = { code: 'NO_HEADER' | 'MAPPING_COLUMN_MISSING' | 'REQUIRED_COLUMNS_MISSING'; message: Bilingual };

/**
 * Finds the header row (the first of the first 10 rows naming at least two known columns, or holding the
 * explicitly mapped headers) and maps fields to columns; explicit mapping wins over detection.
 */
export function mapColumns(rows: Array<{ row: number; cells: Array<{ text: string }> }>, explicit: RosterMapping = {}): ColumnMap | MappingProblem {
  const explicitHeaders = Object.values(explicit).filter((v): v is string => typeof v === 'string').map(normaliseHeader);
  const candidates = rows.slice(0, 10);
  const header = candidates.find((r) => {
    const normalised = r.cells.map((c) => normaliseHeader(c.text));
    if (explicitHeaders.length && explicitHeaders.every((h) => normalised.includes(h))) return true;
    return new Set(normalised.map((h) => LOOKUP.get(h)).filter(Boolean)).size >= 2;
  });
  if (!header) {
    return { code: 'NO_HEADER', message: m('没有找到表头行：请确认前 10 行中有“姓名”“身份证号”等列名', 'No header row found: the first 10 rows should name columns such as 姓名 (name) and 身份证号 (ID number)') };
  }
  const columns: ColumnMap['columns'] = {};
  const headers: ColumnMap['headers'] = {};
  header.cells.forEach((c, i) => {
    const f = fieldForHeader(c.text);
    if (f && columns[f] === undefined) {
      columns[f] = i;
      headers[f] = c.text;
    }
  });
  const missingExplicit: string[] = [];
  for (const [field, target] of Object.entries(explicit) as Array<[RosterField, string | number]>) {
    const index = typeof target === 'number' ? target - 1 : header.cells.findIndex((c) => normaliseHeader(c.text) === normaliseHeader(target));
    if (index < 0 || (typeof target === 'number' && index >= header.cells.length)) {
      missingExplicit.push(String(target));
      continue;
    }
    // a column mapped explicitly is no longer detected for another field
    for (const f of RosterFields) if (columns[f] === index && f !== field) delete columns[f];
    columns[field] = index;
    headers[field] = header.cells[index]?.text || `#${index + 1}`;
  }
  if (missingExplicit.length) {
    return { code: 'MAPPING_COLUMN_MISSING', message: m(`表头中没有指定的列：${missingExplicit.join('、')}`, `The header has no column named: ${missingExplicit.join(', ')}`) };
  }
  const missing = RequiredRosterFields.filter((f) => columns[f] === undefined);
  if (missing.length) {
    return {
      code: 'REQUIRED_COLUMNS_MISSING',
      message: m(`缺少必需的列：${missing.map((f) => FIELD_LABELS[f].zh).join('、')}`, `Required columns are missing: ${missing.map((f) => FIELD_LABELS[f].en).join(', ')}`),
    };
  }
  return { headerRow: header.row, columns, headers };
}
