// Report charts, drawn once per report by echarts' server-side SVG renderer. Every format uses the
// same SVG: the PDF as vector graphics, the DOCX as an SVG image with a PNG fallback (png.ts).
import * as echarts from 'echarts';
import type { ReportChart } from './model';

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
  mark?: 'top' | 'bottom';
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

/** Daily lines with the campaign's phases (and the report's period) shaded. */
export function trendChart(title: string, unit: string, days: string[], series: TrendSeries[], shades: Shade[]): ReportChart {
  const height = 300;
  const palette = [COLORS.main, COLORS.top, COLORS.base];
  const label = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  const svg = render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: CHART_FONT } },
      legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT } },
      grid: { left: 64, right: 24, top: 48, bottom: 64 },
      xAxis: {
        type: 'category',
        data: days.map(label),
        boundaryGap: false,
        axisLabel: { fontFamily: CHART_FONT, hideOverlap: true },
      },
      yAxis: { type: 'value', name: unit, nameTextStyle: { fontFamily: CHART_FONT }, axisLabel: { fontFamily: CHART_FONT } },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.values,
        showSymbol: days.length <= 31,
        symbolSize: 4,
        connectNulls: false,
        lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid', color: palette[i % palette.length] },
        itemStyle: { color: palette[i % palette.length] },
        ...(i === 0 && shades.length > 0
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: COLORS.shade },
                label: { fontFamily: CHART_FONT, fontSize: 11, color: '#c00000', position: 'insideTop' },
                data: shades
                  .filter((p) => days.includes(p.from) || days.includes(p.to))
                  .map((p) => [
                    { name: p.name, xAxis: label(days.includes(p.from) ? p.from : days[0]!) },
                    { xAxis: label(days.includes(p.to) ? p.to : days[days.length - 1]!) },
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
