import { describe, expect, it } from 'vitest';
import { findIdNumber, findName, parseIdCard, toReadingOrder, type OcrLine } from './ocr-id-card-parse.js';

const TODAY = new Date('2025-06-01');
const line = (text: string, confidence = 0.9, box?: OcrLine['box']): OcrLine => ({ text, confidence, ...(box ? { box } : {}) });
const at = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

// valid numbers (check digits computed): 330106200403070131, 11010820031122019X
describe('findIdNumber', () => {
  it('takes the number from the label line', () => {
    expect(findIdNumber([line('公民身份号码 330106200403070131')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true, edits: 0 });
  });

  it('reads spaced and full-width digits and a lower-case x check character', () => {
    expect(findIdNumber([line('1101 0820 0311 2201 9x')], TODAY)?.idNumber).toBe('11010820031122019X');
    expect(findIdNumber([line('１１０１０８２００３１１２２０１９Ｘ')], TODAY)?.idNumber).toBe('11010820031122019X');
  });

  it('fixes O/I/l/B/S/Z confusions when the check digit then validates', () => {
    expect(findIdNumber([line('33O1O62OO4O3O7Ol3l')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true });
    expect(findIdNumber([line('BB0106200403070131')], TODAY)).toBeNull(); // 880106… has no valid region: not believed
    expect(findIdNumber([line('11010BZ0031122019X')], TODAY)).toMatchObject({ idNumber: '11010820031122019X', valid: true });
  });

  it('does not "correct" into an invalid number, but returns an uncorrected invalid one as a flagged suggestion', () => {
    expect(findIdNumber([line('330106200403070132')], TODAY)).toMatchObject({ idNumber: '330106200403070132', valid: false });
    expect(findIdNumber([line('33010620040307013Z')], TODAY)).toBeNull();
  });

  it('drops a spurious character inside or around the number when that makes it valid', () => {
    expect(findIdNumber([line('3301062004030701351')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true, edits: 1 });
    expect(findIdNumber([line('33010620040370701311')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true, edits: 2 });
    expect(findIdNumber([line('3301062004030701')], TODAY)).toBeNull(); // too short: never padded
    expect(findIdNumber([line('3301062004030770131')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true });
    expect(findIdNumber([line('7330106200403070131')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true });
  });

  it('joins a number split over two boxes', () => {
    expect(findIdNumber([line('公民身份号码 3301062004'), line('03070131')], TODAY)).toMatchObject({ idNumber: '330106200403070131', valid: true });
  });

  it('prefers a valid candidate over an invalid one and ignores short digit runs', () => {
    const lines = [line('出生 2004 年 3 月 7 日'), line('路138号5幢2单元601室'), line('110108200311220190'), line('11010820031122019X', 0.8)];
    expect(findIdNumber(lines, TODAY)).toMatchObject({ idNumber: '11010820031122019X', valid: true });
    expect(findIdNumber([line('电话 13812345678')], TODAY)).toBeNull();
  });
});

describe('findName', () => {
  it('reads the name after the label on the same line', () => {
    expect(findName([line('姓名王晓明')])?.name).toBe('王晓明');
    expect(findName([line('姓 名 欧阳 子 涵')])?.name).toBe('欧阳子涵');
    expect(findName([line('和 姓名 林雨桐 2')])?.name).toBe('林雨桐');
  });

  it('reads the next box on the same row when the label stands alone', () => {
    const lines = toReadingOrder([line('欧阳子涵', 0.99, at(200, 100, 330, 140)), line('姓名', 0.99, at(76, 104, 150, 138)), line('性别男', 0.99, at(76, 190, 300, 230))]);
    expect(lines.map((l) => l.text)).toEqual(['姓名', '欧阳子涵', '性别男']);
    expect(findName(lines)).toEqual({ name: '欧阳子涵', confidence: 0.99 });
  });

  it('keeps the middle dot of transliterated names and rejects single characters and labels', () => {
    expect(findName([line('姓名 阿依古丽·买买提')])?.name).toBe('阿依古丽·买买提');
    expect(findName([line('姓名 王')])).toBeNull();
    expect(findName([line('姓名', 0.9, at(0, 0, 50, 20)), line('性别 男', 0.9, at(60, 0, 120, 20))])).toBeNull();
  });
});

describe('parseIdCard', () => {
  it('returns both fields with the weaker confidence', () => {
    const r = parseIdCard([line('姓名陈思远', 0.95), line('性别男 民族汉'), line('公民身份号码 11010820031122019X', 0.8)], TODAY);
    expect(r).toEqual({ idNumber: '11010820031122019X', idNumberValid: true, name: '陈思远', confidence: 0.8 });
  });

  it('returns nulls for text that is not an ID card', () => {
    expect(parseIdCard([line('Lorem ipsum dolor sit amet'), line('2024-05-06 12:30')], TODAY)).toEqual({ idNumber: null, idNumberValid: false, name: null, confidence: 0 });
  });
});
