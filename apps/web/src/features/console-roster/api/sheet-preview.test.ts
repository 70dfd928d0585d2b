import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnIndex, decodeText, parseCsvRows, readXlsxRows } from './sheet-preview.js';

describe('CSV preview', () => {
  it('reads quoted cells, doubled quotes, CRLF and a BOM', () => {
    const text = decodeText(
      new TextEncoder().encode(
        '\uFEFF姓名,身份证号,备注\r\n"张三",110105199003071234,"说 ""好"", 行"\r\n李四,11010519900307123X,\r\n',
      ),
    );
    expect(parseCsvRows(text)).toEqual([
      ['姓名', '身份证号', '备注'],
      ['张三', '110105199003071234', '说 "好", 行'],
      ['李四', '11010519900307123X', ''],
    ]);
  });

  it('decodes GB18030 files saved by Excel in China', () => {
    // "姓名,学号\n" in GBK
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd1, 0xa7, 0xba, 0xc5, 0x0a]);
    expect(parseCsvRows(decodeText(gbk))).toEqual([['姓名', '学号']]);
  });

  it('stops after the asked number of rows and detects tabs', () => {
    const text = Array.from({ length: 50 }, (_, i) => `a${i}\tb${i}`).join('\n');
    const rows = parseCsvRows(text, 3);
    expect(rows).toEqual([
      ['a0', 'b0'],
      ['a1', 'b1'],
      ['a2', 'b2'],
    ]);
  });
});

describe('XLSX preview', () => {
  it('reads the first sheet: shared strings, numbers, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '学号', '身份证号']);
    ws.addRow(['王 & 五', 20230001, '110105199003071234']);
    ws.getCell('E3').value = 'far';
    wb.addWorksheet('other').addRow(['ignored']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(readXlsxRows(bytes)).toEqual([
      ['姓名', '学号', '身份证号'],
      ['王 & 五', '20230001', '110105199003071234'],
      ['', '', '', '', 'far'],
    ]);
  });

  it('turns column letters into indexes', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AB12')).toBe(27);
  });
});
