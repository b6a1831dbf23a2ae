// Reporting units — every county and each city's own units (市本级) — in one order and with the
// names people read: a short county name that two cities share (城区 in 阳泉市 and 晋城市) is
// written with its city, so a list or a matrix row never leaves the reader guessing.
import type { Region } from './api/catalogue-types';
import { regionNames } from './region-names';

export interface ReportingUnit {
  code: string;
  /** 小店区, 太原市本级, 阳泉市城区. */
  name: string;
  city_code: string;
  city_name: string;
}

/** Every reporting unit: city by city in catalogue order, its counties then its 市本级. */
export function allReportingUnits(regions: readonly Region[]): ReportingUnit[] {
  const names = regionNames(regions);
  const out: ReportingUnit[] = [];
  for (const city of regions.filter((r) => r.level === 'city')) {
    for (const county of regions.filter((r) => r.level === 'county' && r.parent === city.code)) {
      out.push({ code: county.code, name: names.distinct(county.code), city_code: city.code, city_name: city.name });
    }
    out.push({ code: city.code, name: `${city.name}本级`, city_code: city.code, city_name: city.name });
  }
  return out;
}
