// What every chart of the 图表 view is drawn for (the filter, its indicators and the one shown,
// the regions' scope), what a chart panel shows of its answer, and reading a clicked chart item.
import { useMemo } from 'react';
import type { EChartsOption } from 'echarts';
import type { Catalogue, Indicator, Region } from '../../../shared/api/catalogue-types';
import type { Compare } from '../../../shared/api/slice';
import { regionNames, type RegionNames } from '../../../shared/region-names';
import type { ChartClick } from '../../components/EChart';
import { sliceFilterOf, type FilterState } from '../../state/filter';
import { chartScope, regionIndex, type ChartScope } from '../../state/regions';
import { useEffectiveIndicators } from '../../state/use-effective-indicators';
import { viewOptions, type ViewAction, type ViewOptions } from '../../state/view-state';
import { useWorkstation } from '../../state/workstation-context';

export interface ChartInputs {
  catalogue: Catalogue;
  dispatch: (action: ViewAction) => void;
  filter: FilterState;
  options: ViewOptions;
  /** The filter's indicators. */
  indicators: Indicator[];
  /** The one the ranking, the map and the daily line show. */
  indicator: Indicator;
  scope: ChartScope;
  /** The city whose counties the scope shows: its own bar or region is no drill. */
  scopeCity: string | null;
  regions: Map<string, Region>;
  names: RegionNames;
  /** The filter as a query's, and its comparison. */
  base: ReturnType<typeof sliceFilterOf>;
  compare: { compare?: Compare };
}

export function useChartInputs(): ChartInputs {
  const { catalogue, state, dispatch } = useWorkstation();
  const { filter } = state;
  const options = viewOptions(state);
  const indicators = useEffectiveIndicators(catalogue, filter);
  const indicator = indicators.find((i) => i.key === options.chartIndicator) ?? indicators[0] ?? catalogue.indicators[0]!;
  const scope = useMemo(() => chartScope(catalogue, filter.regions), [catalogue, filter.regions]);
  const regions = useMemo(() => regionIndex(catalogue), [catalogue]);
  const names = useMemo(() => regionNames(catalogue.regions), [catalogue]);
  const scopeCity = scope.level === 'region:county' && scope.regions.length === 1 ? scope.regions[0]! : null;
  return {
    catalogue,
    dispatch,
    filter,
    options,
    indicators,
    indicator,
    scope,
    scopeCity,
    regions,
    names,
    base: sliceFilterOf(filter),
    compare: filter.compare ? { compare: filter.compare } : {},
  };
}

/** What a ChartPanel shows of a chart's answer: its option and states. */
export interface ChartAnswer {
  option: EChartsOption | null;
  optionKey: string | null;
  current: boolean;
  loading: boolean;
  error: Error | null;
  empty: boolean;
}

/** An answer without one figure. */
export const isEmpty = (rows: { value: number | null }[] | undefined) => rows !== undefined && rows.every((r) => r.value === null);

/** The indicator's name with its unit, as the chart titles print it. */
export const indicatorName = (indicator: Indicator) => `${indicator.name}（${indicator.unit}）`;

export function clickedIndicator(e: ChartClick): string | null {
  const d = e.data as { key?: unknown } | null | undefined;
  return d && typeof d.key === 'string' ? d.key : null;
}

export function clickedCode(e: ChartClick): string | null {
  const d = e.data as { code?: unknown } | null | undefined;
  return d && typeof d.code === 'string' && d.code !== '' ? d.code : null;
}

/** Opens 记一条督导发现 for a right-clicked chart item: its region or its day. */
export type ChartPointMenu = (point: { code: string | null; day: string | null }, at: { x: number; y: number }) => void;
