// 分布 (示意图): the province's cities, or one city's counties, on a map. The boundaries drawn are
// those of the answer shown (the previous one while the next loads), so a map is never drawn with
// another map's figures.
import { useEffect, useMemo, useState } from 'react';
import { ChartPanel } from '../../components/ChartPanel';
import { useOperation } from '../../data/use-operation';
import { mapOption, type MapDatum } from '../../logic/chart-options';
import { hasMap, loadMap, prefetchMaps, type MapFeatureInfo } from '../../logic/maps';
import { PROVINCE_CODE } from '../../state/filter';
import { clickedCode, indicatorName, type ChartAnswer, type ChartInputs, type ChartPointMenu } from './chart-inputs';

export interface MapChart {
  answer: ChartAnswer;
  /** The map asked for: 140000 or a city's code. */
  mapCode: string;
  /** data-map-code and data-map-regions: the map drawn and its number of regions. */
  attributes: Record<string, string>;
}

/** The map a map query's answer belongs to: a city's counties, or the province's cities. */
function mapCodeOf(input: { by?: readonly string[]; regions?: readonly string[] }): string {
  return input.by?.[0] === 'region:county' ? (input.regions?.[0] ?? PROVINCE_CODE) : PROVINCE_CODE;
}

/** The boundaries loaded so far, by map code; `mapCode`'s loaded when asked for. */
function useMapFeatures(mapCode: string): { maps: ReadonlyMap<string, MapFeatureInfo[]>; error: Error | null } {
  const [maps, setMaps] = useState<ReadonlyMap<string, MapFeatureInfo[]>>(new Map());
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let stale = false;
    loadMap(mapCode).then(
      (features) => !stale && setMaps((m) => (m.get(mapCode) === features ? m : new Map(m).set(mapCode, features))),
      (e: unknown) => !stale && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      stale = true;
    };
  }, [mapCode]);
  return { maps, error };
}

export function useMapChart({ base, filter, scope, indicator, names }: ChartInputs): MapChart {
  const mapCode = hasMap(scope.mapCode) ? scope.mapCode : PROVINCE_CODE;
  const { maps, error: mapError } = useMapFeatures(mapCode);
  const mapQuery =
    mapCode === PROVINCE_CODE
      ? { regions: scope.level === 'region:city' ? scope.regions : filter.regions, by: ['region:city' as const] }
      : { regions: [mapCode], by: ['region:county' as const] };
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
  const option = useMemo(() => {
    if (!shownMap || shownMapCode === null || !mapData.data) return null;
    const byCode = new Map(mapData.data.rows.map((r) => [r.region_code ?? '', r]));
    const data: MapDatum[] = shownMap.map((f) => {
      const row = byCode.get(f.code);
      // The tooltip names what the figure holds: 太原市（小店区）, or 阳泉市城区 for a shared name.
      const fullName = names.isAmbiguous(f.code)
        ? names.distinct(f.code)
        : row?.region_name !== undefined && row.region_name !== f.name
          ? row.region_name
          : undefined;
      return { name: f.name, code: f.code, value: row?.value ?? null, ...(fullName !== undefined ? { fullName } : {}) };
    });
    return mapOption(shownMapCode, data, indicator, scope.highlight);
  }, [shownMap, shownMapCode, mapData.data, names, indicator, scope.highlight]);
  return {
    answer: {
      option,
      optionKey: shownMap && mapData.dataKey !== null ? `${shownMapCode}|${mapData.dataKey}|${scope.highlight ?? ''}` : null,
      current: mapReady && mapData.current,
      loading: mapData.loading || !mapReady,
      error: mapError ?? mapData.error,
      empty: false,
    },
    mapCode,
    attributes: { 'data-map-code': shownMap ? (shownMapCode ?? '') : '', 'data-map-regions': String(shownMap?.length ?? 0) },
  };
}

interface Props {
  inputs: ChartInputs;
  chart: MapChart;
  onDrill(code: string | null): void;
  onPointMenu: ChartPointMenu;
}

export function MapPanel({ inputs: { regions, indicator, dispatch }, chart, onDrill, onPointMenu }: Props) {
  const { mapCode } = chart;
  const mapTitle = mapCode === PROVINCE_CODE ? '山西省' : (regions.get(mapCode)?.name ?? '');
  return (
    <ChartPanel
      name="map"
      title={`${mapTitle}分布 · ${indicatorName(indicator)}`}
      actions={
        <>
          {mapCode !== PROVINCE_CODE && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => dispatch({ type: 'filter', action: { type: 'drill', code: PROVINCE_CODE } })}
            >
              返回全省
            </button>
          )}
          <span className="badge" title="边界数据仅为示意，不作为审定地图">
            示意图
          </span>
        </>
      }
      {...chart.answer}
      onClick={(e) => onDrill(clickedCode(e))}
      onContextMenu={(e, at) => onPointMenu({ code: clickedCode(e), day: null }, at)}
      footnote="示意图：边界数据仅用于展示各地区分布，不作为审定地图使用。"
      attributes={chart.attributes}
    />
  );
}
