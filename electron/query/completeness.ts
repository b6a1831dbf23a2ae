// Which reporting units (counties and each city's 市本级) have not reported on which days, which
// indicators a partly reported day lacks, and each unit's and each city's record over the period.
import type { CompletenessGap, CompletenessResult, ParsedSliceFilter, UnitReportingRate } from '../../shared/api/slice';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { isoDay } from '../../shared/dates';
import { allReportingUnits } from '../../shared/reporting-units';
import type { Db } from '../store/database';
import { readDayColumnRange } from '../store/day-columns';
import { resolveFilter } from './resolve-filter';

export function runCompleteness(db: Db, resolver: CatalogueResolver, input: ParsedSliceFilter): CompletenessResult {
  const filter = resolveFilter(resolver, input);
  const { scope } = filter;
  const units = allReportingUnits(resolver.catalogue.regions).filter(
    (u) => scope.all || scope.cities.includes(Number(u.city_code)) || scope.units.includes(Number(u.code)),
  );
  const indicators = filter.indicators;
  const expected = indicators.length;
  const { from, to } = filter.range;

  // Per (unit, day): how many of the indicators were reported, and which where some are missing.
  // Read from the packed day columns, whose facts are sorted by region then indicator.
  const wanted = new Set(indicators.map((i) => i.id));
  const unitCodes = new Set(units.map((u) => Number(u.code)));
  const reportedOn = new Map<string, { n: number; ids: Set<number> | null }>();
  for (const col of readDayColumnRange(db, from, to)) {
    const { regions, indicators: ids } = col;
    let k = 0;
    while (k < regions.length) {
      const region = regions[k]!;
      let end = k;
      while (end < regions.length && regions[end] === region) end++;
      if (unitCodes.has(region)) {
        let n = 0;
        for (let j = k; j < end; j++) if (wanted.has(ids[j]!)) n++;
        if (n > 0) {
          const got = n < expected ? new Set<number>() : null;
          if (got) for (let j = k; j < end; j++) if (wanted.has(ids[j]!)) got.add(ids[j]!);
          reportedOn.set(`${region}:${col.day}`, { n, ids: got });
        }
      }
      k = end;
    }
  }

  const missing: CompletenessGap[] = [];
  const partial: CompletenessGap[] = [];
  const unitRates: UnitReportingRate[] = [];
  const days = to - from + 1;
  for (const u of units) {
    const rate: UnitReportingRate = {
      region_code: u.code,
      region_name: u.name,
      city_code: u.city_code,
      city_name: u.city_name,
      expected_days: days,
      reported_days: 0,
      missing_days: 0,
      partial_days: 0,
      rate: 0,
      last_reported_day: null,
    };
    for (let d = from; d <= to; d++) {
      const r = reportedOn.get(`${u.code}:${d}`);
      const n = r?.n ?? 0;
      if (n > 0) rate.last_reported_day = isoDay(d);
      if (n >= expected) {
        rate.reported_days += 1;
        continue;
      }
      const gap: CompletenessGap = {
        region_code: u.code,
        region_name: u.name,
        city_code: u.city_code,
        city_name: u.city_name,
        day: isoDay(d),
        reported: n,
        expected,
      };
      if (n === 0) {
        rate.missing_days += 1;
        missing.push(gap);
      } else {
        rate.partial_days += 1;
        const got = r?.ids;
        gap.missing_indicators = indicators.filter((i) => !got?.has(i.id)).map((i) => i.key);
        partial.push(gap);
      }
    }
    rate.rate = days === 0 ? 1 : rate.reported_days / days;
    unitRates.push(rate);
  }

  const perCity = new Map<string, { name: string; units: number; expected: number; reported: number; missing: number; partial: number }>();
  for (const u of unitRates) {
    const c = perCity.get(u.city_code) ?? { name: u.city_name, units: 0, expected: 0, reported: 0, missing: 0, partial: 0 };
    c.units += 1;
    c.expected += u.expected_days;
    c.reported += u.reported_days;
    c.missing += u.missing_days;
    c.partial += u.partial_days;
    perCity.set(u.city_code, c);
  }
  const cities = [...perCity].map(([code, c]) => ({
    city_code: code,
    city_name: c.name,
    units: c.units,
    expected_pairs: c.expected,
    reported_pairs: c.reported,
    missing_pairs: c.missing,
    partial_pairs: c.partial,
    rate: c.expected === 0 ? 1 : c.reported / c.expected,
  }));

  return {
    period: { from: isoDay(from), to: isoDay(to) },
    units: units.length,
    days,
    indicators: expected,
    missing,
    partial,
    cities,
    unit_rates: unitRates,
  };
}
