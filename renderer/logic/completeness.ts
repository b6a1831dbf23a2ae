// The completeness matrix: reporting units (counties, 市本级) × days, each cell reported /
// partial / missing, from the completeness result (which lists only the gaps).
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { CompletenessResult } from '../../shared/api/slice';
import { daysBetween } from './sparkline';

export const STATUS_REPORTED = 0;
export const STATUS_PARTIAL = 1;
export const STATUS_MISSING = 2;

export interface ReportingUnit {
  code: string;
  name: string;
  city: string;
}

/** Units in scope, each city's counties followed by its own units (市本级), as the engine orders them. */
export function reportingUnits(catalogue: Catalogue, regions: string[]): ReportingUnit[] {
  const byCode = new Map(catalogue.regions.map((r) => [r.code, r]));
  const chosen = regions.map((c) => byCode.get(c)).filter((r) => r !== undefined);
  const inScope = (code: string, city: string) =>
    chosen.length === 0 || chosen.some((s) => s.level === 'province' || s.code === code || (s.level === 'city' && s.code === city));
  const out: ReportingUnit[] = [];
  for (const city of catalogue.regions.filter((r) => r.level === 'city')) {
    for (const county of catalogue.regions.filter((r) => r.level === 'county' && r.parent === city.code)) {
      if (inScope(county.code, city.code)) out.push({ code: county.code, name: county.name, city: city.code });
    }
    if (inScope(city.code, city.code)) out.push({ code: city.code, name: `${city.name}本级`, city: city.code });
  }
  return out;
}

export interface CompletenessMatrix {
  units: ReportingUnit[];
  days: string[];
  /** [dayIndex, unitIndex, status] for every cell. */
  cells: [number, number, number][];
  missing: number;
  partial: number;
}

export function completenessMatrix(units: ReportingUnit[], result: CompletenessResult): CompletenessMatrix {
  const days = daysBetween(result.period.from, result.period.to);
  const status = new Map<string, number>();
  for (const g of result.missing) status.set(`${g.region_code}|${g.day}`, STATUS_MISSING);
  for (const g of result.partial) status.set(`${g.region_code}|${g.day}`, STATUS_PARTIAL);
  const cells: [number, number, number][] = [];
  units.forEach((u, y) => {
    days.forEach((d, x) => {
      cells.push([x, y, status.get(`${u.code}|${d}`) ?? STATUS_REPORTED]);
    });
  });
  return { units, days, cells, missing: result.missing.length, partial: result.partial.length };
}
