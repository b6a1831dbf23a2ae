// 整改台账 (campaign report --type rectification) and the city dossier's 督导发现 section, on a copy
// of the demo database where findings and corrections are recorded through the real functions
// (addFinding, updateFinding, correctFigure). Every format is read back: XLSX with exceljs, DOCX
// paragraphs, PDF through pdftotext (real glyphs), CSV as text; and the CLI writes the same.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { buildReport } from '../../electron/reports/index';
import { addFinding, updateFinding } from '../../electron/inspection/findings';
import { correctFigure } from '../../electron/inspection/corrections';
import { AddFindingInputSchema, CorrectInputSchema, UpdateFindingInputSchema } from '../../shared/api/inspection';
import { beijingDay } from '../../shared/beijing-time';
import { parseIsoDay } from '../../shared/dates';
import { DEMO_MARK } from '../../electron/demo/marker';
import { runCli } from '../support/cli';
import { docxParagraphs, isKeepWithNextLine, pdfPages, pdfText, unzip, readXlsx, sheetRows } from './helpers';

const LEDGER_HEADER = ['序号', '城市', '单位', '问题类别', '问题描述', '责任单位', '整改时限', '整改情况', '状态', '销号日期'];
const CORRECTION_HEADER = ['单位', '指标', '日期', '原值', '更正值', '原因', '状态'];
const SUMMARY_HEADER = ['城市', '问题数', '待整改', '整改中', '已销号', '逾期'];

let dir: string;
let dbPath: string;
let ws: Workspace;
const ids: Record<string, string> = {};
let today: string;
let correctedOriginal: number | null;

/** `campaign …` as a 督导组's user. */
const AS_TEAM = { env: { CAMPAIGN_USER: '督导组测试' } };

function add(key: string, input: Record<string, unknown>): void {
  ids[key] = addFinding(ws, AddFindingInputSchema.parse(input), '督导组甲').id;
}
function update(key: string, input: Record<string, unknown>): void {
  updateFinding(ws, UpdateFindingInputSchema.parse({ id: ids[key], ...input }), '督导组乙');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-rectification-'));
  dbPath = join(dir, 'demo-copy.db');
  copyFileSync(inject('demoDb'), dbPath);
  ws = openWorkspace(dbPath);
  // Recorded out of the order the ledger prints them in: the ledger sorts by city, then due date.
  add('lvliang', {
    region: '吕梁市交城县',
    category: '迟报',
    severity: '较重',
    text: '交城县7月上旬连续三日迟报禁毒数据',
    owner: '交城县公安局禁毒大队',
    due: '2024-03-01',
  });
  add('datong', { region: '大同市云冈区', category: '工作不落实', severity: '一般', text: '云冈区群防群治力量登记台账不全' });
  add('taiyuanOwn', {
    region: '太原市本级',
    category: '数据不实',
    severity: '严重',
    text: '市局治安支队检查车辆数与卡点登记不符',
    owner: '太原市公安局治安支队',
    due: '2099-06-30',
  });
  add('xiaodian', {
    region: '太原市小店区',
    indicator: '综合/抓获现行违法犯罪人员',
    from: '2023-07-07',
    to: '2023-07-09',
    category: '漏报',
    severity: '较重',
    text: '小店区7月8日抓获人数漏报',
    owner: '小店分局',
    due: '2024-01-10',
  });
  add('yangquan', {
    region: '阳泉市郊区',
    category: '其他',
    severity: '一般',
    text: '=HYPERLINK("http://x","点击")',
    owner: '+郊区分局',
    due: '2099-01-01',
  });
  update('taiyuanOwn', { status: '整改中', note: '已约谈支队负责人，逐日核对登记簿' });
  update('lvliang', { status: '整改中', note: '已通报批评' });
  update('lvliang', { status: '已销号', note: '抽查7月10日至20日报送记录，均按时报送，予以销号' });
  today = beijingDay(new Date());

  const unitCode = (name: string) => {
    const r = ws.resolver.resolveRegion(name);
    if (!r.ok) throw new Error(r.reason);
    return Number(r.value.code);
  };
  const ind = ws.resolver.resolveIndicator('综合/抓获现行违法犯罪人员');
  if (!ind.ok) throw new Error(ind.reason);
  correctedOriginal = ws.db
    .prepare('SELECT value FROM fact WHERE region_code = ? AND indicator_id = ? AND day = ?')
    .pluck()
    .get(unitCode('太原市小店区'), ind.value.id, parseIsoDay('2023-07-08')) as number | null;
  correctFigure(
    ws,
    CorrectInputSchema.parse({
      region: '太原市小店区',
      indicator: '综合/抓获现行违法犯罪人员',
      day: '2023-07-08',
      value: 57,
      reason: '核对案件登记簿，漏统计5名',
      finding: ids.xiaodian,
    }),
    '督导组甲',
  );
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The ledger's data rows (the note under the table left out). */
function ledger(wb: ExcelJS.Workbook): unknown[][] {
  return sheetRows(wb, '整改台账').filter((r) => typeof r[0] === 'number');
}
function csvLines(bytes: Uint8Array): string[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n');
}

describe('整改台账 (rectification)', () => {
  it('XLSX: the summary by city, the ledger in city then due-date order with the overdue marked, and the corrections', async () => {
    const file = await buildReport(ws, { type: 'rectification', format: 'xlsx' });
    expect(file.fileName).toBe(`山西省督导发现整改台账（截至${today}）.xlsx`);
    const wb = await readXlsx(file.bytes);
    const rows = sheetRows(wb, '整改台账');
    expect(rows[0]).toEqual(LEDGER_HEADER);
    const data = ledger(wb);
    // A finding on 太原市本级 is the city's own (its bureau): named for the city, as `finding list` names it.
    expect(data.map((r) => r[2])).toEqual(['小店区', '太原市', '云冈区', '郊区', '交城县']);
    expect(data.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
    const [xiaodian, taiyuanOwn, datong, yangquan, lvliang] = data;
    expect(xiaodian!.slice(0, 2)).toEqual([1, '太原市']);
    expect(xiaodian!.slice(3)).toEqual(['漏报', '小店区7月8日抓获人数漏报', '小店分局', '2024-01-10', '—', '待整改（逾期）', '—']);
    expect(taiyuanOwn!.slice(3)).toEqual([
      '数据不实',
      '市局治安支队检查车辆数与卡点登记不符',
      '太原市公安局治安支队',
      '2099-06-30',
      '已约谈支队负责人，逐日核对登记簿',
      '整改中',
      '—',
    ]);
    expect(datong!.slice(1)).toEqual(['大同市', '云冈区', '工作不落实', '云冈区群防群治力量登记台账不全', '—', '—', '—', '待整改', '—']);
    // Text a spreadsheet would run is stored as text, never a formula.
    expect(yangquan![4]).toBe('=HYPERLINK("http://x","点击")');
    expect(yangquan![5]).toBe('+郊区分局');
    // 已销号 is never overdue; the latest note is the verification; closed today (Beijing).
    expect(lvliang!.slice(1)).toEqual([
      '吕梁市',
      '交城县',
      '迟报',
      '交城县7月上旬连续三日迟报禁毒数据',
      '交城县公安局禁毒大队',
      '2024-03-01',
      '抽查7月10日至20日报送记录，均按时报送，予以销号',
      '已销号',
      today,
    ]);

    const summary = sheetRows(wb, '分市统计');
    expect(summary[0]).toEqual(SUMMARY_HEADER);
    const byCity = new Map(summary.slice(1).map((r) => [r[0], r.slice(1)]));
    expect(byCity.size).toBe(12); // 11 cities and 合计
    expect(byCity.get('太原市')).toEqual([2, 1, 1, 0, 1]);
    expect(byCity.get('大同市')).toEqual([1, 1, 0, 0, 0]);
    expect(byCity.get('吕梁市')).toEqual([1, 0, 0, 1, 0]);
    expect(byCity.get('长治市')).toEqual([0, 0, 0, 0, 0]);
    expect(byCity.get('合计')).toEqual([5, 3, 1, 1, 1]);

    const corrections = sheetRows(wb, '核实更正');
    expect(corrections[0]).toEqual(CORRECTION_HEADER);
    expect(corrections[1]).toEqual([
      '小店区',
      '抓获现行违法犯罪人员',
      '2023-07-08',
      correctedOriginal,
      57,
      '核对案件登记簿，漏统计5名',
      '已更正',
    ]);

    const info = sheetRows(wb, '说明').map((r) => `${String(r[0])}：${String(r[1])}`);
    expect(info).toContain('地区：山西省');
    expect(info).toContain('状态：全部');
    expect(info.some((l) => l.startsWith('数据版本：共 ') && l.includes('条数据'))).toBe(true);
    expect(info.some((l) => l.startsWith('生成时间：') && l.endsWith('（北京时间）'))).toBe(true);
  });

  it('filters by status and by region (a city includes its counties and 市本级; a county only itself)', async () => {
    const closed = ledger(await readXlsx((await buildReport(ws, { type: 'rectification', format: 'xlsx', status: '已销号' })).bytes));
    expect(closed.map((r) => r[2])).toEqual(['交城县']);
    const pending = ledger(await readXlsx((await buildReport(ws, { type: 'rectification', format: 'xlsx', status: '待整改' })).bytes));
    expect(pending.map((r) => r[8])).toEqual(['待整改（逾期）', '待整改', '待整改']);

    const taiyuan = await readXlsx((await buildReport(ws, { type: 'rectification', format: 'xlsx', regions: ['太原市'] })).bytes);
    expect(ledger(taiyuan).map((r) => r[2])).toEqual(['小店区', '太原市']);
    expect(
      sheetRows(taiyuan, '分市统计')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['太原市', '合计']);
    expect(sheetRows(taiyuan, '核实更正').filter((r) => r.length > 1)).toHaveLength(2);

    const county = await readXlsx((await buildReport(ws, { type: 'rectification', format: 'xlsx', regions: ['小店区'] })).bytes);
    expect(ledger(county).map((r) => r[2])).toEqual(['小店区']);
    expect(
      sheetRows(county, '分市统计')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['太原市（小店区）', '合计']);

    // The UI sends its period with every report: accepted, and the ledger is the same.
    const withPeriod = await readXlsx(
      (await buildReport(ws, { type: 'rectification', format: 'xlsx', regions: ['小店区'], phase: '第一次集中统一行动' })).bytes,
    );
    expect(ledger(withPeriod)).toEqual(ledger(county));

    const own = ledger(await readXlsx((await buildReport(ws, { type: 'rectification', format: 'xlsx', regions: ['太原市本级'] })).bytes));
    expect(own.map((r) => r[2])).toEqual(['太原市']);

    const lvliang = await readXlsx(
      (await buildReport(ws, { type: 'rectification', format: 'xlsx', regions: ['吕梁市'], status: '待整改' })).bytes,
    );
    expect(ledger(lvliang)).toEqual([]);
    expect(() => sheetRows(lvliang, '核实更正')).toThrow();
  });

  it('DOCX: title, counts, the ledger with its columns in order and the overdue mark', async () => {
    const file = await buildReport(ws, { type: 'rectification', format: 'docx' });
    const zip = await unzip(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = docxParagraphs(xml);
    const text = paragraphs.join('\n');
    expect(text).toContain('山西省督导发现整改台账');
    expect(text).toContain('共5条，其中待整改3条、整改中1条、已销号1条；逾期未销号1条');
    // Table cells are paragraphs: the header cells follow each other in order.
    const at = paragraphs.indexOf(
      '序号',
      paragraphs.findIndex((p) => p.includes('表2')),
    );
    expect(paragraphs.slice(at, at + LEDGER_HEADER.length)).toEqual(LEDGER_HEADER);
    const first = paragraphs.slice(at + LEDGER_HEADER.length, at + 2 * LEDGER_HEADER.length);
    expect(first).toEqual([
      '1',
      '太原市',
      '小店区',
      '漏报',
      '小店区7月8日抓获人数漏报',
      '小店分局',
      '2024-01-10',
      '—',
      '待整改（逾期）',
      '—',
    ]);
    const c = paragraphs.indexOf('原值');
    expect(paragraphs.slice(c - 3, c + 4)).toEqual(CORRECTION_HEADER);
    expect(text).toContain('核对案件登记簿，漏统计5名');
    expect(xml).toContain('w:orient="landscape"');
    expect(text).toContain(DEMO_MARK);
  });

  it('PDF: the Chinese text comes back from pdftotext as real glyphs', async () => {
    const file = await buildReport(ws, { type: 'rectification', format: 'pdf', regions: ['太原市', '吕梁市'] });
    const { compact } = pdfText(file.bytes, dir);
    expect(compact).toContain('太原市、吕梁市督导发现整改台账');
    for (const h of LEDGER_HEADER) expect(compact).toContain(h);
    expect(compact).toContain('待整改（逾期）');
    expect(compact).toContain('小店区7月8日抓获人数漏报');
    expect(compact).toContain('抽查7月10日至20日报送记录');
    expect(compact).toContain('核对案件登记簿，漏统计5名');
    expect(compact).not.toContain('云冈区');
    // Landscape pages, and no page ends with a table's caption.
    const pages = pdfPages(file.bytes, dir);
    pages.slice(0, -1).forEach((lines, i) => expect(isKeepWithNextLine(lines[lines.length - 1] ?? ''), `page ${i + 1}`).toBe(false));
    const size = execFileSync('pdfinfo', [join(dir, 'pages.pdf')], { encoding: 'utf8' }).match(/Page size:\s+([\d.]+) x ([\d.]+)/)!;
    expect(Number(size[1])).toBeGreaterThan(Number(size[2]));
  });

  it('CSV: the ledger only, formulas inert, then the provenance', async () => {
    const file = await buildReport(ws, { type: 'rectification', format: 'csv' });
    const lines = csvLines(file.bytes);
    expect(lines[0]).toBe(DEMO_MARK);
    expect(lines[1]).toBe(LEDGER_HEADER.join(','));
    expect(lines[2]).toBe('1,太原市,小店区,漏报,小店区7月8日抓获人数漏报,小店分局,2024-01-10,—,待整改（逾期）,—');
    const yangquan = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(yangquan).toContain(`"'=HYPERLINK(""http://x"",""点击"")"`);
    expect(yangquan).toContain(",'+郊区分局,");
    expect(lines.filter((l) => /^\d+,/.test(l))).toHaveLength(5);
    // No second table: no 分市统计, no 核实更正.
    expect(lines.some((l) => l.startsWith('城市,问题数'))).toBe(false);
    expect(lines.some((l) => l.startsWith('单位,指标,日期'))).toBe(false);
    expect(lines).toContain('说明,山西省督导发现整改台账');
  });

  it('a ledger over no findings says so in every format', async () => {
    for (const format of ['docx', 'xlsx', 'pdf', 'csv'] as const) {
      const file = await buildReport(ws, { type: 'rectification', format, regions: ['长治市'] });
      expect(file.bytes.length, format).toBeGreaterThan(0);
      if (format === 'docx') {
        const text = docxParagraphs(await (await unzip(file.bytes)).file('word/document.xml')!.async('string')).join('\n');
        expect(text).toContain('长治市暂无督导发现');
        expect(text).toContain('长治市暂无核实更正的数据');
      }
      if (format === 'pdf') expect(pdfText(file.bytes, dir).compact).toContain('长治市暂无督导发现');
      if (format === 'xlsx') expect(ledger(await readXlsx(file.bytes))).toEqual([]);
      if (format === 'csv') expect(csvLines(file.bytes).filter((l) => /^\d+,/.test(l))).toEqual([]);
    }
  });
});

describe('城市督导报告: 七、督导发现', () => {
  it('lists the city findings (no 城市 column) and its corrections', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'xlsx', phase: '第一次集中统一行动', regions: ['太原市'] });
    const wb = await readXlsx(file.bytes);
    const rows = sheetRows(wb, '督导发现').filter((r) => r.length > 1);
    expect(rows[0]).toEqual(LEDGER_HEADER.filter((h) => h !== '城市'));
    expect(rows.slice(1).map((r) => r[1])).toEqual(['小店区', '太原市']);
    expect(rows[1]!.slice(7)).toEqual(['待整改（逾期）', '—']);
    const corrections = sheetRows(wb, '核实更正');
    expect(corrections[0]).toEqual(CORRECTION_HEADER);
    expect(corrections[1]!.slice(2, 5)).toEqual(['2023-07-08', correctedOriginal, 57]);

    const docx = await buildReport(ws, { type: 'city', format: 'docx', phase: '第一次集中统一行动', regions: ['太原市'] });
    const text = docxParagraphs(await (await unzip(docx.bytes)).file('word/document.xml')!.async('string')).join('\n');
    expect(text).toMatch(
      /七、督导发现\n截至\d{4}年\d+月\d+日，督导组在太原市发现问题共2条，其中待整改1条、整改中1条、已销号0条；逾期未销号1条/,
    );
    expect(text).toContain('市局治安支队检查车辆数与卡点登记不符');
    expect(text).not.toContain('暂无督导发现');
    expect(text).not.toContain('督导发现问题及整改要求'); // the blank table is for a city with nothing recorded
  });

  it('says 暂无督导发现 and keeps the blank table for a city with none', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'pdf', phase: '第一次集中统一行动', regions: ['长治市'] });
    const { compact } = pdfText(file.bytes, dir);
    expect(compact).toContain('七、督导发现暂无督导发现');
    expect(compact).toContain('督导发现问题及整改要求');
    expect(compact).toContain('序号发现问题整改要求责任单位整改时限');
    expect(compact).not.toContain('核实更正数据');
  });
});

describe('campaign report --type rectification', () => {
  it('writes the ledger for --region and --status, without a period', () => {
    const out = join(dir, 'ledger.csv');
    const r = runCli(
      ['report', '--db', dbPath, '--type', 'rectification', '--region', '太原市', '--status', '整改中', '--format', 'csv', '--out', out],
      AS_TEAM,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = csvLines(readFileSync(out));
    const data = lines.filter((l) => /^\d+,/.test(l));
    expect(data).toEqual([
      '1,太原市,太原市,数据不实,市局治安支队检查车辆数与卡点登记不符,太原市公安局治安支队,2099-06-30,已约谈支队负责人，逐日核对登记簿,整改中,—',
    ]);
    expect(lines).toContain('状态,整改中');
    expect(lines).toContain('地区,太原市');
  });

  it('refuses an unknown status and --status on another report', () => {
    const out = join(dir, 'x.csv');
    const bad = runCli(
      ['report', '--db', dbPath, '--type', 'rectification', '--status', '已完成', '--format', 'csv', '--out', out],
      AS_TEAM,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--status 只能是 待整改、整改中、已销号');
    const other = runCli(
      [
        'report',
        '--db',
        dbPath,
        '--type',
        'briefing',
        '--phase',
        '第一次集中统一行动',
        '--status',
        '待整改',
        '--format',
        'csv',
        '--out',
        out,
      ],
      AS_TEAM,
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('状态筛选只用于整改台账');
    const period = runCli(['report', '--db', dbPath, '--type', 'briefing', '--format', 'csv', '--out', out], AS_TEAM);
    expect(period.code).toBe(1);
    expect(period.stderr).toContain('请给出日期范围');
  });
});
