// Results in a comparable form: rows keyed by their group keys, values rounded to 3 decimals.
import type { GroupKey, SliceQuery, SliceResult, SliceRow } from '../shared/api/slice';

/** The label runSlice gives days outside every phase. */
export const OUTSIDE_PHASE = '（阶段外）';

export interface Values {
  value: number | null;
  base?: number | null;
}

export interface Canonical {
  rows: Map<string, Values>;
  /** Rows returned; more than rows.size when some group came back twice. */
  count: number;
  /** null when the selected indicators have different units (no total). */
  total: Values | null;
}

const round3 = (x: number | null | undefined): number | null | undefined =>
  x === null || x === undefined ? x : Math.round(x * 1000) / 1000;

function keyField(row: SliceRow, k: GroupKey): string | undefined {
  switch (k) {
    case 'region:province':
    case 'region:city':
    case 'region:county':
      return row.region_code;
    case 'indicator':
      return `${row.department}/${row.indicator}`;
    default:
      return row[k];
  }
}

export function canonicalSlice(query: SliceQuery, result: SliceResult): Canonical {
  const by = [...new Set(query.by ?? [])];
  const pick = (v: { value: number | null; base?: number | null }): Values =>
    query.compare ? { value: v.value, base: v.base ?? null } : { value: v.value };
  const rows = new Map<string, Values>();
  for (const r of result.rows) rows.set(by.map((k) => keyField(r, k)).join('|'), pick(r));
  return { rows, count: result.rows.length, total: result.total.unit === null ? null : pick(result.total) };
}

export interface Difference {
  key: string;
  /** Values per engine; undefined where the engine has no such row. */
  a: Values | undefined;
  b: Values | undefined;
}

const same = (x: Values | undefined, y: Values | undefined): boolean =>
  x !== undefined && y !== undefined && round3(x.value) === round3(y.value) && round3(x.base) === round3(y.base);

/** Rows (and the total, keyed "(total)") whose values differ or that only one side has. */
export function differences(a: Canonical, b: Canonical): Difference[] {
  const out: Difference[] = [];
  for (const key of new Set([...a.rows.keys(), ...b.rows.keys()])) {
    const x = a.rows.get(key);
    const y = b.rows.get(key);
    if (!same(x, y)) out.push({ key, a: x, b: y });
  }
  if (a.count !== a.rows.size || b.count !== b.rows.size) {
    out.push({ key: `(row count: ${a.count} vs ${b.count}, distinct ${a.rows.size} vs ${b.rows.size})`, a: undefined, b: undefined });
  }
  if ((a.total === null) !== (b.total === null) || (a.total && !same(a.total, b.total ?? undefined))) {
    out.push({ key: '(total)', a: a.total ?? undefined, b: b.total ?? undefined });
  }
  return out;
}
