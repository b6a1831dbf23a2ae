// ECharts options built from slice results: plain functions, covered by unit tests.
import type { EChartsOption } from 'echarts';
import type { Indicator } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import { formatChangePct } from '../../shared/format';
import { formatGridNumber as gridNumber } from '../../shared/format';
import { ACCENT, ACCENT_DARK, ACCENT_LIGHT, DOWN, FONT, GRID_LINE, MUTED, TEXT, UP, departmentColour } from './theme';

const textStyle = { fontFamily: FONT, color: TEXT, fontSize: 12 };
const axisLabel = { color: MUTED, fontSize: 11 };

export interface RegionBarDatum {
  name: string;
  value: number | null;
  /** The region to drill to; null for rows that are not a region of their own (省厅直属, 市本级). */
  code: string | null;
  change_pct: number | null;
}

interface TooltipParam {
  name?: string;
  value?: unknown;
  seriesName?: string;
  marker?: unknown;
  data?: unknown;
  axisValueLabel?: string;
}

function asParams(p: unknown): TooltipParam[] {
  return (Array.isArray(p) ? p : [p]) as TooltipParam[];
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Ranking rows: regions of the scope, largest first; drillable ones carry their code. */
export function rankingData(rows: SliceRow[], scopeCity: string | null): RegionBarDatum[] {
  return rows
    .filter((r) => r.region_code !== undefined)
    .map((r) => {
      const code = r.region_code!;
      const own = code === '140000' || code === scopeCity;
      return { name: r.region_name ?? code, value: r.value, code: own ? null : code, change_pct: r.change_pct ?? null };
    })
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
}

export function rankingOption(data: RegionBarDatum[], indicator: Indicator, highlight: string | null): EChartsOption {
  const unit = indicator.unit;
  return {
    animation: false,
    textStyle,
    grid: { left: 8, right: 72, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const [first] = asParams(p);
        const d = first?.data as (RegionBarDatum & { value: number | null }) | undefined;
        if (!d) return '';
        const pct = formatChangePct(d.change_pct);
        return `${d.name}<br/>${indicator.name}：${gridNumber(d.value, unit)} ${unit}${pct ? `<br/>对比：${pct}` : ''}${d.code ? '<br/><span style="color:#6b7785">点击查看下级</span>' : ''}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) }, splitLine: { lineStyle: { color: GRID_LINE } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.name),
      axisLabel: { color: TEXT, fontSize: 12 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'bar',
        name: indicator.name,
        barMaxWidth: 18,
        cursor: 'pointer',
        data: data.map((d) => ({
          ...d,
          value: d.value,
          itemStyle: { color: d.code !== null && d.code === highlight ? ACCENT_DARK : d.code === null ? ACCENT_LIGHT : ACCENT, borderRadius: [0, 2, 2, 0] },
        })),
        label: { show: true, position: 'right', color: MUTED, fontSize: 11, formatter: (p: { value?: unknown }) => gridNumber(numOrNull(p.value), unit) },
      },
    ],
  };
}

export interface DailyPoint {
  day: string;
  value: number | null;
  base: number | null;
}

/** Every day of the range, with nulls where nothing was reported. */
export function dailySeries(rows: SliceRow[], days: string[]): DailyPoint[] {
  const byDay = new Map(rows.map((r) => [r.day ?? '', r]));
  return days.map((day) => {
    const r = byDay.get(day);
    return { day, value: r?.value ?? null, base: r?.base ?? null };
  });
}

export function dailyOption(
  points: DailyPoint[],
  indicator: Indicator,
  phases: { name: string; from: string; to: string }[],
  showBase: boolean,
): EChartsOption {
  const unit = indicator.unit;
  const first = points[0]?.day ?? '';
  const last = points[points.length - 1]?.day ?? '';
  const areas = phases
    .map((p) => ({ name: p.name, from: p.from < first ? first : p.from, to: p.to > last ? last : p.to }))
    .filter((p) => p.from <= p.to)
    .map((p) => [{ name: p.name, xAxis: p.from }, { xAxis: p.to }]);
  return {
    animation: false,
    textStyle,
    grid: { left: 8, right: 16, top: 30, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 8, textStyle: { color: MUTED, fontSize: 11 }, itemWidth: 18, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const list = asParams(p);
        const head = list[0]?.axisValueLabel ?? '';
        return [head, ...list.map((x) => `${String(x.marker ?? '')}${x.seriesName ?? ''}：${gridNumber(numOrNull(x.value), unit)} ${unit}`)].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.day), boundaryGap: false, axisLabel: { ...axisLabel, formatter: (v: string) => v.slice(5) }, axisLine: { lineStyle: { color: GRID_LINE } } },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) }, splitLine: { lineStyle: { color: GRID_LINE } } },
    series: [
      {
        type: 'line',
        name: '本期',
        data: points.map((p) => p.value),
        showSymbol: points.length <= 40,
        symbolSize: 4,
        lineStyle: { color: ACCENT, width: 2 },
        itemStyle: { color: ACCENT },
        connectNulls: false,
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(37, 99, 201, 0.08)' },
          label: { color: MUTED, fontSize: 11, position: 'insideTop' },
          data: areas as never,
        },
      },
      ...(showBase
        ? [
            {
              type: 'line' as const,
              name: '去年同期',
              data: points.map((p) => p.base),
              showSymbol: false,
              lineStyle: { color: MUTED, width: 1.5, type: 'dashed' as const },
              itemStyle: { color: MUTED },
            },
          ]
        : []),
    ],
  };
}

/** Regions × departments for one unit: a stacked bar per region. */
export function departmentStackOption(rows: SliceRow[], departments: string[], unit: string, scopeCity: string | null): EChartsOption {
  const regions: { code: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const id = `${r.region_code}:${r.region_name}`;
    if (!seen.has(id)) {
      seen.add(id);
      regions.push({ code: r.region_code ?? '', name: r.region_name ?? '' });
    }
  }
  const value = new Map(rows.map((r) => [`${r.region_code}:${r.region_name}|${r.department}`, r.value]));
  const present = departments.filter((d) => rows.some((r) => r.department === d));
  return {
    animation: false,
    textStyle,
    grid: { left: 8, right: 16, top: 34, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, left: 0, textStyle: { color: MUTED, fontSize: 11 }, itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const list = asParams(p);
        const head = list[0]?.axisValueLabel ?? '';
        return [head, ...list.map((x) => `${String(x.marker ?? '')}${x.seriesName ?? ''}：${gridNumber(numOrNull(x.value), unit)} ${unit}`)].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: regions.map((r) => r.name),
      axisLabel: { ...axisLabel, interval: 0, rotate: regions.length > 12 ? 40 : 0 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) }, splitLine: { lineStyle: { color: GRID_LINE } } },
    series: present.map((d) => ({
      type: 'bar' as const,
      name: d,
      stack: 'departments',
      barMaxWidth: 28,
      cursor: 'pointer',
      itemStyle: { color: departmentColour(d) },
      data: regions.map((r) => ({ value: value.get(`${r.code}:${r.name}|${d}`) ?? null, code: r.code === '140000' || r.code === scopeCity ? null : r.code })),
    })),
  };
}

export interface MapDatum {
  /** The map feature's name. */
  name: string;
  value: number | null;
  code: string;
}

export function mapOption(mapName: string, data: MapDatum[], indicator: Indicator, highlight: string | null): EChartsOption {
  const unit = indicator.unit;
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const max = values.length ? Math.max(...values) : 1;
  const min = values.length ? Math.min(...values) : 0;
  return {
    animation: false,
    textStyle,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const [x] = asParams(p);
        return `${x?.name ?? ''}<br/>${indicator.name}：${gridNumber(numOrNull(x?.value), unit)} ${unit}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min,
      max: max === min ? min + 1 : max,
      left: 8,
      bottom: 8,
      itemWidth: 10,
      itemHeight: 90,
      calculable: false,
      text: ['高', '低'],
      textStyle: { color: MUTED, fontSize: 11 },
      inRange: { color: ['#e8eef9', '#9bb8e8', ACCENT, ACCENT_DARK] },
      formatter: (v: unknown) => gridNumber(numOrNull(v), unit),
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: false,
        selectedMode: false,
        cursor: 'pointer',
        layoutCenter: ['55%', '50%'],
        layoutSize: '95%',
        label: { show: true, fontSize: 11, color: TEXT, textBorderColor: '#ffffff', textBorderWidth: 2 },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1, areaColor: '#eef1f5' },
        emphasis: { label: { show: true, color: '#000' }, itemStyle: { areaColor: '#f2c14e' } },
        data: data.map((d) => ({
          name: d.name,
          value: d.value,
          code: d.code,
          ...(d.code === highlight ? { itemStyle: { borderColor: '#f2a900', borderWidth: 2.5 } } : {}),
        })) as never,
      },
    ],
  };
}

export { UP, DOWN };
