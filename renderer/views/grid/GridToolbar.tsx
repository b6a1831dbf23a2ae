// The 表格 view's toolbar: rows by, the column chooser, 导出 CSV and the status (rows, indicators,
// the comparison's base period, whether a region name drills).
import type { Catalogue, Indicator } from '../../../shared/api/catalogue-types';
import { COUNTY_DAY_ROWS } from '../../../shared/api/views';
import { Segmented } from '../../components/Segmented';
import type { GridRow } from '../../logic/pivot';
import { ROWS_BY_CHOICES, type RowsBy, type ViewAction } from '../../state/view-state';
import { ColumnChooser } from './ColumnChooser';

interface Props {
  catalogue: Catalogue;
  indicators: Indicator[];
  hidden: string[];
  rowsBy: RowsBy;
  dispatch: (action: ViewAction) => void;
  /** The rows shown, null before the first answer. */
  rows: GridRow[] | null;
  /** The base period of the answer shown, when the filter compares. */
  base: { from: string; to: string } | null;
  onExport(): void;
}

export function GridToolbar({ catalogue, indicators, hidden, rowsBy, dispatch, rows, base, onExport }: Props) {
  const shownIndicators = indicators.length - indicators.filter((i) => hidden.includes(i.key)).length;
  return (
    <div className="view-toolbar">
      <h2>表格</h2>
      <Segmented<RowsBy>
        label="行"
        testId="rows-by"
        options={ROWS_BY_CHOICES}
        value={rowsBy}
        onChange={(v) => dispatch({ type: 'setRowsBy', rowsBy: v })}
      />
      <ColumnChooser
        catalogue={catalogue}
        indicators={indicators}
        hidden={hidden}
        shown={shownIndicators}
        indicatorRows={rowsBy === 'indicator'}
        dispatch={dispatch}
      />
      <button type="button" className="btn" onClick={onExport} disabled={!rows || rows.length === 0} data-testid="export-csv">
        导出 CSV
      </button>
      <span className="muted small push-right" data-testid="grid-status">
        {rows ? `${rows.length.toLocaleString('en-US')} 行 · ${shownIndicators} 项指标` : ''}
        {base ? ` · 基期 ${base.from} 至 ${base.to}` : ''}
        {rows && (rowsBy === 'region:city' || rowsBy === 'region:county' || rowsBy === COUNTY_DAY_ROWS) ? ' · 点击地区名称下钻' : ''}
      </span>
    </div>
  );
}
