// The 数据完整性 view's pure logic: the unit × day status grid built from the completeness result
// (which lists only the gaps), the per-unit table's sorting, a unit's gaps, and the date ticks of
// the matrix header spaced so that they never touch.
import type { CompletenessGap, CompletenessResult, UnitReportingRate } from '../../shared/api/slice';
import type { AnomalyRow } from '../../shared/api/anomalies';
import { daysBetween } from './sparkline';

export const STATUS_REPORTED = 0;
export const STATUS_PARTIAL = 1;
export const STATUS_MISSING = 2;

export const STATUS_LABELS = ['已报送', '部分报送', '缺报'] as const;

export interface CompletenessMatrix {
  units: UnitReportingRate[];
  days: string[];
  /** status[unit * days.length + day]. */
  status: Uint8Array;
  /** `${region_code}|${day}` → the gap there. */
  gaps: Map<string, CompletenessGap>;
}

export const gapKey = (code: string, day: string) => `${code}|${day}`;

/** The grid of every unit in the result (or only those with a gap) × every day of the period. */
export function completenessMatrix(result: CompletenessResult, onlyGaps = false): CompletenessMatrix {
  const days = daysBetween(result.period.from, result.period.to);
  const units = onlyGaps ? result.unit_rates.filter((u) => u.missing_days + u.partial_days > 0) : result.unit_rates;
  const row = new Map(units.map((u, i) => [u.region_code, i]));
  const col = new Map(days.map((d, i) => [d, i]));
  const status = new Uint8Array(units.length * days.length);
  const gaps = new Map<string, CompletenessGap>();
  const mark = (g: CompletenessGap, s: number) => {
    gaps.set(gapKey(g.region_code, g.day), g);
    const y = row.get(g.region_code);
    const x = col.get(g.day);
    if (y !== undefined && x !== undefined) status[y * days.length + x] = s;
  };
  for (const g of result.missing) mark(g, STATUS_MISSING);
  for (const g of result.partial) mark(g, STATUS_PARTIAL);
  return { units, days, status, gaps };
}

export function statusAt(m: CompletenessMatrix, unit: number, day: number): number {
  return m.status[unit * m.days.length + day] ?? STATUS_REPORTED;
}

/** The indicators a gap lacks, in words: 全部 51 项, or 禁毒：出动警力、涉毒检测；交警：… */
export function missingText(g: CompletenessGap): string {
  if (g.reported === 0) return `全部 ${g.expected} 项`;
  const byDept = new Map<string, string[]>();
  for (const key of g.missing_indicators ?? []) {
    const at = key.indexOf('/');
    const dept = key.slice(0, Math.max(0, at));
    byDept.set(dept, [...(byDept.get(dept) ?? []), key.slice(at + 1)]);
  }
  return [...byDept].map(([d, names]) => `${d ? `${d}：` : ''}${names.join('、')}`).join('；');
}

/** One sentence for a matrix cell: 交城县（吕梁市）· 2023-07-03 · 缺报. */
export function cellText(m: CompletenessMatrix, unit: number, day: number): string {
  const u = m.units[unit];
  const d = m.days[day];
  if (!u || !d) return '';
  const s = statusAt(m, unit, day);
  const head = `${u.region_name}（${u.city_name}）· ${d} · ${STATUS_LABELS[s]}`;
  const g = m.gaps.get(gapKey(u.region_code, d));
  if (s === STATUS_PARTIAL && g) return `${head}：缺 ${g.expected - g.reported} 项（${missingText(g)}）`;
  return head;
}

export type UnitSortKey = 'unit' | 'expected_days' | 'reported_days' | 'rate' | 'missing_days' | 'partial_days' | 'last_reported_day';
export type SortDir = 'asc' | 'desc';
export interface UnitSort {
  key: UnitSortKey;
  dir: SortDir;
}

/** Rows sorted by a column; ties (and 'unit') keep the result's order: city by city, counties then 市本级. */
export function sortUnits(rows: readonly UnitReportingRate[], sort: UnitSort): UnitReportingRate[] {
  const order = new Map(rows.map((r, i) => [r.region_code, i]));
  const sign = sort.dir === 'asc' ? 1 : -1;
  const value = (r: UnitReportingRate): number | string => {
    switch (sort.key) {
      case 'unit':
        return order.get(r.region_code) ?? 0;
      case 'last_reported_day':
        // Never reported sorts before any day.
        return r.last_reported_day ?? '';
      default:
        return r[sort.key];
    }
  };
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return c !== 0 ? sign * c : (order.get(a.region_code) ?? 0) - (order.get(b.region_code) ?? 0);
  });
}

/** A click on a header: that column ascending, or the other way round if it already sorts. */
export function nextSort(current: UnitSort, key: UnitSortKey): UnitSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: 'asc' };
}

export interface UnitGaps {
  missing: string[];
  partial: CompletenessGap[];
}

export function gapsOfUnit(result: CompletenessResult, code: string): UnitGaps {
  return {
    missing: result.missing
      .filter((g) => g.region_code === code)
      .map((g) => g.day)
      .sort(),
    partial: result.partial.filter((g) => g.region_code === code).sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}

/** Consecutive days as ranges: 2023-07-03 至 2023-07-05、2023-07-20. */
export function dayRanges(days: readonly string[]): string[] {
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const next = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
  const close = () => {
    if (start !== null && prev !== null) out.push(start === prev ? start : `${start} 至 ${prev}`);
  };
  for (const d of [...days].sort()) {
    if (prev !== null && next(prev) === d) {
      prev = d;
      continue;
    }
    close();
    start = d;
    prev = d;
  }
  close();
  return out;
}

/**
 * Which days the matrix header labels: every `step`-th day, the step the smallest of 1, 2, 7, 14,
 * 28 … days whose labels (MM-DD, `minGap` px) fit in step × cellWidth.
 */
export function dayTicks(days: readonly string[], cellWidth: number, minGap = 40): { index: number; label: string }[] {
  const steps = [1, 2, 7, 14, 28, 56, 91, 182, 364];
  const step = steps.find((s) => s * cellWidth >= minGap) ?? Math.ceil(minGap / Math.max(cellWidth, 0.1));
  const out: { index: number; label: string }[] = [];
  for (let i = 0; i < days.length; i += step) out.push({ index: i, label: days[i]!.slice(5) });
  return out;
}

export type AnomalySortKey = 'unit' | 'day' | 'indicator' | 'value' | 'score';

export function sortAnomalies(rows: readonly AnomalyRow[], sort: { key: AnomalySortKey; dir: SortDir }): AnomalyRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const value = (r: AnomalyRow): number | string => {
    switch (sort.key) {
      case 'unit':
        return `${r.city_code}${r.region_code}`;
      case 'day':
        return r.day;
      case 'indicator':
        return r.indicator_key;
      case 'value':
        return r.value;
      case 'score':
        return r.score;
    }
  };
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return c !== 0 ? sign * c : b.score - a.score;
  });
}
