// Which reporting units (counties and each city's 市本级) have not reported on which days.
import type { CompletenessGap, CompletenessResult, SliceFilter } from '../../shared/api/slice';
import type { Region } from '../../shared/api/catalogue-types';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { isoDay } from '../../shared/dates';
import type { Db } from '../store/database';
import { resolveFilter } from './resolve-filter';

export function runCompleteness(db: Db, resolver: CatalogueResolver, input: SliceFilter): CompletenessResult {
  const filter = resolveFilter(resolver, input);
  const { regions } = resolver.catalogue;
  const inScope = (r: Region): boolean =>
    filter.scope.all || filter.scope.cities.includes(Number(r.city)) || filter.scope.units.includes(Number(r.code));
  // Expected reporters: every county, and every city for its own units (市本级).
  const units = regions.filter((r) => r.level !== 'province' && inScope(r));
  const indicatorIds = filter.indicators.map((i) => i.id);
  const expected = indicatorIds.length;

  const counts = new Map<string, number>();
  const rows = db
    .prepare(
      `SELECT region_code, day, COUNT(*) AS n FROM fact
        WHERE day BETWEEN ? AND ? AND indicator_id IN (SELECT value FROM json_each(?))
        GROUP BY region_code, day`,
    )
    .all(filter.range.from, filter.range.to, JSON.stringify(indicatorIds)) as { region_code: number; day: number; n: number }[];
  for (const r of rows) counts.set(`${r.region_code}:${r.day}`, r.n);

  const missing: CompletenessGap[] = [];
  const partial: CompletenessGap[] = [];
  const perCity = new Map<string, { units: number; expected: number; reported: number }>();
  const days = filter.range.to - filter.range.from + 1;
  for (const u of units) {
    const city = u.city!;
    const c = perCity.get(city) ?? { units: 0, expected: 0, reported: 0 };
    c.units += 1;
    for (let d = filter.range.from; d <= filter.range.to; d++) {
      const n = counts.get(`${u.code}:${d}`) ?? 0;
      c.expected += 1;
      if (n >= expected) {
        c.reported += 1;
        continue;
      }
      const gap = {
        region_code: u.code,
        region_name: u.level === 'city' ? `${u.name}本级` : u.name,
        city_code: city,
        day: isoDay(d),
        reported: n,
        expected,
      };
      (n === 0 ? missing : partial).push(gap);
    }
    perCity.set(city, c);
  }

  const cities = regions
    .filter((r) => r.level === 'city' && perCity.has(r.code))
    .map((r) => {
      const c = perCity.get(r.code)!;
      return {
        city_code: r.code,
        city_name: r.name,
        units: c.units,
        expected_pairs: c.expected,
        reported_pairs: c.reported,
        rate: c.expected === 0 ? 1 : c.reported / c.expected,
      };
    });

  return {
    period: { from: isoDay(filter.range.from), to: isoDay(filter.range.to) },
    units: units.length,
    days,
    indicators: expected,
    missing,
    partial,
    cities,
  };
}
