import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../test/harness.js';

/** Test rosters: the i-th graduate has a valid, unique ID number and 学号. */
export function rosterPerson(i: number, prefix = '330106') {
  const day = String(1 + Math.floor(i / 1000) % 28).padStart(2, '0');
  const month = String(1 + Math.floor(i / 28000) % 12).padStart(2, '0');
  const id = makeIdNumber(`${prefix}2001${month}${day}${String(i % 1000).padStart(3, '0')}`);
  return {
    name: `学生${i}`,
    studentNumber: `2023${String(i).padStart(6, '0')}`,
    idNumber: id,
    department: '计算机学院',
    major: '软件工程',
    educationLevel: '本科',
    educationCategory: '普通全日制',
    email: `g${i}@example.com`,
    phone: `139${String(i).padStart(8, '0')}`,
  };
}

export const ZH_HEADER = ['姓名', '学号', '身份证号', '院系', '专业', '学历层次', '学历类别', '邮箱', '手机'];
export const rowOf = (p: ReturnType<typeof rosterPerson>): Array<string | number> => [p.name, p.studentNumber, p.idNumber, p.department, p.major, p.educationLevel, p.educationCategory, p.email, p.phone];

export function csvOf(rows: Array<Array<string | number>>, header = ZH_HEADER): string {
  return [header, ...rows].map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n') + '\r\n';
}

/** An XLSX; cells given as numbers are written as numbers (as Excel does with a typed-in ID number). */
export async function xlsxOf(rows: Array<Array<string | number>>, header = ZH_HEADER, title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  if (title) ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
