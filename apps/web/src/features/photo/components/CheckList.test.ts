import { describe, expect, it } from 'vitest';
import type { CheckView } from '@gradphoto/contracts/journey';
import { sortChecks } from './CheckList.js';

const check = (code: string, passed: boolean, severity: 'reject' | 'warn' = 'reject'): CheckView => ({
  code,
  passed,
  severity,
  value: null,
  threshold: null,
  message: { zh: code, en: code },
});

describe('sortChecks', () => {
  it('puts failures first, then warnings, then passes, each in the engine order', () => {
    const sorted = sortChecks([
      check('blurry', true),
      check('busy_background', false, 'warn'),
      check('no_face', true),
      check('head_position', false),
      check('multiple_faces', false),
    ]);
    expect(sorted.map((c) => c.code)).toEqual([
      'multiple_faces',
      'head_position',
      'busy_background',
      'no_face',
      'blurry',
    ]);
  });
});
