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
import type { Indicator } from '../../shared/api/catalogue-types';
import { parseIsoDay, isoDay } from '../../shared/dates';

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
  const facts = options.db
    .prepare(
      `SELECT region_code AS region, indicator_id AS ind, day, value FROM fact
        WHERE day BETWEEN ? AND ?
          AND region_code IN (SELECT value FROM json_each(?))
          AND indicator_id IN (SELECT value FROM json_each(?))`,
    )
    .all(wFrom, wTo, JSON.stringify(options.units.map(Number)), JSON.stringify([...byId.keys()])) as {
    region: number;
    ind: number;
    day: number;
    value: number;
  }[];

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

  const series = new Map<string, { day: number; value: number }[]>();
  for (const f of facts) {
    const key = `${f.region}:${f.ind}`;
    const list = series.get(key);
    if (list) list.push(f);
    else series.set(key, [f]);
  }

  const out: Anomaly[] = [];
  for (const [key, list] of series) {
    const [region, indId] = key.split(':').map(Number) as [number, number];
    const ind = byId.get(indId)!;
    const lv = level.get(indId);
    const f = (day: number) => lv?.get(day) ?? 1;
    const scaled = list.map((p) => p.value / f(p.day));
    const sorted = Float64Array.from(scaled).sort();
    list.forEach((p, i) => {
      if (p.day < pFrom || p.day > pTo || list.length - 1 < MIN_HISTORY) return;
      // The unit's other days: the sorted history without this day's value.
      const others = withoutOne(sorted, scaled[i]!);
      const med = median(others);
      const mad = median(others.map((x) => Math.abs(x - med)));
      // In the day's own terms: expected value and spread; counts spread at least like a Poisson count.
      const k = f(p.day);
      const expected = med * k;
      const spread = Math.max(1.4826 * mad * k, Math.sqrt(Math.max(expected, 1)));
      const score = Math.abs(p.value - expected) / spread;
      if (score <= threshold) return;
      out.push({
        region_code: String(region),
        day: isoDay(p.day),
        indicator: ind,
        value: p.value,
        median: round(expected, ind.unit),
        expectedLow: round(Math.max(0, expected - threshold * spread), ind.unit),
        expectedHigh: round(expected + threshold * spread, ind.unit),
        score: Math.round(score * 10) / 10,
      });
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

function withoutOne(sorted: Float64Array, value: number): number[] {
  const out = Array.from(sorted);
  const at = out.indexOf(value);
  if (at >= 0) out.splice(at, 1);
  return out;
}

function round(x: number, unit: string): number {
  return unit === '克' || unit === '千克' || unit === '万元' ? Math.round(x * 100) / 100 : Math.round(x);
}
