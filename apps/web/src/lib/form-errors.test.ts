import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.js';
import { fieldErrors } from './form-errors.js';

describe('fieldErrors', () => {
  it('maps known server field paths to form fields in the chosen language', () => {
    const e = new ApiError(400, {
      code: 'VALIDATION',
      message: { zh: '参数错误', en: 'Invalid' },
      fields: [
        { path: 'body.idNumber', message: { zh: '身份证号无效', en: 'The ID number is not valid' } },
        { path: 'phone', message: { zh: '手机号', en: 'Phone' } },
        { path: 'unknown', message: { zh: 'x', en: 'x' } },
      ],
    });
    expect(fieldErrors(e, (m) => m.en, ['idNumber', 'phone'])).toEqual([
      { name: 'idNumber', errors: ['The ID number is not valid'] },
      { name: 'phone', errors: ['Phone'] },
    ]);
  });

  it('ignores anything that is not an API error', () => {
    expect(fieldErrors(new Error('x'), (m) => m.zh, ['a'])).toEqual([]);
  });
});
