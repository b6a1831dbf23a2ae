// 图表: ranking of regions, the daily line with phase windows, each department's own figures of
// one unit side by side, and a Shanxi map (示意图). A click on a region drills the whole filter to it.
// Each chart's query and panel are in views/charts/.
import { useCallback, useState } from 'react';
import { FindingContextMenu, type FindingMenuAt } from '../components/inspection/FindingContextMenu';
import { chartPointDraft } from '../logic/finding-draft-of';
import { PROVINCE_CODE } from '../state/filter';
import { useChartInputs, type ChartPointMenu } from './charts/chart-inputs';
import { ChartsToolbar } from './charts/ChartsToolbar';
import { DailyPanel, useDailyChart } from './charts/daily-chart';
import { DepartmentsPanel, useDepartmentsChart } from './charts/departments-chart';
import { MapPanel, useMapChart } from './charts/map-chart';
import { RankingPanel, useRankingChart } from './charts/ranking-chart';

export function ChartsView() {
  // 记一条督导发现 on a right-clicked point: its region or day, the chart's indicator.
  const [menu, setMenu] = useState<FindingMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const inputs = useChartInputs();
  const { catalogue, filter, indicator, scopeCity, dispatch } = inputs;
  // The hooks in this order: the queries are asked for in it.
  const ranking = useRankingChart(inputs);
  const daily = useDailyChart(inputs);
  const departments = useDepartmentsChart(inputs);
  const map = useMapChart(inputs);

  const drill = (code: string | null) => {
    if (code && code !== PROVINCE_CODE && code !== scopeCity) dispatch({ type: 'filter', action: { type: 'drill', code } });
  };
  const pointMenu: ChartPointMenu = (point, at) => setMenu({ ...at, ...chartPointDraft(catalogue, point, indicator.key, filter) });

  return (
    <div className="view charts-view" data-testid="charts-view">
      <ChartsToolbar inputs={inputs} />
      <div className="chart-grid">
        <RankingPanel inputs={inputs} chart={ranking} onDrill={drill} onPointMenu={pointMenu} />
        <MapPanel inputs={inputs} chart={map} onDrill={drill} onPointMenu={pointMenu} />
        <DailyPanel inputs={inputs} chart={daily} onPointMenu={pointMenu} />
        <DepartmentsPanel inputs={inputs} chart={departments} />
      </div>
      {menu && <FindingContextMenu at={menu} onClose={closeMenu} />}
    </div>
  );
}
