// A PNG of a chart's SVG, for formats that need a raster (the DOCX image fallback). resvg draws it
// with Noto Sans SC so the Chinese labels render without any system font.
import { Resvg } from '@resvg/resvg-js';
import { notoSansSc } from './fonts';
import type { ReportChart } from './model';

/** Twice the chart's size, so the fallback stays sharp when printed. */
export function chartPng(chart: ReportChart, scale = 2): Uint8Array {
  const fonts = notoSansSc();
  const resvg = new Resvg(chart.svg, {
    // The regular face only: loading each face costs about 150 ms per chart; titles come out regular.
    font: { fontFiles: [fonts.regular], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
    fitTo: { mode: 'width', value: Math.round(chart.width * scale) },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
