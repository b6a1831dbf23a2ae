// Region names as rows, charts and maps print them. A county's own name is not always unique
// (城区 is in 阳泉市 and in 晋城市): where it is not, it is printed with its city (阳泉市城区).
import type { Region } from './api/catalogue-types';

export interface RegionNames {
  /** A county's name, with its city where another county has the same name; other regions' names. */
  distinct(code: string): string;
  /** True when another county has the same name as this one. */
  isAmbiguous(code: string): boolean;
  /** The city a county (or a city's own units) belongs to; undefined for the province. */
  cityOf(code: string): Region | undefined;
}

export function regionNames(regions: readonly Region[]): RegionNames {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const countByName = new Map<string, number>();
  for (const r of regions) if (r.level === 'county') countByName.set(r.name, (countByName.get(r.name) ?? 0) + 1);
  const isAmbiguous = (code: string): boolean => {
    const r = byCode.get(code);
    return r !== undefined && r.level === 'county' && (countByName.get(r.name) ?? 0) > 1;
  };
  const cityOf = (code: string): Region | undefined => {
    const r = byCode.get(code);
    return r?.city ? byCode.get(r.city) : undefined;
  };
  return {
    isAmbiguous,
    cityOf,
    distinct(code) {
      const r = byCode.get(code);
      if (!r) return code;
      return isAmbiguous(code) ? `${cityOf(code)?.name ?? ''}${r.name}` : r.name;
    },
  };
}
