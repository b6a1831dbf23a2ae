// Slice rows (grouped by the grid's rows and by indicator) pivoted into grid rows: one row per
// region / department / day, one set of fields per indicator.
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import type { SliceResult, SliceRow, SliceValues } from '../../shared/api/slice';
import { COUNTY_DAY_ROWS } from '../../shared/api/views';
import type { RowsBy } from '../state/view-state';

export interface CellValues {
  value: number | null;
  base: number | null;
  change: number | null;
  change_pct: number | null;
}

export interface GridRow {
  /** Unique row id: region code, department name, day, region and day, or TOTAL_ROW_ID. */
  id: string;
  label: string;
  /** The day of a row of the county × day listing (its second key column). */
  day?: string;
  /** The region code a row stands for (drillable), when rows are regions. */
  regionCode: string | null;
  /** County rows: the city the unit belongs to (the grid's 市 column). */
  city?: string;
  /** A row that holds part of its region: the selected regions inside it (the slice's region_scope). */
  scope?: string[];
  /** Indicators as rows: the row's indicator (its id keys `cells`), department and unit. */
  indicatorId?: number;
  department?: string;
  unit?: string;
  cells: Record<number, CellValues>;
}

export const TOTAL_ROW_ID = '__total';

export function indicatorKeyOf(row: Pick<SliceRow, 'department' | 'indicator'>): string {
  return `${row.department ?? ''}/${row.indicator ?? ''}`;
}

function cellOf(v: SliceValues): CellValues {
  return { value: v.value, base: v.base ?? null, change: v.change ?? null, change_pct: v.change_pct ?? null };
}

/** A region row's city and, when it holds part of its region, what it holds. */
function regionExtras(row: SliceRow): Pick<GridRow, 'city' | 'scope'> {
  return {
    ...(row.city_name !== undefined ? { city: row.city_name } : {}),
    ...(row.region_scope !== undefined ? { scope: row.region_scope } : {}),
  };
}

function rowIdentity(
  row: SliceRow,
  rowsBy: RowsBy,
): { id: string; label: string; regionCode: string | null; day?: string; city?: string; scope?: string[] } {
  switch (rowsBy) {
    case COUNTY_DAY_ROWS:
      return {
        id: `${row.region_code ?? ''}|${row.day ?? ''}`,
        label: row.region_name ?? row.region_code ?? '',
        regionCode: row.region_code ?? null,
        day: row.day ?? '',
        ...regionExtras(row),
      };
    case 'region:city':
    case 'region:county':
      return {
        id: `${row.region_code ?? ''}:${row.region_name ?? ''}`,
        label: row.region_name ?? row.region_code ?? '',
        regionCode: row.region_code ?? null,
        ...regionExtras(row),
      };
    case 'department':
      return { id: row.department ?? '', label: row.department ?? '', regionCode: null };
    case 'day':
      return { id: row.day ?? '', label: row.day ?? '', regionCode: null };
    case 'week':
      return { id: row.week ?? '', label: row.week ?? '', regionCode: null };
    case 'indicator':
      return { id: indicatorKeyOf(row), label: row.indicator ?? '', regionCode: null };
  }
}

export interface PivotResult {
  rows: GridRow[];
  /** Indicators that have columns, in catalogue order. */
  indicators: Indicator[];
}

/**
 * Rows keep the query's order (the engine sorts regions, departments and days). `indicators` are
 * the columns: the filter's indicators, so a column with no reports still shows as empty.
 */
export function pivotSlice(catalogue: Catalogue, result: SliceResult, rowsBy: RowsBy, indicators: Indicator[]): PivotResult {
  if (rowsBy === 'indicator') return { rows: indicatorRows(result, indicators), indicators };
  const byKey = new Map(catalogue.indicators.map((i) => [i.key, i]));
  const rows = new Map<string, GridRow>();
  for (const r of result.rows) {
    const ind = byKey.get(indicatorKeyOf(r));
    if (!ind) continue;
    const { id, label, regionCode, day, city, scope } = rowIdentity(r, rowsBy);
    let row = rows.get(id);
    if (!row) {
      row = day === undefined ? { id, label, regionCode, cells: {} } : { id, label, day, regionCode, cells: {} };
      if (city !== undefined) row.city = city;
      if (scope !== undefined) row.scope = scope;
      rows.set(id, row);
    }
    row.cells[ind.id] = cellOf(r);
  }
  return { rows: [...rows.values()], indicators };
}

/**
 * Indicators as rows: one row per indicator of the filter, in catalogue order, with its own unit;
 * an indicator nothing was reported for keeps its row (empty), as its column would.
 */
function indicatorRows(result: SliceResult, indicators: Indicator[]): GridRow[] {
  const answered = new Map(result.rows.map((r) => [indicatorKeyOf(r), r]));
  return indicators.map((ind) => {
    const r = answered.get(ind.key);
    const cells: Record<number, CellValues> = r ? { [ind.id]: cellOf(r) } : {};
    return { id: ind.key, label: ind.name, regionCode: null, indicatorId: ind.id, department: ind.department, unit: ind.unit, cells };
  });
}

/** The pinned total row from the query grouped by indicator alone (so it equals the CLI's totals). */
export function totalRow(catalogue: Catalogue, totals: SliceResult): GridRow {
  const byKey = new Map(catalogue.indicators.map((i) => [i.key, i]));
  const cells: Record<number, CellValues> = {};
  for (const r of totals.rows) {
    const ind = byKey.get(indicatorKeyOf(r));
    if (ind) cells[ind.id] = cellOf(r);
  }
  return { id: TOTAL_ROW_ID, label: '合计', regionCode: null, cells };
}

export interface DepartmentGroup {
  department: string;
  indicators: Indicator[];
}

/** Columns grouped under their department, departments in catalogue order. */
export function groupByDepartment(catalogue: Catalogue, indicators: Indicator[]): DepartmentGroup[] {
  const groups: DepartmentGroup[] = [];
  for (const d of catalogue.departments) {
    const inds = indicators.filter((i) => i.department === d.name);
    if (inds.length > 0) groups.push({ department: d.name, indicators: inds });
  }
  return groups;
}

export type Trend = 'up' | 'down' | 'flat' | null;

export function trendOf(change: number | null): Trend {
  if (change === null) return null;
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}
