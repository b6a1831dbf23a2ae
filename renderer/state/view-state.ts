// Everything a saved view holds: which view, the filter, the grid's rows, view options.
import type { GroupKey } from '../../shared/api/slice';
import { COUNTY_DAY_ROWS, type FilterState, type RowsLayout, type ViewState } from '../../shared/api/views';
import { filterReducer, type FilterAction } from './filter';

export type ViewKind = ViewState['view'];
export type RowsBy =
  Extract<GroupKey, 'region:city' | 'region:county' | 'department' | 'day' | 'week' | 'indicator'> | typeof COUNTY_DAY_ROWS;

export const ROWS_BY_CHOICES: { value: RowsBy; label: string }[] = [
  { value: 'region:city', label: '按市' },
  { value: 'region:county', label: '按县区' },
  { value: 'department', label: '按部门' },
  { value: 'day', label: '按日期' },
  { value: 'week', label: '按周' },
  { value: COUNTY_DAY_ROWS, label: '县区×日期' },
  { value: 'indicator', label: '指标为行' },
];

export const VIEW_LABELS: Record<ViewKind, string> = {
  overview: '总览',
  grid: '表格',
  charts: '图表',
  completeness: '数据完整性',
  import: '导入',
  inspection: '督导',
  review: '报送审核',
  filing: '报送状态',
};

/** Typed view options (stored in ViewState.options, a free record). */
export interface ViewOptions {
  /** Indicator keys hidden in the grid. */
  hiddenIndicators: string[];
  /** The indicator the charts draw. */
  chartIndicator: string | null;
  /** The unit the department stack sums. */
  stackUnit: string | null;
}

const NONE: string[] = [];
const optionsCache = new WeakMap<ViewState['options'], ViewOptions>();

/** The typed options; the same object for the same options record (so memos downstream hold). */
export function viewOptions(state: ViewState): ViewOptions {
  const o = state.options;
  const hit = optionsCache.get(o);
  if (hit) return hit;
  const typed = readOptions(o);
  optionsCache.set(o, typed);
  return typed;
}

function readOptions(o: ViewState['options']): ViewOptions {
  return {
    hiddenIndicators: Array.isArray(o.hiddenIndicators) ? o.hiddenIndicators.filter((x): x is string => typeof x === 'string') : NONE,
    chartIndicator: typeof o.chartIndicator === 'string' ? o.chartIndicator : null,
    stackUnit: typeof o.stackUnit === 'string' ? o.stackUnit : null,
  };
}

export function asRowsBy(key: RowsLayout): RowsBy {
  return key === 'region:county' ||
    key === 'department' ||
    key === 'day' ||
    key === 'week' ||
    key === 'indicator' ||
    key === COUNTY_DAY_ROWS
    ? key
    : 'region:city';
}

/** The row layout a query's grouping keys were asked for (each layout's keys, then 'indicator'). */
export function rowsByOfKeys(keys: readonly GroupKey[]): RowsBy {
  const rowKeys = keys.filter((k) => k !== 'indicator');
  if (rowKeys.length === 0) return keys.includes('indicator') ? 'indicator' : 'region:city';
  return rowKeys.includes('region:county') && rowKeys.includes('day') ? COUNTY_DAY_ROWS : asRowsBy(rowKeys[0]!);
}

export type ViewAction =
  | { type: 'filter'; action: FilterAction }
  | { type: 'setView'; view: ViewKind }
  | { type: 'setRowsBy'; rowsBy: RowsBy }
  | { type: 'setOptions'; options: Partial<ViewOptions> }
  | { type: 'open'; state: ViewState };

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'filter': {
      const filter = filterReducer(state.filter, action.action);
      if (filter === state.filter) return state;
      return { ...state, filter, rowsBy: rowsAfterDrill(state.rowsBy, action.action) };
    }
    case 'setView':
      return { ...state, view: action.view };
    case 'setRowsBy':
      return { ...state, rowsBy: action.rowsBy };
    case 'setOptions':
      return { ...state, options: { ...state.options, ...action.options } };
    case 'open':
      return action.state;
  }
}

const CITY_CODE = /^14\d{2}00$/;

/**
 * Drilling into a city shows its counties in the grid; stepping back to the province shows the
 * cities again. Other row layouts (departments, days) stay as chosen.
 */
export function rowsAfterDrill(rowsBy: RowsLayout, action: FilterAction): RowsLayout {
  if (action.type !== 'drill') return rowsBy;
  if (action.code === '140000') return rowsBy === 'region:county' ? 'region:city' : rowsBy;
  if (CITY_CODE.test(action.code) && rowsBy === 'region:city') return 'region:county';
  return rowsBy;
}

export function initialViewState(filter: FilterState): ViewState {
  return { view: 'overview', filter, rowsBy: 'region:city', options: {} };
}
