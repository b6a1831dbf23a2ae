// Report charts, drawn once per report by echarts' server-side SVG renderer. Every format uses the
// same SVG: the PDF as vector graphics, the DOCX as an SVG image with a PNG fallback (png.ts).
import * as echarts from 'echarts';
import type { CellMark, ReportChart } from './model';

/** Noto Sans SC is what the PDF embeds and the PNG is drawn with; Word falls back to a system font. */
export const CHART_FONT = "'Noto Sans SC', 'Microsoft YaHei', 'SimHei', sans-serif";

const WIDTH = 640;
const COLORS = { main: '#2f5597', top: '#c00000', bottom: '#7f7f7f', base: '#a5a5a5', shade: 'rgba(192, 0, 0, 0.08)' };

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface RankItem {
  name: string;
  value: number | null;
  mark?: CellMark;
}

/** Horizontal bars, highest first; the top three in red, the bottom three in grey. */
export function rankingBarChart(title: string, unit: string, items: RankItem[]): ReportChart {
  const sorted = [...items].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const height = Math.max(260, 70 + sorted.length * 26);
  const svg = render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: CHART_FONT } },
      grid: { left: 90, right: 80, top: 44, bottom: 28 },
      xAxis: { type: 'value', name: unit, nameTextStyle: { fontFamily: CHART_FONT }, axisLabel: { fontFamily: CHART_FONT } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((i) => i.name),
        axisLabel: { fontSize: 13, fontFamily: CHART_FONT },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: sorted.map((i) => ({
            value: i.value ?? 0,
            itemStyle: { color: i.mark === 'top' ? COLORS.top : i.mark === 'bottom' ? COLORS.bottom : COLORS.main },
          })),
          label: {
            show: true,
            position: 'right',
            fontFamily: CHART_FONT,
            // No halo: the PDF's SVG renderer ignores paint-order and would paint it over the text.
            textBorderWidth: 0,
            formatter: (p: { value: unknown }) => Number(p.value).toLocaleString('en-US'),
          },
        },
      ],
    },
    WIDTH,
    height,
  );
  return { title, svg, width: WIDTH, height };
}

export interface TrendSeries {
  name: string;
  values: (number | null)[];
  dashed?: boolean;
}

export interface Shade {
  name: string;
  from: string;
  to: string;
}

const TREND_GRID = { left: 64, right: 24, top: 44, bottom: 64 };
const SHADE_LABEL_SIZE = 11;
const SHADE_LABEL_ROW = 16;

/** Width in pixels of a label at SHADE_LABEL_SIZE: CJK characters are square, others about half. */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? SHADE_LABEL_SIZE * 0.6 : SHADE_LABEL_SIZE;
  return w + 6; // padding
}

export interface ShadeLabel {
  shade: Shade;
  /** Index of the first and last day of the shaded area in the chart's days. */
  first: number;
  last: number;
  /** Shift from the area's centre, pixels: sideways to stay inside the plot, down a row to clear another label. */
  dx: number;
  row: number;
}

/**
 * Where each shaded area's label goes: centred over its area, moved sideways to stay inside the
 * plot and down by whole rows until it overlaps no other label (a phase inside the 统计时段, or
 * two short phases side by side, would otherwise print their names over each other).
 */
export function layoutShadeLabels(days: string[], shades: Shade[], width: number): ShadeLabel[] {
  const left = TREND_GRID.left;
  const right = width - TREND_GRID.right;
  const step = days.length > 1 ? (right - left) / (days.length - 1) : 0;
  const placed: { x0: number; x1: number; row: number }[] = [];
  const out: ShadeLabel[] = [];
  const visible = shades.filter((p) => p.to >= days[0]! && p.from <= days[days.length - 1]!);
  // Wider areas first keep the top row; then left to right.
  const order = visible
    .map((shade) => {
      const first = Math.max(
        0,
        days.findIndex((d) => d >= shade.from),
      );
      const lastIndex = days.findIndex((d) => d > shade.to);
      const last = lastIndex < 0 ? days.length - 1 : Math.max(first, lastIndex - 1);
      return { shade, first, last };
    })
    .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  for (const { shade, first, last } of order) {
    const centre = left + ((first + last) / 2) * step;
    const w = labelWidth(shade.name);
    const x0 = Math.min(Math.max(centre - w / 2, left), right - w);
    const x1 = x0 + w;
    let row = 0;
    while (placed.some((p) => p.row === row && p.x0 < x1 + 4 && x0 < p.x1 + 4)) row++;
    placed.push({ x0, x1, row });
    out.push({ shade, first, last, dx: x0 + w / 2 - centre, row });
  }
  return out;
}

/** Daily lines with the campaign's phases (and the report's period) shaded. */
export function trendChart(title: string, unit: string, days: string[], series: TrendSeries[], shades: Shade[]): ReportChart {
  const height = 300;
  const palette = [COLORS.main, COLORS.top, COLORS.base];
  const label = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  const labels = layoutShadeLabels(days, shades, WIDTH);
  // The shaded areas' names sit in a band of rows between the title and the plot, where no line
  // can run over them; the unit is in the title, so the axis needs no name up there.
  const labelRows = labels.length > 0 ? Math.max(...labels.map((l) => l.row)) + 1 : 0;
  const svg = render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: CHART_FONT } },
      legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT } },
      grid: { ...TREND_GRID, top: TREND_GRID.top + labelRows * SHADE_LABEL_ROW },
      xAxis: {
        type: 'category',
        data: days.map(label),
        boundaryGap: false,
        axisLabel: { fontFamily: CHART_FONT, hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { fontFamily: CHART_FONT } },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.values,
        showSymbol: days.length <= 31,
        symbolSize: 4,
        connectNulls: false,
        lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid', color: palette[i % palette.length] },
        itemStyle: { color: palette[i % palette.length] },
        ...(i === 0 && labels.length > 0
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: COLORS.shade },
                data: labels.map((l) => [
                  {
                    name: l.shade.name,
                    xAxis: label(days[l.first]!),
                    label: {
                      fontFamily: CHART_FONT,
                      fontSize: SHADE_LABEL_SIZE,
                      color: '#c00000',
                      position: 'top',
                      distance: 3,
                      offset: [l.dx, -l.row * SHADE_LABEL_ROW],
                    },
                  },
                  { xAxis: label(days[l.last]!) },
                ]),
              },
            }
          : {}),
      })),
    },
    WIDTH,
    height,
  );
  return { title, svg, width: WIDTH, height };
}
