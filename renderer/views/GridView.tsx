// 表格: rows by city / county / department / day, indicators as columns grouped by department,
// a pinned total row, comparison columns, a column chooser and CSV export.
import { useCallback, useMemo, useRef, useState } from 'react';
import '../logic/ag-grid-setup';
import { themeQuartz, type CellClickedEvent, type ColDef, type GetRowIdParams, type GridApi, type GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { EMPTY_HINT, EmptyState, ErrorBanner, LoadingBar, Spinner, useSlow } from '../components/feedback';
import { Popover } from '../components/Popover';
import { Segmented } from '../components/Segmented';
import { useOperation, usePrefetch } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { effectiveIndicators, sliceFilterOf } from '../state/filter';
import { ROWS_BY_CHOICES, asRowsBy, viewOptions, type RowsBy } from '../state/view-state';
import { useWorkstation } from '../state/workstation-context';
import { buildColumns, csvCellValue, isDrillable } from '../logic/grid-columns';
import { pivotSlice, totalRow, type GridRow } from '../logic/pivot';
import { downloadText, safeFileName, withBom } from '../logic/csv';
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

const ROW_PX = 30;
/**
 * The header is as tall with a comparison (部门 / 指标 / 本期·基期·增减·增减% rows) as without one
 * (部门 / indicator names on two lines): ag-grid keeps the header's height in a CSS variable on the
 * grid's viewport, and a new value there makes the browser restyle every cell — half of the style
 * work of switching 同比 on or off, when measured.
 */
const GROUP_HEADER_PX = 28;
const COMPARE_LEAF_HEADER_PX = 28;
const HEADER_PX = 2 * GROUP_HEADER_PX + COMPARE_LEAF_HEADER_PX;
/** Room for the horizontal scrollbar and the borders. */
const SCROLLBAR_PX = 20;

/**
 * ag-grid's own header without the menu, filter and seven sort-icon elements it adds to every
 * column: 3 elements instead of about 20, for each header cell 同比 adds. The sort direction is
 * drawn by CSS from the classes ag-grid sets (app.css, .ag-header-cell-sorted-*).
 */
const HEADER_TEMPLATE =
  '<div class="ag-cell-label-container" role="presentation">' +
  '<div data-ref="eLabel" class="ag-header-cell-label" role="presentation"><span data-ref="eText" class="ag-header-cell-text"></span></div>' +
  '</div>';

const DEFAULT_COL_DEF: ColDef<GridRow> = { sortable: true, resizable: true, wrapHeaderText: true, headerComponentParams: { template: HEADER_TEMPLATE } };

const getRowId = (p: GetRowIdParams<GridRow>) => p.data.id;

export function GridView() {
  const { catalogue, state, dispatch } = useWorkstation();
  const { filter } = state;
  const rowsBy = asRowsBy(state.rowsBy);
  const options = viewOptions(state);
  // Only the indicator and department choices matter: the columns stay the same objects otherwise.
  const { indicators: chosenIndicators, departments: chosenDepartments } = filter;
  const indicators = useMemo(
    () => effectiveIndicators(catalogue, { ...filter, indicators: chosenIndicators, departments: chosenDepartments }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogue, chosenIndicators, chosenDepartments],
  );
  const compare = filter.compare ? { compare: filter.compare } : {};
  const base = sliceFilterOf(filter);
  const data = useOperation('query', { ...base, by: [rowsBy, 'indicator'], ...compare });
  const totals = useOperation('query', { ...base, by: ['indicator'], ...compare });
  const api = useRef<GridApi<GridRow> | null>(null);
  // 同比 is the usual next step: its answer for this filter is fetched while nothing else happens,
  // and switching it on then redraws without waiting for the core.
  const yoyNext = filter.compare === null && data.current && totals.current;
  usePrefetch('query', yoyNext ? [{ ...base, by: [rowsBy, 'indicator'], compare: 'yoy' }, { ...base, by: ['indicator'], compare: 'yoy' }] : null);

  // While a new answer loads, the grid keeps showing the previous one, laid out as it was asked.
  const shownRowsBy = asRowsBy(data.dataInput?.by?.[0] ?? rowsBy);
  const pivot = useMemo(() => (data.data ? pivotSlice(catalogue, data.data, shownRowsBy, indicators) : null), [catalogue, data.data, shownRowsBy, indicators]);
  const pinned = useMemo(() => (totals.data ? [totalRow(catalogue, totals.data)] : []), [catalogue, totals.data]);
  const dataCompare = data.dataInput?.compare ?? null;
  const columns = useMemo(() => buildColumns(catalogue, indicators, shownRowsBy, dataCompare, options.hiddenIndicators), [catalogue, indicators, shownRowsBy, dataCompare, options.hiddenIndicators]);

  // Which answer the grid shows: set when ag-grid has taken the rows.
  const shownKey = useRef<string | null>(null);
  shownKey.current = data.dataKey;
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const onRowDataUpdated = useCallback(() => setDrawnKey(shownKey.current), []);
  useReady(data.error !== null || totals.error !== null || (data.current && totals.current && drawnKey === data.key));

  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => {
    api.current = e.api;
  }, []);

  const onCellClicked = useCallback(
    (e: CellClickedEvent<GridRow>) => {
      if (e.column.getColId() !== 'label' || !isDrillable(e.data, e.rowPinned) || !e.data?.regionCode) return;
      dispatch({ type: 'filter', action: { type: 'drill', code: e.data.regionCode } });
    },
    [dispatch],
  );

  const exportCsv = () => {
    const csv = api.current?.getDataAsCsv({
      processCellCallback: (p) => csvCellValue(p.column.getColId(), p.value),
    });
    if (csv === undefined) return;
    downloadText(safeFileName(`专项行动统计_${ROWS_BY_CHOICES.find((c) => c.value === rowsBy)?.label ?? ''}_${filter.from}_${filter.to}.csv`), withBom(csv));
  };

  const error = data.error ?? totals.error;
  const stale = useSlow(data.loading);
  // A few rows: the grid is as tall as its rows (the total right under them); many: it fills the
  // view and scrolls (virtualised). Heights follow the grid's fixed row and header heights.
  const autoHeight = pivot !== null && pivot.rows.length <= 24;
  const leafHeaderPx = dataCompare ? COMPARE_LEAF_HEADER_PX : HEADER_PX - GROUP_HEADER_PX;
  const fitHeight = autoHeight ? HEADER_PX + (pivot.rows.length + 1) * ROW_PX + SCROLLBAR_PX : undefined;
  const empty = data.current && pivot !== null && pivot.rows.length === 0;
  const hidden = options.hiddenIndicators;
  return (
    <div className="view grid-view" data-testid="grid-view">
      <LoadingBar active={data.loading || totals.loading} />
      <div className="view-toolbar">
        <h2>表格</h2>
        <Segmented<RowsBy> label="行" testId="rows-by" options={ROWS_BY_CHOICES} value={rowsBy} onChange={(v) => dispatch({ type: 'setRowsBy', rowsBy: v })} />
        <Popover label={`显示列（${indicators.length - indicators.filter((i) => hidden.includes(i.key)).length}/${indicators.length}）`} testId="column-chooser" panelClassName="indicator-panel">
          {() => (
            <div>
              <div className="indicator-groups">
                {catalogue.departments.map((d) => {
                  const inds = indicators.filter((i) => i.department === d.name);
                  if (inds.length === 0) return null;
                  return (
                    <fieldset key={d.name} className="indicator-group">
                      <legend>{d.name}</legend>
                      {inds.map((i) => (
                        <label key={i.key} className="tree-item">
                          <input
                            type="checkbox"
                            checked={!hidden.includes(i.key)}
                            onChange={() =>
                              dispatch({ type: 'setOptions', options: { hiddenIndicators: hidden.includes(i.key) ? hidden.filter((k) => k !== i.key) : [...hidden, i.key] } })
                            }
                          />
                          <span>{i.name}</span>
                          <span className="muted small">{i.unit}</span>
                        </label>
                      ))}
                    </fieldset>
                  );
                })}
              </div>
              <div className="popover-footer">
                <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'setOptions', options: { hiddenIndicators: [] } })}>
                  全部显示
                </button>
                <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'setOptions', options: { hiddenIndicators: indicators.map((i) => i.key) } })}>
                  全部隐藏
                </button>
              </div>
            </div>
          )}
        </Popover>
        <button type="button" className="btn" onClick={exportCsv} disabled={!pivot || pivot.rows.length === 0} data-testid="export-csv">
          导出 CSV
        </button>
        <span className="muted small push-right" data-testid="grid-status">
          {pivot ? `${pivot.rows.length.toLocaleString('en-US')} 行 · ${indicators.length - indicators.filter((i) => hidden.includes(i.key)).length} 项指标` : ''}
          {filter.compare && data.data?.period.base ? ` · 基期 ${data.data.period.base.from} 至 ${data.data.period.base.to}` : ''}
          {rowsBy === 'region:city' || rowsBy === 'region:county' ? ' · 点击地区名称下钻' : ''}
        </span>
      </div>
      {error && <ErrorBanner error={error} />}
      <div className={`grid-host${stale ? ' is-stale' : ''}${autoHeight ? ' auto-height' : ''}`} style={fitHeight ? { height: fitHeight } : undefined}>
        {!pivot && !error && (
          <div className="overlay-center">
            <Spinner />
          </div>
        )}
        {empty && (
          <div className="overlay-center">
            <EmptyState hint={EMPTY_HINT} />
          </div>
        )}
        {pivot && (
          <AgGridReact<GridRow>
            theme={gridTheme}
            // The answer before the columns (props are applied in this order): when 同比 adds
            // columns, their cells are made with the new figures, not made and then refreshed.
            rowData={pivot.rows}
            pinnedBottomRowData={pinned}
            columnDefs={columns}
            getRowId={getRowId}
            defaultColDef={DEFAULT_COL_DEF}
            headerHeight={leafHeaderPx}
            groupHeaderHeight={GROUP_HEADER_PX}
            rowHeight={ROW_PX}
            onGridReady={onGridReady}
            onRowDataUpdated={onRowDataUpdated}
            onFirstDataRendered={onRowDataUpdated}
            onCellClicked={onCellClicked}
            suppressNoRowsOverlay
            animateRows={false}
            // Not enableCellTextSelection: it wraps every cell's text in two more elements, a
            // third of what the browser styles when columns change; app.css makes cells selectable.
            ensureDomOrder
          />
        )}
      </div>
    </div>
  );
}
