// 表格: rows by city / county / department / day / ISO week, indicators as columns grouped by
// department, a pinned total row, comparison columns, a column chooser and CSV export; or
// indicators as rows (本期 / 基期 / 增减 / 增减% as columns).
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CellClickedEvent, CellContextMenuEvent, GridApi } from 'ag-grid-community';
import { ErrorBanner, LoadingBar, PanelOverlay, useSlow } from '../components/feedback';
import { Popover } from '../components/Popover';
import { Segmented } from '../components/Segmented';
import { useOperation, usePrefetch } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { effectiveIndicators, sliceFilterOf } from '../state/filter';
import { ROWS_BY_CHOICES, asRowsBy, rowsByOfKeys, viewOptions, type RowsBy } from '../state/view-state';
import { COUNTY_DAY_ROWS, rowKeys } from '../../shared/api/views';
import { LISTING_MAX_NUMBERS, listingSize } from '../logic/listing';
import { formatReportNumber } from '../../shared/format';
import { useWorkstation } from '../state/workstation-context';
import { buildColumns, csvCellValue, drillRegions, isDrillable, plainHeader, rowLabelLayout } from '../logic/grid-columns';
import { pivotSlice, totalRow, type GridRow } from '../logic/pivot';
import { memoByObject } from '../logic/object-memo';
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import type { Compare, GroupKey, SliceQuery, SliceResult } from '../../shared/api/slice';
import { downloadText } from '../logic/csv';
import { gridCsvFileName, gridCsvText, gridProvenance } from '../logic/grid-export';
import { DEMO_MARK } from '../../shared/demo';
import { useIsDemo } from '../database/database-context';
import { FindingContextMenu, type FindingMenuAt } from '../components/inspection/FindingContextMenu';
import { gridRowDraft } from '../logic/finding-draft-of';
import { GROUP_HEADER_PX, GridPane, ROW_PX, type PaneContent, type PaneKind, type SortState } from './GridPane';

/**
 * The header is as tall with a comparison (部门 / 指标 / 本期·基期·增减·增减% rows) as without one
 * (部门 / indicator names on two lines), so the grid keeps its place when 同比 is switched.
 */
const COMPARE_LEAF_HEADER_PX = 28;
const HEADER_PX = 2 * GROUP_HEADER_PX + COMPARE_LEAF_HEADER_PX;
const PLAIN_LEAF_HEADER_PX = HEADER_PX - GROUP_HEADER_PX;
/** Room for the horizontal scrollbar and the borders. */
const SCROLLBAR_PX = 20;

type ByPane<T> = Record<PaneKind, T>;

/** A count as the notices print it: 59,727 → 5.97万. */
const formatCount = (n: number) => formatReportNumber(n, { kind: 'wan', sig: 3 }, '个');

/** Rows up to which the other layout is drawn ahead into the hidden grid. */
const DRAW_AHEAD_MAX_ROWS = 5_000;

const NO_ROWS: GridRow[] = [];
const layoutOf = memoByObject((rows: GridRow[], rowsBy: RowsBy) => rowLabelLayout(rows, rowsBy));
const pivotOf = memoByObject((answer: SliceResult, catalogue: Catalogue, rowsBy: RowsBy, indicators: Indicator[]) => pivotSlice(catalogue, answer, rowsBy, indicators));
const totalOf = memoByObject((totals: SliceResult, catalogue: Catalogue) => [totalRow(catalogue, totals)]);
const columnsOf = memoByObject((indicators: Indicator[], catalogue: Catalogue, rowsBy: RowsBy, compare: Compare | null, hidden: string[], withCity: boolean, labelWidth: number) =>
  buildColumns(catalogue, indicators, rowsBy, compare, hidden, { withCity, labelWidth }),
);

const visibleOf = memoByObject((indicators: Indicator[], hidden: string[]) => indicators.filter((i) => !hidden.includes(i.key)));

/** What a grid shows for an answer: the same object for the same answer, columns and rows. */
function paneContent(
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

export function GridView() {
  const { catalogue, state, dispatch, info } = useWorkstation();
  const demo = useIsDemo(info?.demo);
  const { filter } = state;
  const rowsBy = asRowsBy(state.rowsBy);
  const options = viewOptions(state);
  const hidden = options.hiddenIndicators;
  // Only the indicator and department choices matter: the columns stay the same objects otherwise.
  const { indicators: chosenIndicators, departments: chosenDepartments } = filter;
  const indicators = useMemo(
    () => effectiveIndicators(catalogue, { ...filter, indicators: chosenIndicators, departments: chosenDepartments }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogue, chosenIndicators, chosenDepartments],
  );
  const compare = filter.compare ? { compare: filter.compare } : {};
  const base = sliceFilterOf(filter);
  const by: GroupKey[] = [...rowKeys(rowsBy), 'indicator'];
  // A county × day listing too large for the window is not asked for: the view says how to narrow it.
  const listing = rowsBy === COUNTY_DAY_ROWS ? listingSize(catalogue, filter.regions, filter.from, filter.to, indicators.length) : null;
  const tooLarge = listing?.tooLarge === true;
  const data = useOperation('query', tooLarge ? null : { ...base, by, ...compare });
  const totals = useOperation('query', tooLarge ? null : { ...base, by: ['indicator'], ...compare });

  // Two grids, one per layout (GridPane): the one for the answer shown gets it; the other keeps
  // what it was last given. While a new answer loads, the grid keeps showing the previous one,
  // laid out as it was asked.
  const dataCompare = data.dataInput?.compare ?? null;
  const activeKind: PaneKind = dataCompare ? 'compare' : 'plain';
  const [held, setHeld] = useState<ByPane<PaneContent | null>>({ plain: null, compare: null });
  const content = !tooLarge && data.data && data.dataInput ? paneContent(catalogue, indicators, hidden, data.data, data.dataInput, totals.data, data.dataKey, held[activeKind]) : null;
  if (content && held[activeKind] !== content) setHeld({ ...held, [activeKind]: content });
  const shown: ByPane<PaneContent | null> = { ...held, [activeKind]: content };
  const rows = content?.rows ?? null;

  // Which answer each grid has drawn (set when ag-grid has taken the rows).
  const [drawn, setDrawn] = useState<ByPane<string | null>>({ plain: null, compare: null });
  const onDrawn = useCallback((kind: PaneKind, key: string | null) => setDrawn((d) => (d[kind] === key ? d : { ...d, [kind]: key })), []);
  const apis = useRef<ByPane<GridApi<GridRow> | null>>({ plain: null, compare: null });
  const onApi = useCallback((kind: PaneKind, api: GridApi<GridRow>) => {
    apis.current[kind] = api;
  }, []);
  const sort = useRef<SortState>([]);
  useReady(tooLarge || data.error !== null || totals.error !== null || (data.current && totals.current && drawn[activeKind] === data.key));

  // The other layout is the usual next step (同比 on, or off again): its answer for this filter is
  // fetched and drawn into the hidden grid while the browser is idle; switching then only swaps
  // the grids. Not for long listings: drawing those ahead would hold up the next click.
  const otherCompare = filter.compare === null ? { compare: 'yoy' as const } : {};
  const otherInputs: SliceQuery[] | null =
    data.current && totals.current && rows !== null && rows.length <= DRAW_AHEAD_MAX_ROWS
      ? [
          { ...base, by, ...otherCompare },
          { ...base, by: ['indicator'], ...otherCompare },
        ]
      : null;
  const drawAhead = ([answer, totalsAnswer]: SliceResult[], [key]: string[]) => {
    const input = otherInputs?.[0];
    if (!answer || !input || key === undefined) return;
    const kind: PaneKind = input.compare ? 'compare' : 'plain';
    setHeld((h) => {
      const next = paneContent(catalogue, indicators, hidden, answer, input, totalsAnswer, key, h[kind]);
      return next === h[kind] ? h : { ...h, [kind]: next };
    });
  };
  usePrefetch('query', otherInputs, drawAhead);

  const onCellClicked = useCallback(
    (e: CellClickedEvent<GridRow>) => {
      if (e.column.getColId() !== 'label' || !isDrillable(e.data, e.rowPinned) || !e.data?.regionCode) return;
      const regions = drillRegions(e.data);
      if (regions.length === 1) return dispatch({ type: 'filter', action: { type: 'drill', code: regions[0]! } });
      // Several counties of a city: the row's counties, one row each.
      dispatch({ type: 'filter', action: { type: 'setRegions', regions } });
      dispatch({ type: 'setRowsBy', rowsBy: 'region:county' });
    },
    [dispatch],
  );

  // 记一条督导发现: the right-clicked row's unit, the cell's indicator, the row's day or the filter's dates.
  const [menu, setMenu] = useState<FindingMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onCellContextMenu = useCallback(
    (e: CellContextMenuEvent<GridRow>) => {
      const mouse = e.event instanceof MouseEvent ? e.event : null;
      if (!e.data || e.rowPinned || !mouse) return;
      const found = gridRowDraft(catalogue, e.data, e.column.getColId(), rowsBy, filter);
      setMenu({ x: mouse.clientX, y: mouse.clientY, ...found });
    },
    [catalogue, rowsBy, filter],
  );

  const exportCsv = () => {
    const csv = apis.current[activeKind]?.getDataAsCsv({
      processCellCallback: (p) => csvCellValue(p.column.getColId(), p.value),
      processHeaderCallback: (p) => plainHeader(p.column.getColDef().headerName ?? ''),
      processGroupHeaderCallback: (p) => plainHeader(p.columnGroup.getColGroupDef()?.headerName ?? ''),
    });
    if (csv === undefined) return;
    const rowsLabel = ROWS_BY_CHOICES.find((c) => c.value === rowsBy)?.label ?? '';
    const provenance = gridProvenance({ catalogue, filter, rowsLabel, info, now: new Date() });
    downloadText(gridCsvFileName(catalogue, filter), gridCsvText(csv, provenance, demo ? [DEMO_MARK] : []));
  };

  const error = data.error ?? totals.error;
  const stale = useSlow(data.loading);
  // A few rows: the grid is as tall as its rows (the total right under them); many: it fills the
  // view and scrolls (virtualised). Heights follow the grid's fixed row and header heights.
  const autoHeight = rows !== null && rows.length <= 24;
  const fitHeight = autoHeight ? HEADER_PX + (rows.length + 1) * ROW_PX + SCROLLBAR_PX : undefined;
  const empty = data.current && rows !== null && rows.length === 0;
  const shownIndicators = indicators.length - indicators.filter((i) => hidden.includes(i.key)).length;
  return (
    <div className="view grid-view" data-testid="grid-view">
      <LoadingBar active={data.loading || totals.loading} />
      <div className="view-toolbar">
        <h2>表格</h2>
        <Segmented<RowsBy> label="行" testId="rows-by" options={ROWS_BY_CHOICES} value={rowsBy} onChange={(v) => dispatch({ type: 'setRowsBy', rowsBy: v })} />
        <Popover label={`${rowsBy === 'indicator' ? '显示指标' : '显示列'}（${shownIndicators}/${indicators.length}）`} testId="column-chooser" panelClassName="indicator-panel">
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
        <button type="button" className="btn" onClick={exportCsv} disabled={!rows || rows.length === 0} data-testid="export-csv">
          导出 CSV
        </button>
        <span className="muted small push-right" data-testid="grid-status">
          {rows ? `${rows.length.toLocaleString('en-US')} 行 · ${shownIndicators} 项指标` : ''}
          {filter.compare && data.data?.period.base ? ` · 基期 ${data.data.period.base.from} 至 ${data.data.period.base.to}` : ''}
          {rows && (rowsBy === 'region:city' || rowsBy === 'region:county' || rowsBy === COUNTY_DAY_ROWS) ? ' · 点击地区名称下钻' : ''}
        </span>
      </div>
      {error && <ErrorBanner error={error} />}
      <div className={`grid-host${stale ? ' is-stale' : ''}${autoHeight ? ' auto-height' : ''}`} style={fitHeight ? { height: fitHeight } : undefined}>
        {tooLarge && listing && (
          <div className="overlay-center">
            <div className="empty-state" data-testid="listing-too-large" role="status">
              <p>
                县区×日期明细最多约 {listing.rows.toLocaleString('en-US')} 行 × {indicators.length} 项指标，约 {formatCount(listing.numbers)} 个数，超过一次可显示的{' '}
                {formatCount(LISTING_MAX_NUMBERS)} 个。
              </p>
              <p className="muted">请缩短日期范围、选定地区，或在“指标”中少选几项；也可以改为按县区或按日期汇总。</p>
            </div>
          </div>
        )}
        {!tooLarge && (['plain', 'compare'] as const).map((kind) => {
          const c = shown[kind];
          return c ? <GridPane key={kind} kind={kind} active={kind === activeKind} content={c} onDrawn={onDrawn} onApi={onApi} onCellClicked={onCellClicked} onCellContextMenu={onCellContextMenu} sort={sort} /> : null;
        })}
        {menu && <FindingContextMenu at={menu} onClose={closeMenu} />}
        <PanelOverlay loading={!rows && !error && !tooLarge} empty={empty} />
      </div>
    </div>
  );
}
