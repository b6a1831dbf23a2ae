// 图表: ranking of regions, the daily line with phase windows, each department's own figures of
// one unit side by side, and a Shanxi map (示意图). A click on a region drills the whole filter to it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Indicator } from '../../shared/api/catalogue-types';
import { ChartPanel } from '../components/ChartPanel';
import type { ChartClick } from '../components/EChart';
import { FindingContextMenu, type FindingMenuAt } from '../components/inspection/FindingContextMenu';
import { chartPointDraft } from '../logic/finding-draft-of';
import { useOperation } from '../data/use-operation';
import { dailyOption, dailySeries, departmentFigures, departmentFiguresOption, mapOption, rankingData, rankingOption, type MapDatum } from '../logic/chart-options';
import { regionNames } from '../../shared/region-names';
import { hasMap, loadMap, prefetchMaps, type MapFeatureInfo } from '../logic/maps';
import { daysBetween } from '../logic/sparkline';
import { effectiveIndicators, sliceFilterOf, PROVINCE_CODE } from '../state/filter';
import { phasesWithin } from '../state/presets';
import { chartScope, regionIndex } from '../state/regions';
import { viewOptions } from '../state/view-state';
import { useWorkstation } from '../state/workstation-context';

/** Units in order of how many of the indicators use them. */
export function unitsOf(indicators: Indicator[]): string[] {
  const count = new Map<string, number>();
  for (const i of indicators) count.set(i.unit, (count.get(i.unit) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([u]) => u);
}

/** The map a map query's answer belongs to: a city's counties, or the province's cities. */
function mapCodeOf(input: { by?: readonly string[]; regions?: readonly string[] }): string {
  return input.by?.[0] === 'region:county' ? (input.regions?.[0] ?? PROVINCE_CODE) : PROVINCE_CODE;
}

function clickedIndicator(e: ChartClick): string | null {
  const d = e.data as { key?: unknown } | null | undefined;
  return d && typeof d.key === 'string' ? d.key : null;
}

function clickedCode(e: ChartClick): string | null {
  const d = e.data as { code?: unknown } | null | undefined;
  return d && typeof d.code === 'string' && d.code !== '' ? d.code : null;
}

export function ChartsView() {
  // 记一条督导发现 on a right-clicked point: its region or day, the chart's indicator.
  const [menu, setMenu] = useState<FindingMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const { catalogue, state, dispatch } = useWorkstation();
  const { filter } = state;
  const options = viewOptions(state);
  // Only the indicator and department choices matter: the columns stay the same objects otherwise.
  const { indicators: chosenIndicators, departments: chosenDepartments } = filter;
  const indicators = useMemo(
    () => effectiveIndicators(catalogue, { ...filter, indicators: chosenIndicators, departments: chosenDepartments }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogue, chosenIndicators, chosenDepartments],
  );
  const indicator = indicators.find((i) => i.key === options.chartIndicator) ?? indicators[0] ?? catalogue.indicators[0]!;
  const scope = useMemo(() => chartScope(catalogue, filter.regions), [catalogue, filter.regions]);
  const regions = useMemo(() => regionIndex(catalogue), [catalogue]);
  const names = useMemo(() => regionNames(catalogue.regions), [catalogue]);
  const scopeCity = scope.level === 'region:county' && scope.regions.length === 1 ? scope.regions[0]! : null;
  const base = sliceFilterOf(filter);
  const compare = filter.compare ? { compare: filter.compare } : {};
  const drill = (code: string | null) => {
    if (code && code !== PROVINCE_CODE && code !== scopeCity) dispatch({ type: 'filter', action: { type: 'drill', code } });
  };

  // Ranking: the regions of the scope.
  const ranking = useOperation('query', { ...base, regions: scope.regions, indicators: [indicator.key], by: [scope.level], ...compare });
  const rankingOpt = useMemo(() => (ranking.data ? rankingOption(rankingData(ranking.data.rows, scopeCity, names), indicator, scope.highlight) : null), [ranking.data, scopeCity, names, indicator, scope.highlight]);

  // Daily line, last year's dashed with 同比.
  const yoy = filter.compare === 'yoy';
  const daily = useOperation('query', { ...base, indicators: [indicator.key], by: ['day'], ...(yoy ? { compare: 'yoy' as const } : {}) });
  const days = useMemo(() => daysBetween(filter.from, filter.to), [filter.from, filter.to]);
  const phases = useMemo(() => phasesWithin(catalogue, filter.from, filter.to), [catalogue, filter.from, filter.to]);
  const dailyOpt = useMemo(
    // The legend names what the line holds when the filter narrows the province (吕梁市（交城县）).
    () => (daily.data ? dailyOption(dailySeries(daily.data.rows, days), indicator, phases, daily.dataInput?.compare === 'yoy', daily.data.total.region_name) : null),
    [daily.data, daily.dataInput, days, indicator, phases],
  );

  // Each department's own figures of one unit, side by side (never added up), over the whole filter.
  const units = unitsOf(indicators);
  const unit = options.stackUnit && units.includes(options.stackUnit) ? options.stackUnit : indicator.unit;
  const unitIndicators = useMemo(() => indicators.filter((i) => i.unit === unit), [indicators, unit]);
  const stack = useOperation('query', { ...base, indicators: unitIndicators.map((i) => i.key), by: ['indicator'], ...compare });
  const compareName = stack.dataInput?.compare === 'yoy' ? '同比' : stack.dataInput?.compare === 'prev' ? '环比' : null;
  const stackOpt = useMemo(
    () => (stack.data ? departmentFiguresOption(departmentFigures(stack.data.rows, unitIndicators), unit, compareName) : null),
    [stack.data, unitIndicators, unit, compareName],
  );

  // Map: the province's cities, or one city's counties. The boundaries drawn are those of the
  // answer shown (the previous one while the next loads), so a map is never drawn with another
  // map's figures.
  const mapCode = hasMap(scope.mapCode) ? scope.mapCode : PROVINCE_CODE;
  const [maps, setMaps] = useState<ReadonlyMap<string, MapFeatureInfo[]>>(new Map());
  const [mapError, setMapError] = useState<Error | null>(null);
  useEffect(() => {
    let stale = false;
    loadMap(mapCode).then(
      (features) => !stale && setMaps((m) => (m.get(mapCode) === features ? m : new Map(m).set(mapCode, features))),
      (e: unknown) => !stale && setMapError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      stale = true;
    };
  }, [mapCode]);
  const mapQuery = mapCode === PROVINCE_CODE ? { regions: scope.level === 'region:city' ? scope.regions : filter.regions, by: ['region:city' as const] } : { regions: [mapCode], by: ['region:county' as const] };
  const mapData = useOperation('query', { ...base, ...mapQuery, indicators: [indicator.key] });
  const shownMapCode = mapData.dataInput ? mapCodeOf(mapData.dataInput) : null;
  const shownMap = shownMapCode === null ? undefined : maps.get(shownMapCode);
  const mapReady = shownMap !== undefined && shownMapCode === mapCode;
  // From the province, a click goes to a city: its map is loaded while nothing else happens.
  const provinceMap = maps.get(PROVINCE_CODE);
  useEffect(() => {
    if (!provinceMap || mapCode !== PROVINCE_CODE) return;
    return prefetchMaps(provinceMap.map((f) => f.code));
  }, [provinceMap, mapCode]);
  const mapOpt = useMemo(() => {
    if (!shownMap || shownMapCode === null || !mapData.data) return null;
    const byCode = new Map(mapData.data.rows.map((r) => [r.region_code ?? '', r]));
    const data: MapDatum[] = shownMap.map((f) => {
      const row = byCode.get(f.code);
      // The tooltip names what the figure holds: 太原市（小店区）, or 阳泉市城区 for a shared name.
      const fullName = names.isAmbiguous(f.code) ? names.distinct(f.code) : row?.region_name !== undefined && row.region_name !== f.name ? row.region_name : undefined;
      return { name: f.name, code: f.code, value: row?.value ?? null, ...(fullName !== undefined ? { fullName } : {}) };
    });
    return mapOption(shownMapCode, data, indicator, scope.highlight);
  }, [shownMap, shownMapCode, mapData.data, names, indicator, scope.highlight]);

  const isEmpty = (rows: { value: number | null }[] | undefined) => rows !== undefined && rows.every((r) => r.value === null);
  const indicatorName = `${indicator.name}（${indicator.unit}）`;
  const mapTitle = mapCode === PROVINCE_CODE ? '山西省' : (regions.get(mapCode)?.name ?? '');

  return (
    <div className="view charts-view" data-testid="charts-view">
      <div className="view-toolbar">
        <h2>图表</h2>
        <label className="inline-field">
          指标
          <select
            value={indicator.key}
            data-testid="chart-indicator"
            onChange={(e) => dispatch({ type: 'setOptions', options: { chartIndicator: e.target.value } })}
          >
            {catalogue.departments.map((d) => {
              const inds = indicators.filter((i) => i.department === d.name);
              return inds.length === 0 ? null : (
                <optgroup key={d.name} label={d.name}>
                  {inds.map((i) => (
                    <option key={i.key} value={i.key}>
                      {i.name}（{i.unit}）
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
        <span className="muted small push-right">点击柱条或地图区域即下钻到该地区；用上方路径返回上级</span>
      </div>
      <div className="chart-grid">
        <ChartPanel
          name="ranking"
          title={`${scope.title}排名 · ${indicatorName}`}
          option={rankingOpt}
          optionKey={ranking.dataKey === null ? null : `${ranking.dataKey}|${scope.highlight ?? ''}`}
          current={ranking.current}
          loading={ranking.loading}
          error={ranking.error}
          empty={ranking.current && isEmpty(ranking.data?.rows)}
          onClick={(e) => drill(clickedCode(e))}
          onContextMenu={(e, at) => setMenu({ ...at, ...chartPointDraft(catalogue, { code: clickedCode(e), day: null }, indicator.key, filter) })}
        />
        <ChartPanel
          name="map"
          title={`${mapTitle}分布 · ${indicatorName}`}
          actions={
            <>
              {mapCode !== PROVINCE_CODE && (
                <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'filter', action: { type: 'drill', code: PROVINCE_CODE } })}>
                  返回全省
                </button>
              )}
              <span className="badge" title="边界数据仅为示意，不作为审定地图">
                示意图
              </span>
            </>
          }
          option={mapOpt}
          optionKey={shownMap && mapData.dataKey !== null ? `${shownMapCode}|${mapData.dataKey}|${scope.highlight ?? ''}` : null}
          current={mapReady && mapData.current}
          loading={mapData.loading || !mapReady}
          error={mapError ?? mapData.error}
          empty={false}
          onClick={(e) => drill(clickedCode(e))}
          onContextMenu={(e, at) => setMenu({ ...at, ...chartPointDraft(catalogue, { code: clickedCode(e), day: null }, indicator.key, filter) })}
          footnote="示意图：边界数据仅用于展示各地区分布，不作为审定地图使用。"
          attributes={{ 'data-map-code': shownMap ? (shownMapCode ?? '') : '', 'data-map-regions': String(shownMap?.length ?? 0) }}
        />
        <ChartPanel
          name="daily"
          title={`每日走势 · ${indicatorName}${yoy ? ' · 虚线为去年同期' : ''}`}
          option={dailyOpt}
          optionKey={daily.dataKey === null ? null : `${daily.dataKey}|${phases.length}`}
          current={daily.current}
          loading={daily.loading}
          error={daily.error}
          empty={daily.current && isEmpty(daily.data?.rows)}
          onContextMenu={(e, at) => setMenu({ ...at, ...chartPointDraft(catalogue, { code: null, day: e.name }, indicator.key, filter) })}
          footnote={phases.length > 0 ? `阴影为行动阶段：${phases.map((p) => `${p.name}（${p.from.slice(5)}至${p.to.slice(5)}）`).join('、')}` : '所选时段内没有行动阶段'}
        />
        <ChartPanel
          name="departments"
          title={`各部门指标对比 · 单位：${unit}（${unitIndicators.length} 项，分列不相加）`}
          actions={
            <label className="inline-field">
              单位
              <select value={unit} data-testid="stack-unit" onChange={(e) => dispatch({ type: 'setOptions', options: { stackUnit: e.target.value } })}>
                {units.map((u) => (
                  <option key={u} value={u}>
                    {u}（{indicators.filter((i) => i.unit === u).length} 项）
                  </option>
                ))}
              </select>
            </label>
          }
          option={stackOpt}
          optionKey={stack.dataKey === null ? null : `${stack.dataKey}|${unit}|${compareName ?? ''}`}
          current={stack.current}
          loading={stack.loading}
          error={stack.error}
          empty={stack.current && isEmpty(stack.data?.rows)}
          onClick={(e) => {
            const key = clickedIndicator(e);
            if (key) dispatch({ type: 'setOptions', options: { chartIndicator: key } });
          }}
          footnote={`每条为一个部门的一项指标，分列显示、不相加${stack.data?.total.region_name ? `；范围：${stack.data.total.region_name}` : ''}。点击柱条，排名、地图和走势改看该指标。`}
        />
      </div>
      {menu && <FindingContextMenu at={menu} onClose={closeMenu} />}
    </div>
  );
}
