// One ag-grid of the 表格 view. The view keeps two: one laid out without a comparison and one with
// (本期 / 基期 / 增减 / 增减% under each indicator). Switching 同比 on or off shows the other grid,
// whose columns, header and row elements already exist, instead of making ag-grid replace every
// cell and header of one grid — most of what such a switch cost. The hidden grid keeps what it last
// showed and does nothing until it is shown again.
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import '../logic/ag-grid-setup';
import {
  themeQuartz,
  type CellClickedEvent,
  type CellContextMenuEvent,
  type ColDef,
  type ColumnState,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { GridColumn } from '../logic/grid-columns';
import type { GridRow } from '../logic/pivot';
import { FONT, ACCENT } from '../logic/theme';

export const gridTheme = themeQuartz.withParams({
  fontFamily: FONT,
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  rowHeight: 30,
  spacing: 6,
  accentColor: ACCENT,
  borderColor: '#dfe3e8',
  headerBackgroundColor: '#f4f6f8',
  oddRowBackgroundColor: '#fafbfc',
  wrapperBorderRadius: 4,
  foregroundColor: '#1f2933',
  pinnedRowFontWeight: 600,
  pinnedRowBackgroundColor: '#eef2f7',
});

export const ROW_PX = 30;
export const GROUP_HEADER_PX = 28;

/**
 * ag-grid's own header without the menu, filter and seven sort-icon elements it adds to every
 * column: 3 elements instead of about 20 per header cell. The sort direction is drawn by CSS from
 * the classes ag-grid sets (app.css, .ag-header-cell-sorted-*).
 */
const HEADER_TEMPLATE =
  '<div class="ag-cell-label-container" role="presentation">' +
  '<div data-ref="eLabel" class="ag-header-cell-label" role="presentation"><span data-ref="eText" class="ag-header-cell-text"></span></div>' +
  '</div>';

const DEFAULT_COL_DEF: ColDef<GridRow> = {
  sortable: true,
  resizable: true,
  wrapHeaderText: true,
  headerComponentParams: { template: HEADER_TEMPLATE },
};

const getRowId = (p: GetRowIdParams<GridRow>) => p.data.id;

export type PaneKind = 'plain' | 'compare';

/** What one grid shows; the same object while nothing in it changes. */
export interface PaneContent {
  rows: GridRow[];
  pinned: GridRow[];
  columns: GridColumn[];
  /** Height of the leaf header row: the header is as tall in both grids. */
  headerHeight: number;
  /** The answer `rows` come from (use-operation's key); null for a grid made ahead of use. */
  dataKey: string | null;
}

/** The sort both grids share: colId, direction and position of each sorted column. */
export type SortState = Pick<ColumnState, 'colId' | 'sort' | 'sortIndex'>[];

interface Props {
  kind: PaneKind;
  active: boolean;
  content: PaneContent;
  /** The grid has taken the rows of `dataKey`. */
  onDrawn: (kind: PaneKind, dataKey: string | null) => void;
  onApi: (kind: PaneKind, api: GridApi<GridRow>) => void;
  onCellClicked: (e: CellClickedEvent<GridRow>) => void;
  /** Right click on a cell: 记一条督导发现 (the browser's own menu is not shown). */
  onCellContextMenu?: (e: CellContextMenuEvent<GridRow>) => void;
  sort: { current: SortState };
}

function sortOf(api: GridApi<GridRow>): SortState {
  return api
    .getColumnState()
    .filter((s) => s.sort)
    .map(({ colId, sort, sortIndex }) => ({ colId, sort, sortIndex }));
}

function sameSort(a: SortState, b: SortState): boolean {
  return a.length === b.length && a.every((s, i) => s.colId === b[i]?.colId && s.sort === b[i]?.sort && s.sortIndex === b[i]?.sortIndex);
}

export const GridPane = memo(function GridPane({ kind, active, content, onDrawn, onApi, onCellClicked, onCellContextMenu, sort }: Props) {
  const api = useRef<GridApi<GridRow> | null>(null);
  const dataKey = useRef(content.dataKey);
  dataKey.current = content.dataKey;
  const drawn = useCallback(() => {
    // The pinned label column: ag-grid (36) can leave its cells empty when the rows are replaced
    // while the layout changes (按日期 → 按周); redraw those few cells with their text.
    api.current?.refreshCells({ columns: ['label'], force: true });
    onDrawn(kind, dataKey.current);
  }, [onDrawn, kind]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      api.current = e.api;
      onApi(kind, e.api);
    },
    [onApi, kind],
  );
  // The shown grid owns the sort; the other takes it when it is shown (same column ids).
  const onSortChanged = useCallback(() => {
    if (api.current && active) sort.current = sortOf(api.current);
  }, [active, sort]);
  // Before the browser paints the grid just shown: never a frame in the other order.
  useLayoutEffect(() => {
    const grid = api.current;
    if (!active || !grid || sameSort(sortOf(grid), sort.current)) return;
    grid.applyColumnState({ state: sort.current, defaultState: { sort: null } });
  }, [active, sort]);

  return (
    <div className={active ? 'grid-pane is-active' : 'grid-pane'} data-pane={kind} inert={!active} aria-hidden={!active}>
      <AgGridReact<GridRow>
        theme={gridTheme}
        // The answer before the columns (props are applied in this order): when columns change,
        // their cells are made with the new figures, not made and then refreshed.
        rowData={content.rows}
        pinnedBottomRowData={content.pinned}
        columnDefs={content.columns}
        getRowId={getRowId}
        defaultColDef={DEFAULT_COL_DEF}
        headerHeight={content.headerHeight}
        groupHeaderHeight={GROUP_HEADER_PX}
        rowHeight={ROW_PX}
        onGridReady={onGridReady}
        onRowDataUpdated={drawn}
        onFirstDataRendered={drawn}
        onCellClicked={onCellClicked}
        {...(onCellContextMenu ? { onCellContextMenu, preventDefaultOnContextMenu: true } : {})}
        onSortChanged={onSortChanged}
        suppressNoRowsOverlay
        animateRows={false}
        // Not enableCellTextSelection: it wraps every cell's text in two more elements, a third of
        // what the browser styles when columns change; app.css makes cells selectable.
        ensureDomOrder
      />
    </div>
  );
});
