// The grid's columns: a label column, then indicators grouped under their department, units in
// the headers; with a comparison, 本期 / 基期 / 增减 / 增减% under each indicator.
import type { CellClassParams, ColDef, ColGroupDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import type { Compare } from '../../shared/api/slice';
import { inertText } from '../../shared/csv';
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

/**
 * The regions a click on a row's label narrows the filter to: what the row holds — the selected
 * counties inside a row such as 太原市（小店区、迎泽区） — or its region. A part written by name
 * (太原市本级, which has no code of its own) drills to the region.
 */
export function drillRegions(row: GridRow): string[] {
  if (row.scope && row.scope.length > 0 && row.scope.every((c) => /^\d{6}$/.test(c))) return row.scope;
  return row.regionCode ? [row.regionCode] : [];
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

/** How the key columns are laid out for the rows shown. */
export interface RowLabelLayout {
  /** Rows are counties of more than one city: a 市 column beside them. */
  withCity: boolean;
  /** The label column's width, wide enough for the longest label (太原市（小店区、迎泽区…共5个）). */
  labelWidth: number;
}

const LABEL_PX = 132;
const LABEL_MAX_PX = 340;

/** Width in CSS pixels of a label in the grid's 13 px font: CJK and full-width characters count double. */
function labelPixels(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\u2026]/.test(ch) ? 2 : 1.1;
  return units * 6.3 + 28;
}

export function rowLabelLayout(rows: readonly GridRow[], rowsBy: RowsBy): RowLabelLayout {
  const cities = new Set<string>();
  let widest = 0;
  for (const r of rows) {
    if (r.city !== undefined) cities.add(r.city);
    if (r.label.length > 7) widest = Math.max(widest, labelPixels(r.label));
  }
  const county = rowsBy === 'region:county' || rowsBy === COUNTY_DAY_ROWS;
  // In steps of 20 px, so that the columns (cached per width) stay the same objects.
  const labelWidth = widest <= LABEL_PX ? LABEL_PX : Math.min(LABEL_MAX_PX, Math.ceil(widest / 20) * 20);
  return { withCity: county && cities.size > 1, labelWidth };
}

const PLAIN_LAYOUT: RowLabelLayout = { withCity: false, labelWidth: LABEL_PX };

const labelColumns = new Map<string, ColDef<GridRow>>();

/** The pinned label column, one object per kind of row and width (reused like the leaf columns). */
function labelColumn(rowsBy: RowsBy, labelWidth = LABEL_PX): ColDef<GridRow> {
  const cacheKey = `${rowsBy}|${labelWidth}`;
  let col = labelColumns.get(cacheKey);
  if (!col) {
    col = {
      colId: 'label',
      headerName: LABEL_HEADERS[rowsBy],
      field: 'label',
      pinned: 'left',
      width: rowsBy === 'day' || rowsBy === 'week' ? 112 : labelWidth,
      // A long label (a part of a region) is shown whole on hover.
      tooltipField: 'label',
      cellClass: 'label-cell',
      // Regions of their own (not 省厅直属 or a city's 市本级) drill on a click.
      cellClassRules: { 'cell-link': (p: CellClassParams<GridRow>) => isDrillable(p.data, p.node.rowPinned) },
      sortable: true,
      comparator: (a: string, b: string, na, nb) => (na?.rowIndex ?? 0) - (nb?.rowIndex ?? 0) || a.localeCompare(b, 'zh-CN'),
    };
    labelColumns.set(cacheKey, col);
  }
  return col;
}

/** The 市 column beside county rows of more than one city (城区 is in 阳泉市 and in 晋城市). */
const CITY_COLUMN: ColDef<GridRow> = {
  colId: 'city',
  headerName: '市',
  field: 'city',
  pinned: 'left',
  width: 84,
  cellClass: 'label-cell',
  sortable: true,
};

/** The county × day listing's second key column, pinned next to the county. */
const DAY_COLUMN: ColDef<GridRow> = {
  colId: 'day',
  headerName: '日期',
  field: 'day',
  pinned: 'left',
  width: 112,
  cellClass: 'label-cell',
  sortable: true,
};

// Indicators as rows: each row's own indicator and unit.
function rowGetter(field: Field) {
  return (p: ValueGetterParams<GridRow>): number | null => {
    const id = p.data?.indicatorId;
    return id === undefined ? null : (p.data?.cells[id]?.[field] ?? null);
  };
}

function rowValueColumn(field: Field, headerName: string, compare: Compare | null): ColDef<GridRow, number | null> {
  const base: ColDef<GridRow, number | null> = {
    colId: field === 'value' ? 'v' : field === 'base' ? 'b' : field === 'change' ? 'c' : 'p',
    headerName,
    valueGetter: rowGetter(field),
    type: 'rightAligned',
    cellClass: NUMBER_CELL,
    width: field === 'change_pct' ? 120 : 140,
    useValueFormatterForExport: false,
  };
  if (field === 'change_pct')
    return { ...base, valueFormatter: (p) => formatChangePct(p.value ?? null) ?? '—', cellClassRules: trendRules };
  if (field === 'change')
    return { ...base, valueFormatter: (p) => changeText(p.value ?? null, p.data?.unit ?? ''), cellClassRules: trendRules };
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
      ...(compare
        ? [
            rowValueColumn('base', '基期', compare),
            rowValueColumn('change', '增减', compare),
            rowValueColumn('change_pct', `${compareName}增减%`, compare),
          ]
        : []),
    ];
    indicatorRowColumns.set(key, cols);
  }
  return cols;
}

export function buildColumns(
  catalogue: Catalogue,
  indicators: Indicator[],
  rowsBy: RowsBy,
  compare: Compare | null,
  hidden: string[],
  layout: RowLabelLayout = PLAIN_LAYOUT,
): GridColumn[] {
  if (rowsBy === 'indicator') return indicatorLayoutColumns(compare);
  const visible = indicators.filter((i) => !hidden.includes(i.key));
  const label = labelColumn(rowsBy, layout.labelWidth);
  const keys = [...(layout.withCity ? [CITY_COLUMN] : []), label, ...(rowsBy === COUNTY_DAY_ROWS ? [DAY_COLUMN] : [])];
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
  // Whatever else a cell holds is text (labels): String() is what the export has always written.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return inertText(String(value));
}
