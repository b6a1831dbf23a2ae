// The slice query: filter, group by any keys, compare with a base period, total.
import {
  type Compare,
  type GroupKey,
  type ParsedSliceQuery,
  type SliceQuery,
  type SliceResult,
  type SliceRow,
  type SliceTotal,
} from '../../shared/api/slice';
import type { Indicator } from '../../shared/api/catalogue-types';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { addYears, isoDay, isoMonth, isoWeek, parseIsoDay, rangeLength, type DayRange } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import { resolveFilter } from './resolve-filter';
import { parseOperationInput } from '../../shared/api/parse-input';
import { makeRegionLabeller, type RegionLabeller } from './region-labels';
import type { AggregateRow, FactSource, RegionGrain } from './fact-source';
import { assertSliceSize } from './slice-size';

const REGION_KEYS: readonly GroupKey[] = ['region:province', 'region:city', 'region:county'];
const TIME_KEYS: readonly GroupKey[] = ['day', 'week', 'month', 'phase'];
export const OUTSIDE_PHASES = '（阶段外）';

/** A row's group-key fields, before its values are known. */
type RowKeys = Omit<SliceRow, 'value' | 'base' | 'change' | 'change_pct'>;

interface Bucket {
  row: RowKeys;
  order: (number | string)[];
  value: number | null;
  base: number | null;
}

/** Rounds away float noise; the finest unit keeps 3 decimals. */
export function tidy(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function comparison(value: number | null, base: number | null): Pick<SliceRow, 'base' | 'change' | 'change_pct'> {
  const change = value !== null && base !== null ? tidy(value - base) : null;
  const change_pct = change !== null && base !== null && base !== 0 ? (change / base) * 100 : null;
  return { base, change, change_pct };
}

export function baseRange(range: DayRange, compare: Compare): { base: DayRange; toCurrent: (day: number) => number } {
  if (compare === 'yoy') {
    return { base: { from: addYears(range.from, -1), to: addYears(range.to, -1) }, toCurrent: (d) => addYears(d, 1) };
  }
  const n = rangeLength(range);
  return { base: { from: range.from - n, to: range.from - 1 }, toCurrent: (d) => d + n };
}

/** A query as a library caller writes it (tests, the benchmark): validated here, then run. */
export function runSlice(resolver: CatalogueResolver, source: FactSource, input: SliceQuery): SliceResult {
  return runParsedSlice(resolver, source, parseOperationInput('query', input));
}

/** A query validated where the call entered (the core's handlers). */
export function runParsedSlice(resolver: CatalogueResolver, source: FactSource, query: ParsedSliceQuery): SliceResult {
  const by = [...new Set(query.by)];
  const compare = query.compare;
  const filter = resolveFilter(resolver, query);

  const regionKeys = by.filter((k) => REGION_KEYS.includes(k));
  if (regionKeys.length > 1) throw new UserError(`只能按一个地区层级分组（收到：${regionKeys.join('、')}）`);
  const units = [...new Set(filter.indicators.map((i) => i.unit))];
  if (!by.includes('indicator') && units.length > 1) {
    throw new UserError(
      `所选指标的单位不同（${units.join('、')}），不能相加为一个数；请按指标分组（--by indicator），或只选同一单位的指标`,
    );
  }

  assertSliceSize(resolver.catalogue, filter, by);

  const regionGrain: RegionGrain = by.includes('region:county') ? 'unit' : by.includes('region:city') ? 'city' : 'none';
  const byTime = by.some((k) => TIME_KEYS.includes(k));
  const indicatorById = new Map(filter.indicators.map((i) => [i.id, i]));
  const labeller = makeRegionLabeller(resolver, filter.selection);
  const keyer = makeKeyer(resolver, by, regionGrain, labeller);
  const bucket = byTime ? makeBucketer(resolver, by) : null;
  const request = { scope: filter.scope, indicatorIds: [...indicatorById.keys()], regionGrain };

  const buckets = new Map<number, Bucket>();
  const add = (rows: AggregateRow[], field: 'value' | 'base') => {
    for (const a of rows) {
      const key = keyer.key(a.region, a.indicatorId, a.day);
      let b = buckets.get(key);
      if (!b) {
        const { row, order } = keyer.describe(a.region, indicatorById.get(a.indicatorId)!, a.day);
        buckets.set(key, (b = { row, order, value: null, base: null }));
      }
      b[field] = (b[field] ?? 0) + a.value;
    }
  };
  add(source.aggregate({ ...request, range: filter.range, bucket }), 'value');

  let basePeriod: DayRange | undefined;
  if (compare) {
    const { base, toCurrent } = baseRange(filter.range, compare);
    basePeriod = base;
    // Base days are bucketed as the current days they stand for, so rows line up.
    add(source.aggregate({ ...request, range: base, bucket: bucket && ((d) => bucket(toCurrent(d))) }), 'base');
  }

  const sorted = [...buckets.values()].sort((a, b) => compareOrder(a.order, b.order));
  const rows = sorted.map((b) => finishRow(b.row, b.value, b.base, compare !== undefined));

  const sum = (field: 'value' | 'base'): number | null =>
    sorted.some((b) => b[field] !== null) ? tidy(sorted.reduce((s, b) => s + (b[field] ?? 0), 0)) : null;
  const sameUnit = units.length === 1;
  const total: SliceTotal = { unit: sameUnit ? units[0]! : null, value: sameUnit ? sum('value') : null };
  if (compare) Object.assign(total, sameUnit ? comparison(total.value, sum('base')) : { base: null, change: null, change_pct: null });
  const held = labeller.total();
  if (held) Object.assign(total, held);

  return {
    rows,
    total,
    period: {
      from: isoDay(filter.range.from),
      to: isoDay(filter.range.to),
      ...(basePeriod ? { base: { from: isoDay(basePeriod.from), to: isoDay(basePeriod.to) } } : {}),
    },
  };
}

/** Completes a bucket's row in place (the row object is the bucket's own): value, then comparison. */
function finishRow(row: RowKeys, value: number | null, base: number | null, withCompare: boolean): SliceRow {
  const out = row as SliceRow;
  const v = value === null ? null : tidy(value);
  out.value = v;
  if (withCompare) {
    const c = comparison(v, base === null ? null : tidy(base));
    out.base = c.base;
    out.change = c.change;
    out.change_pct = c.change_pct;
  }
  return out;
}

function compareOrder(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function phaseRanges(resolver: CatalogueResolver) {
  return resolver.catalogue.campaigns
    .flatMap((c) => c.phases)
    .map((p, i) => ({ name: p.name, from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)!, order: i }));
}

/**
 * Maps a day to the first day seen with the same time labels (day, week, month, phase), so that
 * the aggregation groups by one number and the labels are computed once per output row. The
 * labels are compared as one number made of each key's part (the week's Monday, year × 12 +
 * month, the phase's position): a query over years asks this for every day.
 */
export function makeBucketer(resolver: CatalogueResolver, by: GroupKey[]): (day: number) => number {
  // A day is its own bucket: its week, month and phase follow from it.
  if (by.includes('day')) return (day) => day;
  const phases = phaseRanges(resolver);
  const byWeek = by.includes('week');
  const byMonth = by.includes('month');
  const byPhase = by.includes('phase');
  const firstDay = new Map<number, number>();
  // The plain path asks once per fact row, so per day the answer is kept.
  const memo = new Map<number, number>();
  return (day) => {
    const known = memo.get(day);
    if (known !== undefined) return known;
    let label = 0;
    // ISO weeks start on Monday; day 0 (1970-01-01) was a Thursday. Below 2^21 after the offset.
    if (byWeek) label = day - ((((day + 3) % 7) + 7) % 7) + 2 ** 20;
    if (byMonth) {
      const d = new Date(day * 86_400_000);
      label = label * 2 ** 16 + d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    if (byPhase) {
      let p = 0;
      while (p < phases.length && !(day >= phases[p]!.from && day <= phases[p]!.to)) p++;
      label = label * 2 ** 12 + p; // phases.length: outside every phase
    }
    let b = firstDay.get(label);
    if (b === undefined) firstDay.set(label, (b = day));
    memo.set(day, b);
    return b;
  };
}

/** Days since 1970 below this fit the group key (until the year 2687). */
const KEY_DAYS = 2 ** 18;

/**
 * For an aggregate row: its group key — one number made of the positions of its region,
 * indicator, department and time bucket, counting only the grouped ones — and, once per group,
 * the row's key fields and its sort order.
 */
function makeKeyer(resolver: CatalogueResolver, by: GroupKey[], grain: RegionGrain, labeller: RegionLabeller) {
  const catalogue = resolver.catalogue;
  const regionSort = new Map(catalogue.regions.map((r, i) => [r.code, i]));
  const deptSort = new Map(catalogue.departments.map((d, i) => [d.name, i]));
  const indSort = new Map(catalogue.indicators.map((d, i) => [d.id, i]));
  const phases = phaseRanges(resolver);
  const province = catalogue.regions.find((r) => r.level === 'province')!;

  const R = catalogue.regions.length + 1;
  const I = catalogue.indicators.length + 1;
  const D = catalogue.departments.length + 1;
  if (R * I * D * KEY_DAYS > Number.MAX_SAFE_INTEGER) throw new Error('catalogue too large for the numeric group key');
  const regionPart = new Map(catalogue.regions.map((r, i) => [Number(r.code), i + 1]));
  const indicatorPart = new Map(
    catalogue.indicators.map((ind, i) => [ind.id, { ind: i + 1, dept: (deptSort.get(ind.department) ?? -1) + 1 }]),
  );
  const byRegion = by.includes('region:city') || by.includes('region:county');
  const byIndicator = by.includes('indicator');
  const byDepartment = by.includes('department');
  const byTime = by.some((k) => TIME_KEYS.includes(k));
  const key = (region: number, indicatorId: number, day: number): number => {
    const ip = indicatorPart.get(indicatorId)!;
    const r = byRegion ? regionPart.get(region)! : 0;
    const i = byIndicator ? ip.ind : 0;
    const d = byDepartment ? ip.dept : 0;
    return ((r * I + i) * D + d) * KEY_DAYS + (byTime ? day : 0);
  };

  const describe = (region: number, ind: Indicator, day: number) => {
    const row: RowKeys = {};
    const order: (number | string)[] = [];
    for (const k of by) {
      switch (k) {
        case 'region:province':
          row.region_code = province.code;
          Object.assign(row, labeller.provinceRow());
          order.push(0);
          break;
        case 'region:city':
        case 'region:county': {
          const code = String(region);
          row.region_code = code;
          // Named for what the row holds: a part of a city, or a unit with its city.
          Object.assign(row, grain === 'unit' ? labeller.unitRow(code) : labeller.cityRow(code));
          // Counties under their city, the city's own units (市本级) after them, 省厅直属 last.
          const r = resolver.region(code)!;
          const sort = regionSort.get(code)!;
          if (r.level === 'province') order.push(Number.MAX_SAFE_INTEGER);
          else if (grain === 'unit') order.push(regionSort.get(r.city!)! * 1000 + (r.level === 'city' ? 999 : sort));
          else order.push(sort);
          break;
        }
        case 'department':
          row.department = ind.department;
          order.push(deptSort.get(ind.department)!);
          break;
        case 'indicator':
          row.department = ind.department;
          row.indicator = ind.name;
          row.unit = ind.unit;
          order.push(indSort.get(ind.id)!);
          break;
        case 'day':
          row.day = isoDay(day);
          order.push(day);
          break;
        case 'week':
          row.week = isoWeek(day);
          order.push(row.week);
          break;
        case 'month':
          row.month = isoMonth(day);
          order.push(row.month);
          break;
        case 'phase': {
          const p = phases.find((x) => day >= x.from && day <= x.to);
          row.phase = p ? p.name : OUTSIDE_PHASES;
          order.push(p ? p.order : Number.MAX_SAFE_INTEGER);
          break;
        }
      }
    }
    if (!by.includes('indicator')) row.unit = ind.unit; // one unit for all rows, checked above
    return { row, order };
  };
  return { key, describe };
}
