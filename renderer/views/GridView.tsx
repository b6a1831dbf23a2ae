// 表格: rows by city / county / department / day / ISO week, indicators as columns grouped by
// department, a pinned total row, comparison columns, a column chooser and CSV export; or
// indicators as rows (本期 / 基期 / 增减 / 增减% as columns). The parts are in views/grid/.
import { useCallback, useState } from 'react';
import type { CellClickedEvent, CellContextMenuEvent } from 'ag-grid-community';
import { ErrorBanner, LoadingBar, PanelOverlay, useSlow } from '../components/feedback';
import { useOperation } from '../data/use-operation';
import { sliceFilterOf } from '../state/filter';
import { asRowsBy, viewOptions } from '../state/view-state';
import { COUNTY_DAY_ROWS, rowKeys } from '../../shared/api/views';
import { listingSize } from '../logic/listing';
import { useWorkstation } from '../state/workstation-context';
import { drillRegions, isDrillable } from '../logic/grid-columns';
import type { GridRow } from '../logic/pivot';
import type { GroupKey } from '../../shared/api/slice';
import { useIsDemo } from '../database/database-context';
import { FindingContextMenu, type FindingMenuAt } from '../components/inspection/FindingContextMenu';
import { gridRowDraft } from '../logic/finding-draft-of';
import { useEffectiveIndicators } from '../state/use-effective-indicators';
import { GridPane, ROW_PX } from './GridPane';
import { exportGridCsv } from './grid/export-csv';
import { GridToolbar } from './grid/GridToolbar';
import { ListingTooLarge } from './grid/ListingTooLarge';
import { HEADER_PX } from './grid/pane-content';
import { useGridPanes } from './grid/use-grid-panes';

/** Room for the horizontal scrollbar and the borders. */
const SCROLLBAR_PX = 20;

export function GridView() {
  const { catalogue, state, dispatch, info } = useWorkstation();
  const demo = useIsDemo(info?.demo);
  const { filter } = state;
  const rowsBy = asRowsBy(state.rowsBy);
  const hidden = viewOptions(state).hiddenIndicators;
  const indicators = useEffectiveIndicators(catalogue, filter);
  const compare = filter.compare ? { compare: filter.compare } : {};
  const base = sliceFilterOf(filter);
  const by: GroupKey[] = [...rowKeys(rowsBy), 'indicator'];
  // A county × day listing too large for the window is not asked for: the view says how to narrow it.
  const listing = rowsBy === COUNTY_DAY_ROWS ? listingSize(catalogue, filter.regions, filter.from, filter.to, indicators.length) : null;
  const tooLarge = listing?.tooLarge === true;
  const data = useOperation('query', tooLarge ? null : { ...base, by, ...compare });
  const totals = useOperation('query', tooLarge ? null : { ...base, by: ['indicator'], ...compare });
  // The other layout, drawn ahead: 同比 on, or off again.
  const otherCompare = filter.compare === null ? { compare: 'yoy' as const } : {};
  const panes = useGridPanes({
    catalogue,
    indicators,
    hidden,
    tooLarge,
    data,
    totals,
    other: [
      { ...base, by, ...otherCompare },
      { ...base, by: ['indicator'], ...otherCompare },
    ],
  });
  const { activeKind, shown, rows } = panes;

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

  const exportCsv = () => exportGridCsv(panes.apis.current[activeKind], { catalogue, filter, rowsBy, info, demo });

  const error = data.error ?? totals.error;
  const stale = useSlow(data.loading);
  // A few rows: the grid is as tall as its rows (the total right under them); many: it fills the
  // view and scrolls (virtualised). Heights follow the grid's fixed row and header heights.
  const autoHeight = rows !== null && rows.length <= 24;
  const fitHeight = autoHeight ? HEADER_PX + (rows.length + 1) * ROW_PX + SCROLLBAR_PX : undefined;
  const empty = data.current && rows !== null && rows.length === 0;
  return (
    <div className="view grid-view" data-testid="grid-view">
      <LoadingBar active={data.loading || totals.loading} />
      <GridToolbar
        catalogue={catalogue}
        indicators={indicators}
        hidden={hidden}
        rowsBy={rowsBy}
        dispatch={dispatch}
        rows={rows}
        base={filter.compare && data.data?.period.base ? data.data.period.base : null}
        onExport={exportCsv}
      />
      {error && <ErrorBanner error={error} />}
      <div
        className={`grid-host${stale ? ' is-stale' : ''}${autoHeight ? ' auto-height' : ''}`}
        style={fitHeight ? { height: fitHeight } : undefined}
      >
        {tooLarge && listing && <ListingTooLarge listing={listing} indicators={indicators.length} />}
        {!tooLarge &&
          (['plain', 'compare'] as const).map((kind) => {
            const c = shown[kind];
            return c ? (
              <GridPane
                key={kind}
                kind={kind}
                active={kind === activeKind}
                content={c}
                onDrawn={panes.onDrawn}
                onApi={panes.onApi}
                onCellClicked={onCellClicked}
                onCellContextMenu={onCellContextMenu}
                sort={panes.sort}
              />
            ) : null;
          })}
        {menu && <FindingContextMenu at={menu} onClose={closeMenu} />}
        <PanelOverlay loading={!rows && !error && !tooLarge} empty={empty} />
      </div>
    </div>
  );
}
