import { describe, expect, it } from 'vitest';
import { regionLabel, regionOptions } from './region-options.js';

describe('region options', () => {
  it('has every province with cities and districts, with six-digit codes', () => {
    const provinces = regionOptions();
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    const zj = provinces.find((p) => p.value === '330000')!;
    expect(zj.label).toBe('浙江省');
    const hz = zj.children!.find((c) => c.value === '330100')!;
    expect(hz.label).toBe('杭州市');
    expect(hz.children!.find((d) => d.value === '330106')?.label).toBe('西湖区');
    for (const p of provinces)
      for (const c of p.children ?? []) for (const d of c.children ?? []) expect(d.value).toMatch(/^\d{6}$/);
  });

  it('labels a full code path, and nothing for a partial or unknown one', () => {
    expect(regionLabel(['330000', '330100', '330106'])).toBe('浙江省 杭州市 西湖区');
    expect(regionLabel(['330000', '330100'])).toBeNull();
    expect(regionLabel(['990000', '990100', '990101'])).toBeNull();
  });
});
