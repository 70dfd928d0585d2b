import { describe, expect, it } from 'vitest';
import { guessMapping, headerRowIndex, mappingRequest } from './roster-mapping.js';

describe('roster mapping step', () => {
  it('finds the header row below a title row', () => {
    expect(
      headerRowIndex([['2027 届毕业生名单'], ['序号', '姓名', '身份证号（18位）*'], ['1', '张三', 'x']]),
    ).toBe(1);
    expect(
      headerRowIndex([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe(0);
  });

  it('guesses fields from Chinese and English headers', () => {
    expect(guessMapping(['序号', '学生姓名', '身份证号（18位）*', 'Student No', '手机号码'])).toEqual({
      name: 1,
      idNumber: 2,
      studentNumber: 3,
      phone: 4,
    });
  });

  it('sends header text, or the column number for blank or repeated headers', () => {
    const header = ['姓名', '', '备注', '备注'];
    expect(mappingRequest(header, { name: 0, idNumber: 1, major: 3 })).toEqual({
      name: '姓名',
      idNumber: 2,
      major: 4,
    });
  });
});
