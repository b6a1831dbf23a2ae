// Anomalies: a unit-day far outside that unit's own history for the indicator, by a robust
// measure. For each (unit, indicator) the history is the unit's other days in the window (the
// campaign up to the period's end); its median and MAD give the expected value and spread.
//
// The province's own daily rhythm is divided out first: on the days of a concentrated operation
// every unit reports several times its usual figures, and that is the plan, not an anomaly. Each
// day's value is scaled by the province's level that day (the province total over its median
// day), the median and MAD are taken of the scaled history, and the expected range is scaled back
// to the day in question.
import type { Db } from '../store/database';
import type { Campaign, Indicator } from '../../shared/api/catalogue-types';
import type { AnomaliesResult, CityAnomalies } from '../../shared/api/anomalies';
import type { ParsedSliceFilter } from '../../shared/api/slice';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { parseIsoDay, isoDay } from '../../shared/dates';
import { readDayColumnRange } from '../store/day-columns';
import { allReportingUnits } from '../../shared/reporting-units';
import type { FactSource } from './fact-source';
import { resolveFilter } from './resolve-filter';
import { runSlice } from './slice';

export interface Anomaly {
  region_code: string;
  day: string;
  indicator: Indicator;
  value: number;
  expectedLow: number;
  expectedHigh: number;
  median: number;
  /** Robust distance: |value − median| / scale, on the scaled series. */
  score: number;
}

/** Robust z beyond which a value is listed. */
export const ANOMALY_THRESHOLD = 6;
/** Fewest other days a history needs. */
const MIN_HISTORY = 7;
/** Smallest median province daily total for which the province's daily level is divided out. */
const MIN_PROVINCE_LEVEL = 50;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function findAnomalies(options: {
  db: Db;
  units: string[];
  indicators: Indicator[];
  window: { from: string; to: string };
  period: { from: string; to: string };
  /** Province total of each indicator per day in the window: indicator id → day → value. */
  provinceDaily: Map<number, Map<string, number>>;
  threshold?: number;
}): Anomaly[] {
  const threshold = options.threshold ?? ANOMALY_THRESHOLD;
  const wFrom = parseIsoDay(options.window.from)!;
  const wTo = parseIsoDay(options.window.to)!;
  const pFrom = parseIsoDay(options.period.from)!;
  const pTo = parseIsoDay(options.period.to)!;
  const byId = new Map(options.indicators.map((i) => [i.id, i]));
  const unitSet = new Set(options.units.map(Number));

  // The province's level per indicator and day, relative to its median day.
  const level = new Map<number, Map<number, number>>();
  for (const [id, daily] of options.provinceDaily) {
    const vals = [...daily.values()];
    const m = median(vals);
    // A province level from a handful of cases a day is noise, not a rhythm: left at 1.
    if (!(m >= MIN_PROVINCE_LEVEL)) continue;
    const perDay = new Map<number, number>();
    for (const [d, v] of daily) perDay.set(parseIsoDay(d)!, v > 0 ? v / m : 1);
    level.set(id, perDay);
  }

  // Each (unit, indicator) series, read from the packed day columns (a campaign of the whole
  // province is some 640k facts: row by row from the fact table takes seconds).
  const series = new Map<number, { days: number[]; values: number[] }>();
  for (const col of readDayColumnRange(options.db, wFrom, wTo)) {
    const { regions, indicators, values } = col;
    for (let k = 0; k < values.length; k++) {
      const region = regions[k]!;
      const ind = indicators[k]!;
      if (!unitSet.has(region) || !byId.has(ind)) continue;
      const key = region * 65536 + ind;
      let s = series.get(key);
      if (!s) series.set(key, (s = { days: [], values: [] }));
      s.days.push(col.day);
      s.values.push(values[k]!);
    }
  }

  const out: Anomaly[] = [];
  for (const [key, s] of series) {
    const n = s.values.length;
    if (n - 1 < MIN_HISTORY) continue;
    const region = Math.floor(key / 65536);
    const indId = key % 65536;
    const ind = byId.get(indId)!;
    const lv = level.get(indId);
    const f = (day: number) => lv?.get(day) ?? 1;
    const scaled = s.values.map((v, i) => v / f(s.days[i]!));
    const sorted = Float64Array.from(scaled).sort();
    for (let i = 0; i < n; i++) {
      const day = s.days[i]!;
      if (day < pFrom || day > pTo) continue;
      const value = s.values[i]!;
      // The unit's other days: the sorted history without this day's value.
      const { median: med, mad } = medianAndMadWithout(sorted, lowerBound(sorted, scaled[i]!));
      // In the day's own terms: expected value and spread; counts spread at least like a Poisson count.
      const k = f(day);
      const expected = med * k;
      const spread = Math.max(1.4826 * mad * k, Math.sqrt(Math.max(expected, 1)));
      const score = Math.abs(value - expected) / spread;
      if (score <= threshold) continue;
      out.push({
        region_code: String(region),
        day: isoDay(day),
        indicator: ind,
        value,
        median: round(expected, ind.unit),
        expectedLow: round(Math.max(0, expected - threshold * spread), ind.unit),
        expectedHigh: round(expected + threshold * spread, ind.unit),
        score: Math.round(score * 10) / 10,
      });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Median and median absolute deviation of a sorted series without its element at `skip`, without
 * copying, in logarithmic time: the deviations left of the median (walking down) and right of it
 * (walking up) are each sorted, so the MAD is a k-th smallest of two sorted sequences.
 */
export function medianAndMadWithout(sorted: Float64Array, skip: number): { median: number; mad: number } {
  const n = sorted.length;
  const skipAt = skip >= 0 && skip < n ? skip : n;
  const m = skipAt < n ? n - 1 : n;
  if (m <= 0) return { median: NaN, mad: NaN };
  // Position j of the series without the skipped element.
  const at = (j: number) => sorted[j >= skipAt ? j + 1 : j]!;
  const odd = m % 2 === 1;
  const lo = odd ? (m - 1) / 2 : m / 2 - 1;
  const med = odd ? at(lo) : (at(lo) + at(lo + 1)) / 2;
  const left = (i: number) => med - at(lo - i); // i = 0..lo
  const right = (j: number) => at(lo + 1 + j) - med; // j = 0..m-lo-2
  const kth = (k: number) => kthOfTwo(left, lo + 1, right, m - lo - 1, k);
  return { median: med, mad: odd ? kth(lo) : (kth(lo) + kth(lo + 1)) / 2 };
}

/** The k-th smallest (0-based) of two ascending sequences of lengths a and b, read through functions. */
function kthOfTwo(A: (i: number) => number, a: number, B: (j: number) => number, b: number, k: number): number {
  // Take i from A and k + 1 − i from B: the smallest i with A[i] ≥ B[k − i] splits them right.
  let low = Math.max(0, k + 1 - b);
  let high = Math.min(a, k + 1);
  while (low < high) {
    const i = (low + high) >> 1;
    if (A(i) < B(k - i)) low = i + 1;
    else high = i;
  }
  const j = k + 1 - low;
  return Math.max(low > 0 ? A(low - 1) : -Infinity, j > 0 ? B(j - 1) : -Infinity);
}

function round(x: number, unit: string): number {
  return unit === '克' || unit === '千克' || unit === '万元' ? Math.round(x * 100) / 100 : Math.round(x);
}

/** The days a unit's history is read from: the campaign holding the period (from its start), else the period. */
export function anomalyWindow(campaign: Campaign | null, from: string, to: string): { from: string; to: string } {
  if (!campaign || campaign.from > from) return { from, to };
  return { from: campaign.from, to: campaign.to > to ? campaign.to : to };
}

/** The campaign a period belongs to: the phase's, else one holding it, else one overlapping it. */
export function campaignOfPeriod(resolver: CatalogueResolver, phase: string | undefined, from: string, to: string): Campaign | null {
  const campaigns = resolver.catalogue.campaigns;
  if (phase !== undefined) {
    const p = resolver.resolvePeriod(phase);
    const c = p.ok ? campaigns.find((x) => x.name === p.value.campaign) : undefined;
    if (c) return c;
  }
  return campaigns.find((c) => c.from <= from && to <= c.to) ?? campaigns.find((c) => c.from <= to && from <= c.to) ?? null;
}

/**
 * Anomalies of these units over the period, each unit's history taken from `window`; the
 * province's daily totals (for its rhythm) come from the slice engine.
 */
export function detectAnomalies(options: {
  db: Db;
  resolver: CatalogueResolver;
  source: FactSource;
  units: string[];
  indicators: Indicator[];
  period: { from: string; to: string };
  window: { from: string; to: string };
}): Anomaly[] {
  const { indicators } = options;
  if (indicators.length === 0 || options.units.length === 0) return [];
  const byKey = new Map(indicators.map((i) => [i.key, i.id]));
  const daily = runSlice(options.resolver, options.source, {
    from: options.window.from,
    to: options.window.to,
    indicators: indicators.map((i) => i.key),
    by: ['indicator', 'day'],
  });
  const provinceDaily = new Map<number, Map<string, number>>();
  for (const r of daily.rows) {
    const id = byKey.get(`${r.department}/${r.indicator}`);
    if (id === undefined || r.value === null || r.day === undefined) continue;
    const m = provinceDaily.get(id) ?? new Map<string, number>();
    m.set(r.day, r.value);
    provinceDaily.set(id, m);
  }
  return findAnomalies({ db: options.db, units: options.units, indicators, window: options.window, period: options.period, provinceDaily });
}

/** The anomalies operation: every reporting unit in the filter's scope, listed per city. */
export function runAnomalies(db: Db, resolver: CatalogueResolver, source: FactSource, input: ParsedSliceFilter): AnomaliesResult {
  const filter = resolveFilter(resolver, input);
  const { scope } = filter;
  const period = { from: isoDay(filter.range.from), to: isoDay(filter.range.to) };
  const window = anomalyWindow(campaignOfPeriod(resolver, input.phase, period.from, period.to), period.from, period.to);
  const units = allReportingUnits(resolver.catalogue.regions).filter(
    (u) => scope.all || scope.cities.includes(Number(u.city_code)) || scope.units.includes(Number(u.code)),
  );
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const found = detectAnomalies({ db, resolver, source, units: units.map((u) => u.code), indicators: filter.indicators, period, window });
  const cities: CityAnomalies[] = [];
  const cityOf = new Map<string, CityAnomalies>();
  for (const u of units) {
    if (cityOf.has(u.city_code)) continue;
    const c: CityAnomalies = { city_code: u.city_code, city_name: u.city_name, anomalies: [] };
    cityOf.set(u.city_code, c);
    cities.push(c);
  }
  for (const a of found) {
    const u = unitByCode.get(a.region_code)!;
    cityOf.get(u.city_code)!.anomalies.push({
      region_code: u.code,
      region_name: u.name,
      city_code: u.city_code,
      city_name: u.city_name,
      day: a.day,
      department: a.indicator.department,
      indicator: a.indicator.name,
      indicator_key: a.indicator.key,
      unit: a.indicator.unit,
      value: a.value,
      expected: a.median,
      expected_low: a.expectedLow,
      expected_high: a.expectedHigh,
      score: a.score,
    });
  }
  return { period, window, threshold: ANOMALY_THRESHOLD, total: found.length, cities };
}
