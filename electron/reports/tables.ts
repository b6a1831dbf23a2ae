// Table builders shared by the report types.
import type { Indicator } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import { tidy } from '../query/slice';
import { cell, type Cell, type Column, type ReportTable } from './model';
import { rankValues } from './narrative';

export const indicatorKey = (department: string | undefined, name: string | undefined) => `${department}/${name}`;

export function indicatorColumn(ind: Indicator): Column {
  return { header: `${ind.name}（${ind.unit}）`, kind: 'number', unit: ind.unit };
}

/** Values of slice rows grouped by region and indicator: region code → indicator key → value. */
export function byRegion(rows: SliceRow[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const m = out.get(r.region_code!) ?? new Map<string, number | null>();
    m.set(indicatorKey(r.department, r.indicator), r.value);
    out.set(r.region_code!, m);
  }
  return out;
}

/**
 * Regions down, indicators across, a 合计 row summing every region of the slice (including rows
 * not listed, such as 省厅直属). `mark`: the top and bottom three of each column among the listed regions.
 */
export function regionIndicatorTable(options: {
  title: string;
  sheetName: string;
  regionHeader: string;
  regions: { code: string; name: string }[];
  rows: SliceRow[];
  indicators: Indicator[];
  mark?: boolean;
  note?: string;
  totalsLabel?: string;
}): ReportTable {
  const values = byRegion(options.rows);
  const marks = options.indicators.map((ind) =>
    options.mark ? rankValues(options.regions.map((r) => ({ key: r.code, value: values.get(r.code)?.get(ind.key) ?? null }))) : null,
  );
  const rows: Cell[][] = options.regions.map((r) => [
    cell(r.name),
    ...options.indicators.map((ind, i) => {
      const v = values.get(r.code)?.get(ind.key) ?? null;
      const mark = marks[i]?.get(r.code)?.mark;
      return cell(v, mark ? { mark } : {});
    }),
  ]);
  const totals: Cell[] = [
    cell(options.totalsLabel ?? '合计'),
    ...options.indicators.map((ind) => {
      const vs = [...values.values()].map((m) => m.get(ind.key) ?? null).filter((v): v is number => v !== null);
      return cell(vs.length > 0 ? tidy(vs.reduce((a, b) => a + b, 0)) : null);
    }),
  ];
  return {
    title: options.title,
    sheetName: options.sheetName,
    columns: [{ header: options.regionHeader, kind: 'text' }, ...options.indicators.map(indicatorColumn)],
    rows,
    totals,
    keyColumns: 1,
    ...(options.note ? { note: options.note } : {}),
  };
}
