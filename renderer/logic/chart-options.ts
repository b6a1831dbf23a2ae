// ECharts options built from slice results: plain functions, covered by unit tests.
import type { EChartsOption } from 'echarts';
import type { Indicator } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import type { RegionNames } from '../../shared/region-names';
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
  marker?: string; // an HTML snippet: the tooltips render as HTML
  data?: unknown;
  axisValueLabel?: string;
}

function asParams(p: unknown): TooltipParam[] {
  return (Array.isArray(p) ? p : [p]) as TooltipParam[];
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Ranking rows: regions of the scope, largest first; drillable ones carry their code. A county
 * whose name another county shares is named with its city (阳泉市城区).
 */
export function rankingData(rows: SliceRow[], scopeCity: string | null, names?: RegionNames): RegionBarDatum[] {
  return rows
    .filter((r) => r.region_code !== undefined)
    .map((r) => {
      const code = r.region_code!;
      const own = code === '140000' || code === scopeCity;
      const name = names?.isAmbiguous(code) ? names.distinct(code) : (r.region_name ?? code);
      return { name, value: r.value, code: own ? null : code, change_pct: r.change_pct ?? null };
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
    xAxis: {
      type: 'value',
      axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.name),
      // Every bar keeps its label (never thinned out); a long part's name (太原市（小店区、…）) is cut with …
      axisLabel: { color: TEXT, fontSize: data.length > 14 ? 11 : 12, interval: 0, width: 150, overflow: 'truncate' },
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
          itemStyle: {
            color: d.code !== null && d.code === highlight ? ACCENT_DARK : d.code === null ? ACCENT_LIGHT : ACCENT,
            borderRadius: [0, 2, 2, 0],
          },
        })),
        label: {
          show: true,
          position: 'right',
          color: MUTED,
          fontSize: 11,
          formatter: (p: { value?: unknown }) => gridNumber(numOrNull(p.value), unit),
        },
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
  /** What the line holds when the filter narrows the province (the slice total's region_name). */
  regionName?: string,
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
        return [
          head,
          ...list.map((x) => `${String(x.marker ?? '')}${x.seriesName ?? ''}：${gridNumber(numOrNull(x.value), unit)} ${unit}`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.day),
      boundaryGap: false,
      axisLabel: { ...axisLabel, formatter: (v: string) => v.slice(5) },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'line',
        name: regionName ? `本期 · ${regionName}` : '本期',
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

export interface DepartmentFigure {
  /** The indicator's key (部门/指标): a click shows it in the ranking, the map and the line. */
  key: string;
  department: string;
  indicator: string;
  value: number | null;
  base: number | null;
  change_pct: number | null;
}

/**
 * Each department's own figures of one unit, one bar per indicator, in catalogue order: different
 * indicators side by side, never added together (出动民警辅警 and 盘查人员 are both 人次 but no sum
 * of them means anything).
 */
export function departmentFigures(rows: SliceRow[], indicators: Indicator[]): DepartmentFigure[] {
  const byKey = new Map(rows.map((r) => [`${r.department ?? ''}/${r.indicator ?? ''}`, r]));
  return indicators.map((i) => {
    const r = byKey.get(i.key);
    return {
      key: i.key,
      department: i.department,
      indicator: i.name,
      value: r?.value ?? null,
      base: r?.base ?? null,
      change_pct: r?.change_pct ?? null,
    };
  });
}

/** Units in order of how many of the indicators use them (the departments chart's unit choice). */
export function unitsOf(indicators: Indicator[]): string[] {
  const count = new Map<string, number>();
  for (const i of indicators) count.set(i.unit, (count.get(i.unit) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([u]) => u);
}

/** The bar's category label: 禁毒 · 出动警力. */
export function departmentFigureLabel(f: Pick<DepartmentFigure, 'department' | 'indicator'>): string {
  return `${f.department} · ${f.indicator}`;
}

export function departmentFiguresOption(figures: DepartmentFigure[], unit: string, compareName: string | null): EChartsOption {
  const labels = figures.map(departmentFigureLabel);
  return {
    animation: false,
    textStyle,
    grid: {
      left: 8,
      right: compareName ? 118 : 72,
      top: compareName ? 24 : 8,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    ...(compareName ? { legend: { top: 0, right: 8, textStyle: { color: MUTED, fontSize: 11 }, itemWidth: 12, itemHeight: 8 } } : {}),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const list = asParams(p);
        const f = figures[labels.indexOf(list[0]?.axisValueLabel ?? '')];
        if (!f) return '';
        const pct = formatChangePct(f.change_pct);
        return [
          `${f.department} · ${f.indicator}`,
          `本期：${gridNumber(f.value, unit)} ${unit}`,
          ...(compareName ? [`基期：${gridNumber(f.base, unit)} ${unit}${pct ? `（${compareName} ${pct}）` : ''}`] : []),
          '<span style="color:#6b7785">点击：排名、地图和走势改看此项</span>',
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { ...axisLabel, formatter: (v: number) => gridNumber(v, unit) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      // Every bar keeps its label: never thinned out, cut with … only when longer than the room.
      axisLabel: { color: TEXT, fontSize: 11, interval: 0, width: 190, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'bar',
        name: '本期',
        barMaxWidth: 16,
        cursor: 'pointer',
        data: figures.map((f) => ({
          value: f.value,
          key: f.key,
          itemStyle: { color: departmentColour(f.department), borderRadius: [0, 2, 2, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: MUTED,
          fontSize: 11,
          formatter: (p: { value?: unknown; dataIndex?: number }) => {
            const f = figures[p.dataIndex ?? -1];
            const pct = compareName && f ? formatChangePct(f.change_pct) : null;
            return `${gridNumber(numOrNull(p.value), unit)}${pct ? `  ${pct}` : ''}`;
          },
        },
      },
      ...(compareName
        ? [
            {
              type: 'bar' as const,
              name: '基期',
              barMaxWidth: 8,
              cursor: 'pointer',
              itemStyle: { color: '#c5ccd6' },
              data: figures.map((f) => ({ value: f.base, key: f.key })),
            },
          ]
        : []),
    ],
  };
}

export interface MapDatum {
  /** The map feature's name. */
  name: string;
  value: number | null;
  code: string;
  /** What the tooltip names: the part of the region the figure holds (太原市（小店区）), a county with its city where its name is shared. */
  fullName?: string;
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
        const d = x?.data as MapDatum | undefined;
        return `${d?.fullName ?? x?.name ?? ''}<br/>${indicator.name}：${gridNumber(numOrNull(x?.value), unit)} ${unit}`;
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
        label: { show: true, fontSize: 11, color: TEXT, textBorderColor: '#ffffff', textBorderWidth: 2, minMargin: 4 },
        // Where two names would overlap, the smaller region's is hidden (ECharts ranks labels by area).
        labelLayout: { hideOverlap: true },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1, areaColor: '#eef1f5' },
        emphasis: { label: { show: true, color: '#000' }, itemStyle: { areaColor: '#f2c14e' } },
        data: data.map((d) => ({
          name: d.name,
          value: d.value,
          code: d.code,
          ...(d.fullName !== undefined ? { fullName: d.fullName } : {}),
          ...(d.code === highlight ? { itemStyle: { borderColor: '#f2a900', borderWidth: 2.5 } } : {}),
        })) as never,
      },
    ],
  };
}

export { UP, DOWN };
