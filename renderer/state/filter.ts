// The workstation's one filter state (FilterState from shared/api/views.ts) and its reducer.
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import type { Compare, SliceFilter } from '../../shared/api/slice';
import type { FilterState } from '../../shared/api/views';

export type { FilterState };

export type FilterAction =
  | { type: 'setRange'; from: string; to: string; preset: string | null }
  | { type: 'setRegions'; regions: string[] }
  /** Narrow to one region (a click in a chart, the map or a breadcrumb). */
  | { type: 'drill'; code: string }
  | { type: 'setDepartments'; departments: string[] }
  | { type: 'setIndicators'; indicators: string[] }
  | { type: 'setCompare'; compare: Compare | null }
  | { type: 'replace'; filter: FilterState };

export const PROVINCE_CODE = '140000';

export function filterReducer(state: FilterState, action: FilterAction): FilterState {
  switch (action.type) {
    case 'setRange':
      if (action.from > action.to) return state;
      return { ...state, from: action.from, to: action.to, preset: action.preset };
    case 'setRegions':
      return { ...state, regions: uniq(action.regions.filter((c) => c !== PROVINCE_CODE)) };
    case 'drill':
      return { ...state, regions: action.code === PROVINCE_CODE ? [] : [action.code] };
    case 'setDepartments': {
      const departments = uniq(action.departments);
      // Indicators of departments no longer chosen would silently vanish from the query: drop them.
      const indicators =
        departments.length === 0 ? state.indicators : state.indicators.filter((k) => departments.includes(k.split('/')[0] ?? ''));
      return { ...state, departments, indicators };
    }
    case 'setIndicators':
      return { ...state, indicators: uniq(action.indicators) };
    case 'setCompare':
      return { ...state, compare: action.compare };
    case 'replace':
      return action.filter;
  }
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

/** The slice filter every query of the current state starts from. */
export function sliceFilterOf(filter: FilterState): Omit<SliceFilter, 'phase'> & { from: string; to: string } {
  return {
    from: filter.from,
    to: filter.to,
    regions: filter.regions,
    departments: filter.departments,
    indicators: filter.indicators,
  };
}

/** The indicators the filter stands for: the chosen ones, else every one of the chosen departments (or all). */
export function effectiveIndicators(catalogue: Catalogue, filter: FilterState): Indicator[] {
  if (filter.indicators.length > 0) {
    const chosen = new Set(filter.indicators);
    return catalogue.indicators.filter((i) => chosen.has(i.key));
  }
  if (filter.departments.length > 0) {
    const deps = new Set(filter.departments);
    return catalogue.indicators.filter((i) => deps.has(i.department));
  }
  return catalogue.indicators;
}

/** The overview's cards: the chosen indicators, else the chosen departments', else the 综合 ones. */
export function overviewIndicators(catalogue: Catalogue, filter: FilterState): Indicator[] {
  if (filter.indicators.length > 0 || filter.departments.length > 0) return effectiveIndicators(catalogue, filter);
  return catalogue.indicators.filter((i) => i.department === '综合');
}

export function compareLabel(compare: Compare | null): string {
  return compare === 'yoy' ? '同比' : compare === 'prev' ? '环比' : '无对比';
}
