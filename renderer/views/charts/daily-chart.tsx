// 每日走势: the daily line over the filter's dates, the campaign's phases shaded, last year's
// dashed with 同比.
import { useMemo } from 'react';
import { ChartPanel } from '../../components/ChartPanel';
import { useOperation } from '../../data/use-operation';
import { dailyOption, dailySeries } from '../../logic/chart-options';
import { daysBetween } from '../../logic/sparkline';
import { phasesWithin } from '../../state/presets';
import { indicatorName, isEmpty, type ChartAnswer, type ChartInputs, type ChartPointMenu } from './chart-inputs';

export interface DailyChart {
  answer: ChartAnswer;
  /** The phases within the dates (shaded). */
  phases: ReturnType<typeof phasesWithin>;
}

export function useDailyChart({ catalogue, filter, base, indicator }: ChartInputs): DailyChart {
  const yoy = filter.compare === 'yoy';
  const daily = useOperation('query', { ...base, indicators: [indicator.key], by: ['day'], ...(yoy ? { compare: 'yoy' as const } : {}) });
  const days = useMemo(() => daysBetween(filter.from, filter.to), [filter.from, filter.to]);
  const phases = useMemo(() => phasesWithin(catalogue, filter.from, filter.to), [catalogue, filter.from, filter.to]);
  const option = useMemo(
    // The legend names what the line holds when the filter narrows the province (吕梁市（交城县）).
    () =>
      daily.data
        ? dailyOption(
            dailySeries(daily.data.rows, days),
            indicator,
            phases,
            daily.dataInput?.compare === 'yoy',
            daily.data.total.region_name,
          )
        : null,
    [daily.data, daily.dataInput, days, indicator, phases],
  );
  return {
    answer: {
      option,
      optionKey: daily.dataKey === null ? null : `${daily.dataKey}|${phases.length}`,
      current: daily.current,
      loading: daily.loading,
      error: daily.error,
      empty: daily.current && isEmpty(daily.data?.rows),
    },
    phases,
  };
}

export function DailyPanel({
  inputs: { filter, indicator },
  chart,
  onPointMenu,
}: {
  inputs: ChartInputs;
  chart: DailyChart;
  onPointMenu: ChartPointMenu;
}) {
  const { phases } = chart;
  return (
    <ChartPanel
      name="daily"
      title={`每日走势 · ${indicatorName(indicator)}${filter.compare === 'yoy' ? ' · 虚线为去年同期' : ''}`}
      {...chart.answer}
      onContextMenu={(e, at) => onPointMenu({ code: null, day: e.name }, at)}
      footnote={
        phases.length > 0
          ? `阴影为行动阶段：${phases.map((p) => `${p.name}（${p.from.slice(5)}至${p.to.slice(5)}）`).join('、')}`
          : '所选时段内没有行动阶段'
      }
    />
  );
}
