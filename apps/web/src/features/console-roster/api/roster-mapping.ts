import { RosterFields, type RosterField, type RosterMapping } from '@gradphoto/contracts/console-roster';

/**
 * A first guess of the column mapping, shown in the mapping step for the user to check. It mirrors the
 * server's header synonyms (apps/server/src/modules/roster/roster-columns.ts); whatever the user
 * confirms is sent as an explicit mapping, so the server imports exactly what was shown.
 */
const SYNONYMS: Record<RosterField, string[]> = {
  name: ['姓名', '学生姓名', '名字', 'name', 'fullname', 'studentname'],
  studentNumber: ['学号', '学生学号', '学籍号', 'studentnumber', 'studentno', 'studentid', 'sno'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '身份证',
    '证件号',
    '证件号码',
    '公民身份号码',
    '身份证件号',
    '身份证件号码',
    'idnumber',
    'idcard',
    'idcardnumber',
    'idno',
    'nationalid',
  ],
  gender: ['性别', 'gender', 'sex'],
  department: ['院系', '学院', '院系名称', '学院名称', '系别', '系', 'department', 'faculty', 'college'],
  major: ['专业', '专业名称', 'major', 'programme', 'program'],
  educationLevel: ['学历层次', '层次', '培养层次', '学历', 'educationlevel', 'level', 'degreelevel'],
  educationCategory: [
    '学历类别',
    '类别',
    '学习形式',
    '学生类别',
    'educationcategory',
    'category',
    'studymode',
  ],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'emailaddress', 'mail'],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '联系电话',
    '电话',
    '联系方式',
    'phone',
    'mobile',
    'mobilephone',
    'phonenumber',
    'tel',
  ],
};

export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .toLowerCase()
    .replace(/[\s_\-.:：*#/\\]+/g, '');
}

const LOOKUP = new Map<string, RosterField>();
for (const f of RosterFields) for (const s of SYNONYMS[f]) LOOKUP.set(s, f);

/** Field → 0-based column, from the header row. */
export type ColumnChoice = Partial<Record<RosterField, number>>;

/** The header row: the first of the first 10 rows naming two known columns (else the first row). */
export function headerRowIndex(rows: string[][]): number {
  const i = rows
    .slice(0, 10)
    .findIndex((r) => new Set(r.map((c) => LOOKUP.get(normaliseHeader(c))).filter(Boolean)).size >= 2);
  return i < 0 ? 0 : i;
}

export function guessMapping(header: string[]): ColumnChoice {
  const out: ColumnChoice = {};
  header.forEach((h, i) => {
    const f = LOOKUP.get(normaliseHeader(h));
    if (f && out[f] === undefined) out[f] = i;
  });
  return out;
}

/** The explicit mapping to send: header text where it is unique and non-empty, else the 1-based column number. */
export function mappingRequest(header: string[], choice: ColumnChoice): RosterMapping {
  const out: RosterMapping = {};
  for (const f of RosterFields) {
    const i = choice[f];
    if (i === undefined) continue;
    const text = header[i]?.trim() ?? '';
    const unique =
      text !== '' && header.filter((h) => normaliseHeader(h) === normaliseHeader(text)).length === 1;
    out[f] = unique ? text : i + 1;
  }
  return out;
}
