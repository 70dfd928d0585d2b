import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderNoteCodes } from '@gradphoto/contracts/order-notes';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import { noteText } from './order-note.js';

const i18n = createInstance();
beforeAll(() =>
  i18n.init({
    resources: { 'zh-CN': { 'console-orders': zhCN }, en: { 'console-orders': en } },
    ns: ['console-orders'],
    defaultNS: 'console-orders',
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  }),
);
const as = (lng: string) =>
  i18n.getFixedT(lng, 'console-orders') as (key: string, params: Record<string, unknown>) => string;

describe('noteText', () => {
  it("words coded notes in the console's language and keeps what a person typed as typed", () => {
    const request = { noteCode: 'refund_requested' as const, noteParams: null, note: '不想要了 <b>' };
    const refund = {
      noteCode: 'refund' as const,
      noteParams: { refundNo: 'RF1', amountCents: 1500 },
      note: '少印一版',
    };
    const run = { noteCode: 'print_run' as const, noteParams: { runId: 'r1' }, note: null };
    expect([request, refund, run].map((h) => noteText(as('zh-CN'), h))).toEqual([
      '学生申请退款：不想要了 <b>',
      '退款 ¥15.00：少印一版',
      '已加入冲印批次',
    ]);
    expect([request, refund, run].map((h) => noteText(as('en'), h))).toEqual([
      'Refund requested by the student: 不想要了 <b>',
      'Refunded ¥15.00: 少印一版',
      'Added to a print run',
    ]);
  });

  it('shows an old row without a code as it is, and nothing without a note', () => {
    expect(noteText(as('zh-CN'), { noteCode: null, noteParams: null, note: 'seeded' })).toBe('seeded');
    expect(noteText(as('zh-CN'), { noteCode: null, noteParams: null, note: null })).toBeNull();
  });

  it('has a wording for every code in both languages', () => {
    for (const lng of ['zh-CN', 'en']) {
      const t = as(lng);
      for (const code of OrderNoteCodes)
        expect(t(`note.${code}`, {}), `${lng} ${code}`).not.toBe(`note.${code}`);
    }
  });
});
