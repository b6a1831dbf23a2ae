// 排名: the regions of the scope (the cities, or one city's counties), largest first.
import { useMemo } from 'react';
import { ChartPanel } from '../../components/ChartPanel';
import { useOperation } from '../../data/use-operation';
import { rankingData, rankingOption } from '../../logic/chart-options';
import { clickedCode, indicatorName, isEmpty, type ChartAnswer, type ChartInputs, type ChartPointMenu } from './chart-inputs';

export function useRankingChart({ base, scope, indicator, compare, scopeCity, names }: ChartInputs): ChartAnswer {
  const ranking = useOperation('query', { ...base, regions: scope.regions, indicators: [indicator.key], by: [scope.level], ...compare });
  const option = useMemo(
    () => (ranking.data ? rankingOption(rankingData(ranking.data.rows, scopeCity, names), indicator, scope.highlight) : null),
    [ranking.data, scopeCity, names, indicator, scope.highlight],
  );
  return {
    option,
    optionKey: ranking.dataKey === null ? null : `${ranking.dataKey}|${scope.highlight ?? ''}`,
    current: ranking.current,
    loading: ranking.loading,
    error: ranking.error,
    empty: ranking.current && isEmpty(ranking.data?.rows),
  };
}

interface Props {
  inputs: ChartInputs;
  chart: ChartAnswer;
  onDrill(code: string | null): void;
  onPointMenu: ChartPointMenu;
}

export function RankingPanel({ inputs: { scope, indicator }, chart, onDrill, onPointMenu }: Props) {
  return (
    <ChartPanel
      name="ranking"
      title={`${scope.title}排名 · ${indicatorName(indicator)}`}
      {...chart}
      onClick={(e) => onDrill(clickedCode(e))}
      onContextMenu={(e, at) => onPointMenu({ code: clickedCode(e), day: null }, at)}
    />
  );
}
