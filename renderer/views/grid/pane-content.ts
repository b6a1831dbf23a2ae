// What a grid pane shows for an answer (rows, the pinned total, columns, header height), the same
// object for the same answer, columns and rows; and the header heights the view sizes the grid by.
import type { Catalogue, Indicator } from '../../../shared/api/catalogue-types';
import type { Compare, SliceQuery, SliceResult } from '../../../shared/api/slice';
import { buildColumns, rowLabelLayout } from '../../logic/grid-columns';
import { memoByObject } from '../../logic/object-memo';
import { pivotSlice, totalRow, type GridRow } from '../../logic/pivot';
import { rowsByOfKeys, type RowsBy } from '../../state/view-state';
import { GROUP_HEADER_PX, type PaneContent, type PaneKind } from '../GridPane';

/**
 * The header is as tall with a comparison (部门 / 指标 / 本期·基期·增减·增减% rows) as without one
 * (部门 / indicator names on two lines), so the grid keeps its place when 同比 is switched.
 */
const COMPARE_LEAF_HEADER_PX = 28;
export const HEADER_PX = 2 * GROUP_HEADER_PX + COMPARE_LEAF_HEADER_PX;
const PLAIN_LEAF_HEADER_PX = HEADER_PX - GROUP_HEADER_PX;

export type ByPane<T> = Record<PaneKind, T>;

const NO_ROWS: GridRow[] = [];
const layoutOf = memoByObject((rows: GridRow[], rowsBy: RowsBy) => rowLabelLayout(rows, rowsBy));
const pivotOf = memoByObject((answer: SliceResult, catalogue: Catalogue, rowsBy: RowsBy, indicators: Indicator[]) =>
  pivotSlice(catalogue, answer, rowsBy, indicators),
);
const totalOf = memoByObject((totals: SliceResult, catalogue: Catalogue) => [totalRow(catalogue, totals)]);
const columnsOf = memoByObject(
  (
    indicators: Indicator[],
    catalogue: Catalogue,
    rowsBy: RowsBy,
    compare: Compare | null,
    hidden: string[],
    withCity: boolean,
    labelWidth: number,
  ) => buildColumns(catalogue, indicators, rowsBy, compare, hidden, { withCity, labelWidth }),
);

const visibleOf = memoByObject((indicators: Indicator[], hidden: string[]) => indicators.filter((i) => !hidden.includes(i.key)));

/** What a grid shows for an answer: the same object for the same answer, columns and rows. */
export function paneContent(
  catalogue: Catalogue,
  indicators: Indicator[],
  hidden: string[],
  answer: SliceResult,
  input: SliceQuery,
  totals: SliceResult | undefined,
  dataKey: string | null,
  held: PaneContent | null,
): PaneContent {
  const rowsBy = rowsByOfKeys(input.by ?? []);
  const compare = input.compare ?? null;
  // Indicators as rows: the column chooser hides rows; no total row (the units differ).
  const indicatorRows = rowsBy === 'indicator';
  const rows = pivotOf(answer, catalogue, rowsBy, indicatorRows ? visibleOf(indicators, hidden) : indicators).rows;
  const layout = layoutOf(rows, rowsBy);
  const next: PaneContent = {
    rows,
    pinned: totals && !indicatorRows ? totalOf(totals, catalogue) : NO_ROWS,
    columns: columnsOf(indicators, catalogue, rowsBy, compare, hidden, layout.withCity, layout.labelWidth),
    headerHeight: compare ? COMPARE_LEAF_HEADER_PX : PLAIN_LEAF_HEADER_PX,
    dataKey,
  };
  const same = held && (Object.keys(next) as (keyof PaneContent)[]).every((k) => next[k] === held[k]);
  return same ? held : next;
}
