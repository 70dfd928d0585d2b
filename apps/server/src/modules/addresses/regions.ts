import { areaList } from '@vant/area-data';

/** Province/city/district names from @vant/area-data (codes are GB/T 2260 six-digit codes). */
export function regionText(provinceCode: string, cityCode: string, districtCode: string): string | null {
  const province = areaList.province_list[provinceCode];
  const city = areaList.city_list[cityCode];
  const district = areaList.county_list[districtCode];
  if (!province || !city || !district) return null;
  if (cityCode.slice(0, 2) !== provinceCode.slice(0, 2) || districtCode.slice(0, 4) !== cityCode.slice(0, 4)) return null;
  return `${province} ${city} ${district}`;
}
