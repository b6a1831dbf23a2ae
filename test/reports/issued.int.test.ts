// Reports that read as issued (issue 11 §7), on the demo database, read back from the written
// files: a period picked as dates is titled as its phase; the dossier is the 督导组's and says no
// 同比 when asked for no comparison; every table mixing indicators has a 单位 column; headings and
// captions are kept with what follows in DOCX (w:keepNext) and PDF (no page ends with one); the
// trend chart's shaded-area names never overlap.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createCoreEntry } from '../../electron/core/entry';
import { buildReport, buildReportDocument } from '../../electron/reports/index';
import { trendChart } from '../../electron/reports/charts';
import { daysBetween } from '../../electron/reports/briefing';
import { tablesOf, type ReportDocument } from '../../electron/reports/model';
import type { ReportRequest } from '../../shared/api/report';
import { tempDir } from '../support/temp-db';
import { docxParagraphs, isKeepWithNextLine, pdfPages, pdfText, unzip } from './helpers';

// Each test writes and reads back whole reports: minutes on a loaded two-core machine.
const SLOW = 400_000;

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

async function xlsxStrings(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  const out: string[] = [wb.title ?? ''];
  for (const sheet of wb.worksheets) {
    out.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  }
  return out;
}

async function docxText(bytes: Uint8Array): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await unzip(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { xml, paragraphs: docxParagraphs(xml) };
}

describe('a period given as dates is titled as its phase', { timeout: SLOW }, () => {
  const cases = [
    {
      dates: { from: '2022-07-07', to: '2022-07-09' },
      phase: '2022年第一次集中统一行动',
      title: '全省公安机关2022年夏季治安打击整治行动第一次集中统一行动战果通报',
    },
    {
      dates: { from: '2023-06-25', to: '2023-09-30' },
      phase: '2023年夏季治安打击整治行动',
      title: '全省公安机关2023年夏季治安打击整治行动战果通报',
    },
    {
      dates: { from: '2023-07-07', to: '2023-07-09' },
      phase: '第一次集中统一行动',
      title: '全省公安机关夏季治安打击整治行动第一次集中统一行动战果通报',
    },
  ];
  for (const c of cases) {
    it(`${c.dates.from}..${c.dates.to} → ${c.phase}`, async () => {
      // The UI sends dates (as the filter holds them) through the core's report operation.
      const fromUi = await createCoreEntry(ws).report({
        type: 'briefing',
        format: 'docx',
        ...c.dates,
        regions: [],
        departments: [],
        indicators: [],
        compare: 'yoy',
      });
      const byPhase = buildReportDocument(ws, { type: 'briefing', format: 'docx', phase: c.phase, compare: 'yoy' });
      expect(byPhase.title).toBe(c.title);
      expect(fromUi.fileName).toBe(`${c.title}（${c.dates.from}至${c.dates.to}）.docx`);
      const { paragraphs } = await docxText(fromUi.bytes);
      // A copy of the demo database: the marker comes first, then the title.
      expect(paragraphs[0]).toMatch(/^演示数据（非真实数据）/);
      expect(paragraphs[1]).toBe(c.title);
      // The opening sentence and the provenance name the phase too, as the --phase report does.
      const byPhaseText = byPhase.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
      expect(paragraphs).toContain(byPhaseText[0]);
      expect(paragraphs.join('\n')).toContain(`${c.dates.from} 至 ${c.dates.to}（${c.phase}）`);
    });
  }

  it('a period that is no phase keeps the campaign title and shades 统计时段 in the trend', () => {
    const doc = buildReportDocument(ws, { type: 'briefing', format: 'pdf', from: '2023-07-06', to: '2023-07-10' });
    expect(doc.title).toBe('全省公安机关夏季治安打击整治行动战果通报');
    const trend = doc.blocks.flatMap((b) => (b.kind === 'chart' && b.chart.title.includes('每日') ? [b.chart] : []))[0]!;
    const boxes = shadeLabelBoxes(trend.svg, ['统计时段', '第一次集中统一行动']);
    expect(boxes).toHaveLength(2);
    expectApart(boxes, trend.width);
  });
});

describe('the city dossier is the 督导组’s', { timeout: SLOW }, () => {
  it('says 督导组 and never 督察组, in every format', async () => {
    const request: Omit<ReportRequest, 'format'> = { type: 'city', regions: ['晋城市'], from: '2023-07-10', to: '2023-07-16' };
    const docx = await docxText((await buildReport(ws, { ...request, format: 'docx' })).bytes);
    const docxAll = docx.paragraphs.join('\n');
    expect(docxAll).toContain('省公安厅督导组');
    expect(docxAll).not.toContain('督察');
    const xlsx = (await xlsxStrings((await buildReport(ws, { ...request, format: 'xlsx' })).bytes)).join('\n');
    expect(xlsx).toContain('督导组');
    expect(xlsx).not.toContain('督察');
    const { compact } = pdfText((await buildReport(ws, { ...request, format: 'pdf' })).bytes, tempDir());
    expect(compact).toContain('省公安厅督导组');
    expect(compact).not.toContain('督察');
  });

  it('exported with 对比 无 says neither 同比 nor 环比 anywhere; with 环比 it says 环比, not 同比', async () => {
    const request: Omit<ReportRequest, 'format'> = {
      type: 'city',
      regions: ['忻州市'],
      from: '2023-08-01',
      to: '2023-08-20',
      compare: 'none',
    };
    const docx = (await docxText((await buildReport(ws, { ...request, format: 'docx' })).bytes)).paragraphs.join('\n');
    expect(docx).toContain('忻州市');
    expect(docx).not.toMatch(/同比|环比|上年同期|去年同期/);
    expect(docx).toMatch(/对比\n无/);
    const xlsx = (await xlsxStrings((await buildReport(ws, { ...request, format: 'xlsx' })).bytes)).join('\n');
    expect(xlsx).not.toMatch(/同比|环比/);
    const csv = new TextDecoder().decode((await buildReport(ws, { ...request, format: 'csv' })).bytes);
    expect(csv).not.toMatch(/同比|环比/);

    const prev = (await docxText((await buildReport(ws, { ...request, compare: 'prev', format: 'docx' })).bytes)).paragraphs.join('\n');
    expect(prev).toMatch(/环比(上升|下降)\d+\.\d%/);
    expect(prev).not.toContain('同比');
  });

  it('a briefing with 对比 无 draws no last-year line and prints no comparison', () => {
    const doc = buildReportDocument(ws, { type: 'briefing', format: 'docx', phase: '第一次集中统一行动', compare: 'none' });
    const text = doc.blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : [])).join('\n');
    expect(text).not.toMatch(/同比|环比|去年同期/);
    for (const b of doc.blocks) if (b.kind === 'chart') expect(b.chart.svg).not.toContain('上年同期');
  });
});

/** Tables whose number columns hold more than one unit (rows are indicators) must say each row's unit. */
function mixedTablesWithoutUnit(doc: ReportDocument): string[] {
  const bad: string[] = [];
  for (const t of tablesOf(doc)) {
    const mixed = t.columns.some((col, i) => {
      if (col.kind !== 'number' || col.unit !== undefined) return false;
      const units = new Set(t.rows.map((r) => r[i]!.unit).filter((u) => u !== undefined));
      return units.size > 1;
    });
    if (mixed && !t.columns.some((c) => c.header === '单位')) bad.push(t.title);
  }
  return bad;
}

describe('every table that mixes indicators has a 单位 column', { timeout: SLOW }, () => {
  const requests: ReportRequest[] = [
    { type: 'city', format: 'xlsx', regions: ['临汾市'], from: '2023-07-01', to: '2023-07-31' },
    { type: 'city', format: 'xlsx', regions: ['大同市'], phase: '2022年第一次集中统一行动', departments: ['食药侦', '禁毒'] },
    { type: 'briefing', format: 'xlsx', from: '2023-08-01', to: '2023-08-31', departments: ['食药侦', '交警'] },
    { type: 'table', format: 'xlsx', from: '2023-07-01', to: '2023-07-05', by: ['region:city', 'indicator'] },
  ];
  for (const request of requests) {
    it(`${request.type} ${JSON.stringify(request.regions ?? [])} ${request.from ?? request.phase}`, () => {
      const doc = buildReportDocument(ws, request);
      expect(tablesOf(doc).length).toBeGreaterThan(0);
      expect(mixedTablesWithoutUnit(doc)).toEqual([]);
    });
  }

  it('the written dossier prints 涉案金额 with 万元 beside it', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'xlsx', regions: ['长治市'], from: '2023-09-01', to: '2023-09-10' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as never);
    const sheet = wb.getWorksheet('全省排名')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const unitCol = header.indexOf('单位') + 1;
    expect(unitCol).toBeGreaterThan(0);
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '涉案金额') {
        found = true;
        expect(row.getCell(unitCol).value).toBe('万元');
        expect(typeof row.getCell(unitCol + 1).value).toBe('number');
      }
    });
    expect(found).toBe(true);
  });
});

describe('headings and captions are kept with what follows', { timeout: SLOW }, () => {
  it('DOCX: every heading, caption and chart introduction carries w:keepNext', async () => {
    for (const request of [
      { type: 'briefing', format: 'docx', from: '2022-07-01', to: '2022-07-20', regions: ['吕梁市', '阳泉市', '长治市'] },
      { type: 'city', format: 'docx', regions: ['阳泉市'], phase: '第一次集中统一行动' },
    ] satisfies ReportRequest[]) {
      const { xml } = await docxText((await buildReport(ws, request)).bytes);
      // Paragraphs of the body (not inside table cells, whose text may look like anything).
      const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
      const paragraphs = body.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
      const kept = paragraphs.filter((p) => isKeepWithNextLine(docxParagraphs(p)[0] ?? ''));
      expect(kept.length, request.type).toBeGreaterThan(8);
      for (const p of kept) expect(p, docxParagraphs(p)[0]).toContain('<w:keepNext/>');
    }
  });

  // These three ended pages with a heading before pdfmake was told to keep headings with the next node.
  const pdfRequests: ReportRequest[] = [
    { type: 'city', format: 'pdf', regions: ['阳泉市'], phase: '第一次集中统一行动' },
    { type: 'city', format: 'pdf', regions: ['长治市'], phase: '第一次集中统一行动' },
    { type: 'briefing', format: 'pdf', from: '2022-07-01', to: '2022-07-20', regions: ['吕梁市', '阳泉市', '长治市'] },
  ];
  for (const request of pdfRequests) {
    it(`PDF: no page ends with a heading or caption — ${request.type} ${request.regions!.join('、')}`, async () => {
      const pages = pdfPages((await buildReport(ws, request)).bytes, tempDir());
      expect(pages.length).toBeGreaterThan(4);
      const headings = pages.flat().filter(isKeepWithNextLine);
      expect(headings.length).toBeGreaterThan(5);
      pages.slice(0, -1).forEach((lines, i) => {
        expect(isKeepWithNextLine(lines[lines.length - 1] ?? ''), `page ${i + 1} ends with “${lines[lines.length - 1]}”`).toBe(false);
      });
    });
  }
});

/** The boxes of the shaded areas' names in a trend chart's SVG (echarts writes each as a <text> at translate(x y)). */
function shadeLabelBoxes(svg: string, names: string[]): { name: string; x0: number; x1: number; y0: number; y1: number }[] {
  const out: { name: string; x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const name = m[2]!;
    if (!names.includes(name)) continue;
    const attrs = m[1]!;
    const [, tx, ty] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(attrs)!;
    const size = Number(/font-size:(\d+(?:\.\d+)?)px/.exec(attrs)![1]);
    const dy = Number(/ y="([-\d.]+)"/.exec(attrs)?.[1] ?? 0);
    const width = [...name].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? size * 0.6 : size), 0);
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start';
    const x = Number(tx);
    const x0 = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    const y = Number(ty) + dy;
    out.push({ name, x0, x1: x0 + width, y0: y - size / 2, y1: y + size / 2 });
  }
  return out;
}

function expectApart(boxes: ReturnType<typeof shadeLabelBoxes>, width: number): void {
  for (const b of boxes) {
    expect(b.x0, b.name).toBeGreaterThanOrEqual(0);
    expect(b.x1, b.name).toBeLessThanOrEqual(width);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
      expect(overlap, `${a.name} and ${b.name} overlap: ${JSON.stringify([a, b])}`).toBe(false);
    }
  }
}

describe('the trend chart’s shaded-area names never overlap', { timeout: SLOW }, () => {
  const windows: [string, string, { name: string; from: string; to: string }[]][] = [
    // A period around a phase, both centred on the same day.
    [
      '2023-06-25',
      '2023-09-30',
      [
        { name: '第一次集中统一行动', from: '2023-07-07', to: '2023-07-09' },
        { name: '统计时段', from: '2023-07-06', to: '2023-07-10' },
      ],
    ],
    // Two short phases side by side and a period at the right edge.
    [
      '2024-06-20',
      '2024-09-30',
      [
        { name: '第一次集中统一行动', from: '2024-07-05', to: '2024-07-07' },
        { name: '第二次集中统一行动', from: '2024-07-09', to: '2024-07-11' },
        { name: '统计时段', from: '2024-09-25', to: '2024-09-30' },
      ],
    ],
    // A short window: a phase at the very end.
    [
      '2023-06-25',
      '2023-07-08',
      [
        { name: '第一次集中统一行动', from: '2023-07-07', to: '2023-07-09' },
        { name: '统计时段', from: '2023-07-01', to: '2023-07-08' },
      ],
    ],
  ];
  for (const [from, to, shades] of windows) {
    it(`${from}..${to}: ${shades.map((s) => s.name).join('、')}`, () => {
      const days = daysBetween(from, to);
      const chart = trendChart(
        '每日出动民警辅警（人次）',
        '人次',
        days,
        [{ name: '本期', values: days.map((_, i) => 500 + (i % 7) * 80) }],
        shades,
      );
      const boxes = shadeLabelBoxes(
        chart.svg,
        shades.map((s) => s.name),
      );
      expect(boxes).toHaveLength(shades.length);
      expectApart(boxes, chart.width);
      // Clear of the title too (drawn at the top, about 15 px high).
      for (const b of boxes) expect(b.y0, b.name).toBeGreaterThan(22);
    });
  }
});
