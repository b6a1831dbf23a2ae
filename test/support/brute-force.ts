// An independent, deliberately naive slice: a loop over every fact. Tests compare the real
// query against it.
import type { Db } from '../../electron/store/database';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { GroupKey } from '../../shared/api/slice';
import { addYears, isoDay, isoMonth, isoWeek, parseIsoDay } from '../../shared/dates';

export interface Fact {
  day: number;
  region: string;
  indicator: number;
  value: number;
}

export function loadFacts(db: Db): Fact[] {
  return (db.prepare('SELECT day, region_code, indicator_id, value FROM fact').raw().all() as [number, number, number, number][]).map(
    ([day, region, indicator, value]) => ({ day, region: String(region), indicator, value }),
  );
}

export interface BruteQuery {
  from: string;
  to: string;
  regions: string[]; // codes
  /** Codes of cities (or the province) of which only the own units are selected (太原市本级). */
  ownUnits?: string[];
  indicatorIds: number[];
  by: GroupKey[];
  compare?: 'yoy' | 'prev';
}

export function bruteForce(facts: Fact[], catalogue: Catalogue, q: BruteQuery): Map<string, { value: number | null; base: number | null }> {
  const region = new Map(catalogue.regions.map((r) => [r.code, r]));
  const indicator = new Map(catalogue.indicators.map((i) => [i.id, i]));
  const phases = catalogue.campaigns.flatMap((c) => c.phases);
  const from = parseIsoDay(q.from)!;
  const to = parseIsoDay(q.to)!;
  const n = to - from + 1;
  const wanted = new Set(q.indicatorIds);
  const own = q.ownUnits ?? [];
  const inScope = (code: string) => {
    if (q.regions.length === 0 && own.length === 0) return true;
    if (own.includes(code)) return true;
    const r = region.get(code)!;
    return q.regions.some((sel) => {
      const s = region.get(sel)!;
      return s.level === 'province' || sel === code || (s.level === 'city' && r.parent === sel && r.level === 'county');
    });
  };
  const keyOf = (f: Fact, day: number): string =>
    q.by
      .map((k) => {
        const r = region.get(f.region)!;
        switch (k) {
          case 'region:province':
            return '140000';
          case 'region:city':
            return r.level === 'province' ? '140000' : r.level === 'city' ? r.code : r.parent!;
          case 'region:county':
            return r.code;
          case 'department':
            return indicator.get(f.indicator)!.department;
          case 'indicator':
            return indicator.get(f.indicator)!.key;
          case 'day':
            return isoDay(day);
          case 'week':
            return isoWeek(day);
          case 'month':
            return isoMonth(day);
          case 'phase':
            return phases.find((p) => isoDay(day) >= p.from && isoDay(day) <= p.to)?.name ?? '（阶段外）';
        }
      })
      .join('|');

  const out = new Map<string, { value: number | null; base: number | null }>();
  const baseFrom = q.compare === 'yoy' ? addYears(from, -1) : from - n;
  const baseTo = q.compare === 'yoy' ? addYears(to, -1) : from - 1;
  for (const f of facts) {
    if (!wanted.has(f.indicator) || !inScope(f.region)) continue;
    if (f.day >= from && f.day <= to) {
      const k = keyOf(f, f.day);
      const e = out.get(k) ?? { value: null, base: null };
      e.value = (e.value ?? 0) + f.value;
      out.set(k, e);
    }
    if (q.compare && f.day >= baseFrom && f.day <= baseTo) {
      const k = keyOf(f, q.compare === 'yoy' ? addYears(f.day, 1) : f.day + n);
      const e = out.get(k) ?? { value: null, base: null };
      e.base = (e.base ?? 0) + f.value;
      out.set(k, e);
    }
  }
  return out;
}
