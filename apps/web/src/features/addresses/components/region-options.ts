// despite its name, useCascaderAreaData is a plain function (no React hooks inside)
import { areaList, useCascaderAreaData as cascaderAreaData } from '@vant/area-data';

export interface RegionOption {
  label: string;
  value: string;
  children?: RegionOption[];
}

let cached: RegionOption[] | null = null;

/** Province → city → district options (GB/T 2260 codes) from @vant/area-data, built once. */
export function regionOptions(): RegionOption[] {
  if (cached) return cached;
  const map = (list: ReturnType<typeof cascaderAreaData>): RegionOption[] =>
    list.map((o) => ({
      label: o.text,
      value: o.value,
      ...(o.children?.length ? { children: map(o.children) } : {}),
    }));
  cached = map(cascaderAreaData());
  return cached;
}

/** "浙江省 杭州市 西湖区" for three codes, or null when they do not fit together. */
export function regionLabel(codes: readonly string[]): string | null {
  const [p, c, d] = codes;
  if (!p || !c || !d) return null;
  const names = [areaList.province_list[p], areaList.city_list[c], areaList.county_list[d]];
  return names.every(Boolean) ? names.join(' ') : null;
}
