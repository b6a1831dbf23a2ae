// The grid's columns: a label column, then indicators grouped under their department, units in
// the headers; with a comparison, 本期 / 基期 / 增减 / 增减% under each indicator.
import type { CellClassParams, ColDef, ColGroupDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import type { Compare } from '../../shared/api/slice';
import { formatChangePct } from '../../shared/format';
import { formatGridNumber as gridNumber } from '../../shared/format';
import { COUNTY_DAY_ROWS } from '../../shared/api/views';
import type { RowsBy } from '../state/view-state';
import { groupByDepartment, type CellValues, type GridRow } from './pivot';

export type GridColumn = ColDef<GridRow> | ColGroupDef<GridRow>;

export const LABEL_HEADERS: Record<RowsBy, string> = {
  'region:city': '市',
  'region:county': '县区',
  department: '部门',
  day: '日期',
  week: '周',
  indicator: '指标',
  [COUNTY_DAY_ROWS]: '县区',
};

type Field = keyof CellValues;

export function columnId(field: Field, indicatorId: number): string {
  const prefix = field === 'value' ? 'v' : field === 'base' ? 'b' : field === 'change' ? 'c' : 'p';
  return `${prefix}${indicatorId}`;
}

function getter(id: number, field: Field) {
  return (p: ValueGetterParams<GridRow>): number | null => p.data?.cells[id]?.[field] ?? null;
}

function numberFormatter(unit: string) {
  return (p: ValueFormatterParams<GridRow, number | null>): string => gridNumber(p.value ?? null, unit);
}

/** 增减 with an arrow: ▲ 1,242 / ▼ 35; the number itself as formatGridNumber prints it. */
export function changeText(change: number | null, unit: string): string {
  if (change === null) return '—';
  const text = gridNumber(Math.abs(change), unit);
  return change > 0 ? `▲ ${text}` : change < 0 ? `▼ ${text}` : text;
}

function changeFormatter(unit: string) {
  return (p: ValueFormatterParams<GridRow, number | null>): string => changeText(p.value ?? null, unit);
}

const trendRules = {
  'trend-up': (p: CellClassParams<GridRow>) => typeof p.value === 'number' && p.value > 0,
  'trend-down': (p: CellClassParams<GridRow>) => typeof p.value === 'number' && p.value < 0,
};

const NUMBER_CELL = ['num', 'ag-right-aligned-cell'];

function valueColumn(ind: Indicator, field: Field, headerName: string): ColDef<GridRow> {
  const base: ColDef<GridRow> = {
    colId: columnId(field, ind.id),
    headerName,
    headerTooltip: `${ind.department} · ${ind.name}（${ind.unit}）`,
    valueGetter: getter(ind.id, field),
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    width: field === 'value' ? 118 : 100,
    useValueFormatterForExport: false,
  };
  if (field === 'change_pct') {
    return {
      ...base,
      valueFormatter: (p: ValueFormatterParams<GridRow, number | null>) => formatChangePct(p.value ?? null) ?? '—',
      cellClassRules: trendRules,
      width: 104,
    };
  }
  if (field === 'change') return { ...base, valueFormatter: changeFormatter(ind.unit), cellClassRules: trendRules };
  return { ...base, valueFormatter: numberFormatter(ind.unit) };
}

/**
 * Leaf columns are made once per indicator, field and header and then reused: ag-grid compares a
 * column's new definition with the one it has, and only an unchanged one (same functions) spares
 * it from refreshing that column's cells — most of the work when 同比 is switched on or off.
 */
const leafCache = new WeakMap<Indicator, Map<string, ColDef<GridRow>>>();

function leafColumn(ind: Indicator, field: Field, headerName: string): ColDef<GridRow> {
  let byKey = leafCache.get(ind);
  if (!byKey) {
    byKey = new Map();
    leafCache.set(ind, byKey);
  }
  const key = `${field}|${headerName}`;
  let col = byKey.get(key);
  if (!col) {
    col = valueColumn(ind, field, headerName);
    byKey.set(key, col);
  }
  return col;
}

export function isDrillable(row: GridRow | undefined, pinned: string | null | undefined): boolean {
  return !pinned && !!row?.regionCode && row.regionCode !== '140000' && !row.label.endsWith('本级');
}

/** U+2060 WORD JOINER: no line break between the characters it joins. */
const JOINER = '\u2060';

/**
 * A bracketed unit that never breaks inside: 出动民警辅警（人次） may wrap within the name, but
 * never between 人 and 次 (CJK text may otherwise break between any two characters).
 */
export function unbreakable(text: string): string {
  return [...text].join(JOINER);
}

/** Header text without the joiners (CSV headers, comparisons in tests). */
export function plainHeader(text: string): string {
  return text.replaceAll(JOINER, '');
}

export function indicatorHeader(ind: Indicator): string {
  return `${ind.name}${unbreakable(`（${ind.unit}）`)}`;
}

const labelColumns = new Map<RowsBy, ColDef<GridRow>>();

/** The pinned label column, one object per kind of row (reused like the leaf columns). */
function labelColumn(rowsBy: RowsBy): ColDef<GridRow> {
  let col = labelColumns.get(rowsBy);
  if (!col) {
    col = {
      colId: 'label',
      headerName: LABEL_HEADERS[rowsBy],
      field: 'label',
      pinned: 'left',
      width: rowsBy === 'day' || rowsBy === 'week' ? 112 : 132,
      cellClass: 'label-cell',
      // Regions of their own (not 省厅直属 or a city's 市本级) drill on a click.
      cellClassRules: { 'cell-link': (p: CellClassParams<GridRow>) => isDrillable(p.data, p.node.rowPinned) },
      sortable: true,
      comparator: (a: string, b: string, na, nb) => (na?.rowIndex ?? 0) - (nb?.rowIndex ?? 0) || a.localeCompare(b, 'zh-CN'),
    };
    labelColumns.set(rowsBy, col);
  }
  return col;
}

/** The county × day listing's second key column, pinned next to the county. */
const DAY_COLUMN: ColDef<GridRow> = { colId: 'day', headerName: '日期', field: 'day', pinned: 'left', width: 112, cellClass: 'label-cell', sortable: true };

// Indicators as rows: each row's own indicator and unit.
function rowGetter(field: Field) {
  return (p: ValueGetterParams<GridRow>): number | null => {
    const id = p.data?.indicatorId;
    return id === undefined ? null : (p.data?.cells[id]?.[field] ?? null);
  };
}

function rowValueColumn(field: Field, headerName: string, compare: Compare | null): ColDef<GridRow> {
  const base: ColDef<GridRow> = {
    colId: field === 'value' ? 'v' : field === 'base' ? 'b' : field === 'change' ? 'c' : 'p',
    headerName,
    valueGetter: rowGetter(field),
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    width: field === 'change_pct' ? 120 : 140,
    useValueFormatterForExport: false,
  };
  if (field === 'change_pct') return { ...base, valueFormatter: (p) => formatChangePct(p.value ?? null) ?? '—', cellClassRules: trendRules };
  if (field === 'change') return { ...base, valueFormatter: (p) => changeText(p.value ?? null, p.data?.unit ?? ''), cellClassRules: trendRules };
  return { ...base, headerName: compare ? headerName : '数值', valueFormatter: (p) => gridNumber(p.value ?? null, p.data?.unit ?? '') };
}

/** Indicators as rows: 部门 / 指标 / 单位, then 本期 (基期 / 增减 / 增减% with a comparison). */
const indicatorRowColumns = new Map<Compare | 'none', GridColumn[]>();

function indicatorLayoutColumns(compare: Compare | null): GridColumn[] {
  const key = compare ?? 'none';
  let cols = indicatorRowColumns.get(key);
  if (!cols) {
    const compareName = compare === 'yoy' ? '同比' : '环比';
    cols = [
      { colId: 'dept', headerName: '部门', field: 'department', pinned: 'left', width: 84, cellClass: 'label-cell', sortable: true },
      { colId: 'label', headerName: '指标', field: 'label', pinned: 'left', width: 220, cellClass: 'label-cell', sortable: true },
      { colId: 'unit', headerName: '单位', field: 'unit', width: 76, sortable: false },
      rowValueColumn('value', '本期', compare),
      ...(compare ? [rowValueColumn('base', '基期', compare), rowValueColumn('change', '增减', compare), rowValueColumn('change_pct', `${compareName}增减%`, compare)] : []),
    ];
    indicatorRowColumns.set(key, cols);
  }
  return cols;
}

export function buildColumns(catalogue: Catalogue, indicators: Indicator[], rowsBy: RowsBy, compare: Compare | null, hidden: string[]): GridColumn[] {
  if (rowsBy === 'indicator') return indicatorLayoutColumns(compare);
  const visible = indicators.filter((i) => !hidden.includes(i.key));
  const keys = rowsBy === COUNTY_DAY_ROWS ? [labelColumn(rowsBy), DAY_COLUMN] : [labelColumn(rowsBy)];
  const compareName = compare === 'yoy' ? '同比' : '环比';
  const groups: ColGroupDef<GridRow>[] = groupByDepartment(catalogue, visible).map((g) => ({
    groupId: `dept:${g.department}`,
    headerName: g.department,
    headerClass: 'dept-header',
    children: g.indicators.map((ind): GridColumn =>
      compare
        ? {
            groupId: `ind:${ind.id}`,
            headerName: indicatorHeader(ind),
            headerClass: 'ind-header',
            children: [
              leafColumn(ind, 'value', '本期'),
              leafColumn(ind, 'base', '基期'),
              leafColumn(ind, 'change', '增减'),
              leafColumn(ind, 'change_pct', `${compareName}增减%`),
            ],
          }
        : leafColumn(ind, 'value', indicatorHeader(ind)),
    ),
  }));
  return [...keys, ...groups];
}

/** CSV cells: raw numbers (no separators) so spreadsheets read them; percentages to one decimal. */
export function csvCellValue(colId: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return colId.startsWith('p') ? value.toFixed(1) : String(Math.round(value * 1000) / 1000);
  return String(value);
}
