import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { BatchOptionsResponse, BatchView } from '@gradphoto/contracts/console-batches';
import { backgroundChoices, formFieldOf, formValues, requestBody, toCents } from './batch-form.js';

const batch: BatchView = {
  id: 'b1',
  schoolId: 's1',
  schoolName: '示范大学',
  name: '2027 届',
  mode: 'scattered',
  featureCode: 'AB12',
  regionCode: '330100',
  priceNoPrintsCents: 1990,
  priceWithPrintsCents: 3500,
  payer: 'school',
  specId: 'xuexin',
  background: '#FFFFFF',
  capturePolicy: 'live_only',
  hasRoster: false,
  opensAt: '2027-03-01T00:00:00.000Z',
  closesAt: null,
  window: 'upcoming',
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('batch form', () => {
  it('turns yuan into whole cents without float drift', () => {
    expect(toCents(19.9)).toBe(1990);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(undefined)).toBe(0);
  });

  it('round-trips a batch through the form values', () => {
    const v = formValues(batch);
    expect(v.priceNoPrints).toBe(19.9);
    expect(v.window?.[1]).toBeNull();
    const body = requestBody(v);
    expect(body).toMatchObject({
      priceNoPrintsCents: 1990,
      priceWithPrintsCents: 3500,
      payer: 'school',
      capturePolicy: 'live_only',
      closesAt: null,
    });
    expect(body.opensAt).toBe('2027-03-01T00:00:00.000Z');
    expect(requestBody({ ...v, window: [null, dayjs('2027-06-30T16:00:00Z')] })).toMatchObject({
      opensAt: null,
      closesAt: '2027-06-30T16:00:00.000Z',
    });
  });

  it('puts server field errors on the form fields they belong to', () => {
    expect(formFieldOf('body.priceWithPrintsCents')).toBe('priceWithPrints');
    expect(formFieldOf('closesAt')).toBe('window');
    expect(formFieldOf('regionCode')).toBe('regionCode');
    expect(formFieldOf('schoolId')).toBeNull();
  });

  it("offers the spec's colours first, then the presets, each once", () => {
    const options: BatchOptionsResponse = {
      specs: [
        {
          id: 'xuexin',
          name: { zh: '学信网', en: 'Xuexin' },
          width: 480,
          height: 640,
          backgrounds: ['#28befa', '#FFFFFF'],
        },
      ],
      backgrounds: [
        { id: 'white', hex: '#FFFFFF', name: { zh: '白色', en: 'White' } },
        { id: 'grey', hex: '#F0F0F0', name: { zh: '浅灰色', en: 'Light grey' } },
      ],
    };
    expect(backgroundChoices(options, 'xuexin').map((c) => c.hex)).toEqual(['#28BEFA', '#FFFFFF', '#F0F0F0']);
    expect(backgroundChoices(options, 'xuexin')[1]?.name?.zh).toBe('白色');
    expect(backgroundChoices(undefined, 'xuexin')).toEqual([]);
  });
});
