// What the benchmark's reference peers (DuckDB, tuned SQLite) share: their own reading of a slice
// query — names resolved from the catalogue alone (codes, exact names, 部门/指标 keys), their own
// date arithmetic — and the last step from grouped rows to a SliceResult (total, comparison).
// Nothing here calls the product's query code, so a peer that agrees with the engine is evidence.
import type { Catalogue, Indicator, Region } from '../shared/api/catalogue-types';
import type { GroupKey, SliceQuery, SliceResult, SliceRow, SliceTotal } from '../shared/api/slice';
import { isoDay, parseIsoDay } from '../shared/dates';

export interface DayRange {
  from: number;
  to: number;
}

export interface PeerPlan {
  /** Group keys, repeats dropped, in the query's order. */
  by: GroupKey[];
  range: DayRange;
  /** yoy: a base day stands for the same calendar date a year later; prev: `days` days later. */
  compare: { kind: 'yoy'; base: DayRange } | { kind: 'prev'; base: DayRange; days: number } | null;
  indicators: Indicator[];
  /** null: every region. */
  scope: { cities: number[]; units: number[] } | null;
  /** The one unit of all selected indicators, or null when they differ (no total). */
  unit: string | null;
  byTime: boolean;
}

export function planPeerQuery(catalogue: Catalogue, query: SliceQuery): PeerPlan {
  const by = [...new Set(query.by ?? [])];
  const range = period(catalogue, query);
  const indicators = chooseIndicators(catalogue, query);
  const regions = (query.regions ?? []).map((r) => findRegion(catalogue, r));
  const scope =
    regions.length > 0 && !regions.some((r) => r.level === 'province')
      ? {
          cities: regions.filter((r) => r.level === 'city').map((r) => Number(r.code)),
          units: regions.filter((r) => r.level === 'county').map((r) => Number(r.code)),
        }
      : null;
  const units = new Set(indicators.map((i) => i.unit));
  let compare: PeerPlan['compare'] = null;
  if (query.compare === 'yoy') compare = { kind: 'yoy', base: { from: addYears(range.from, -1), to: addYears(range.to, -1) } };
  else if (query.compare === 'prev') {
    const days = range.to - range.from + 1;
    compare = { kind: 'prev', base: { from: range.from - days, to: range.from - 1 }, days };
  }
  return {
    by,
    range,
    compare,
    indicators,
    scope,
    unit: units.size === 1 ? [...units][0]! : null,
    byTime: by.some((k) => k === 'day' || k === 'week' || k === 'month' || k === 'phase'),
  };
}

/**
 * The grouped rows (values and bases already summed and rounded by the peer) as a SliceResult:
 * change and percentage per row, and the total when all indicators share a unit.
 */
export function finishPeerResult(plan: PeerPlan, rows: SliceRow[]): SliceResult {
  let value: number | null = null;
  let base: number | null = null;
  for (const r of rows) {
    if (r.value !== null) value = (value ?? 0) + r.value;
    if (r.base !== null && r.base !== undefined) base = (base ?? 0) + r.base;
  }
  const total: SliceTotal = { unit: plan.unit, value: plan.unit === null ? null : round3(value) };
  if (plan.compare) {
    const b = plan.unit === null ? null : round3(base);
    const change = total.value !== null && b !== null ? round3(total.value - b) : null;
    Object.assign(total, { base: b, change, change_pct: change !== null && b ? (change / b) * 100 : null });
  }
  return {
    rows,
    total,
    period: {
      from: isoDay(plan.range.from),
      to: isoDay(plan.range.to),
      ...(plan.compare ? { base: { from: isoDay(plan.compare.base.from), to: isoDay(plan.compare.base.to) } } : {}),
    },
  };
}

const LABELS = ['region_code', 'region_name', 'department', 'indicator', 'unit', 'day', 'week', 'month', 'phase'] as const;
const NUMBERS = ['base', 'change', 'change_pct'] as const;

/** A row as a database driver returns it (column name → JS value) as a SliceRow; throws on a stray type. */
export function sliceRowOf(record: Record<string, unknown>): SliceRow {
  const num = (field: string): number | null => {
    const v = record[field];
    if (v === null || typeof v === 'number') return v;
    throw new Error(`peer: column ${field} is ${typeof v}, not a number`);
  };
  const row: SliceRow = { value: num('value') };
  for (const f of LABELS) {
    const v = record[f];
    if (typeof v === 'string') row[f] = v;
  }
  for (const f of NUMBERS) if (f in record) row[f] = num(f);
  return row;
}

export function round3(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}

function period(catalogue: Catalogue, q: SliceQuery): DayRange {
  if (q.phase !== undefined) {
    for (const c of catalogue.campaigns) {
      const p = c.name === q.phase ? c : c.phases.find((x) => x.name === q.phase);
      if (p) return { from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)! };
    }
    throw new Error(`peer: unknown phase ${q.phase}`);
  }
  return { from: parseIsoDay(q.from!)!, to: parseIsoDay(q.to!)! };
}

function findRegion(catalogue: Catalogue, text: string): Region {
  const found = catalogue.regions.filter((r) => r.code === text || r.name === text);
  if (found.length !== 1) throw new Error(`peer: region ${text} matches ${found.length} regions (use a code or a unique name)`);
  return found[0]!;
}

function chooseIndicators(catalogue: Catalogue, q: SliceQuery): Indicator[] {
  const depts = q.departments ?? [];
  const names = q.indicators ?? [];
  const chosen = names.length > 0 ? names.map((n) => findIndicator(catalogue, n)) : catalogue.indicators;
  const ids = new Set(chosen.filter((i) => depts.length === 0 || depts.includes(i.department)).map((i) => i.id));
  return catalogue.indicators.filter((i) => ids.has(i.id));
}

function findIndicator(catalogue: Catalogue, key: string): Indicator {
  const found = catalogue.indicators.find((i) => i.key === key);
  if (!found) throw new Error(`peer: unknown indicator ${key} (write 部门/指标)`);
  return found;
}

/** The same calendar date `years` later; 29 February becomes the 28th. */
export function addYears(day: number, years: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / 86_400_000);
}

/** A string literal for SQL text built from the catalogue (never from user input). */
export function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
