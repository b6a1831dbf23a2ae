// 数据完整性 in the core, on a copy of the demo database with gaps cut into it: the per-unit record
// and the gaps against a count straight from the fact table, the 催报清单 as CSV and XLSX (read
// back) and `campaign completeness --format csv` saying the same, and the anomalies operation
// giving the city dossier's list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createCoreEntry, type CoreEntry } from '../../electron/core/entry';
import { medianAndMadWithout, median } from '../../electron/query/anomalies';
import { buildReport } from '../../electron/reports/index';
import { parseIsoDay, isoDay } from '../../shared/dates';
import type { CompletenessResult, SliceFilter } from '../../shared/api/slice';
import { runCli } from '../support/cli';
import { INFLATED, MISSING_DAYS, MISSING_DEPARTMENT, MISSING_INDICATORS, makeGappyCopy, regionCode } from '../support/gappy-db';

let dir: string;
let path: string;
let ws: Workspace;
let core: CoreEntry;
const FROM = '2023-08-01';
const TO = '2023-08-20';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-completeness-'));
  path = makeGappyCopy(inject('demoDb'), dir);
  ws = openWorkspace(path);
  core = createCoreEntry(ws);
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Expected {
  units: { code: string; city: string }[];
  /** code → day → reported indicator ids. */
  reported: Map<string, Map<string, Set<number>>>;
  indicatorIds: number[];
  days: string[];
}

/** What the filter should find, counted row by row from the fact table and the catalogue. */
function bruteForce(filter: { regions?: string[]; departments?: string[] }): Expected {
  const regions = ws.catalogue.regions;
  const chosen = (filter.regions ?? []).map((r) => String(regionCode(ws, r)));
  const inScope = (code: string, city: string) => chosen.length === 0 || chosen.includes(code) || chosen.includes(city);
  const units: { code: string; city: string }[] = [];
  for (const city of regions.filter((r) => r.level === 'city')) {
    for (const c of regions.filter((r) => r.parent === city.code && r.level === 'county'))
      if (inScope(c.code, city.code)) units.push({ code: c.code, city: city.code });
    if (inScope(city.code, city.code)) units.push({ code: city.code, city: city.code });
  }
  const depts = filter.departments ?? [];
  const indicatorIds = ws.catalogue.indicators.filter((i) => depts.length === 0 || depts.includes(i.department)).map((i) => i.id);
  const wanted = new Set(indicatorIds);
  const reported = new Map<string, Map<string, Set<number>>>();
  const rows = ws.db
    .prepare('SELECT region_code AS r, day AS d, indicator_id AS i FROM fact WHERE day BETWEEN ? AND ?')
    .all(parseIsoDay(FROM), parseIsoDay(TO)) as { r: number; d: number; i: number }[];
  for (const row of rows) {
    if (!wanted.has(row.i)) continue;
    const byDay = reported.get(String(row.r)) ?? new Map<string, Set<number>>();
    const set = byDay.get(isoDay(row.d)) ?? new Set<number>();
    set.add(row.i);
    byDay.set(isoDay(row.d), set);
    reported.set(String(row.r), byDay);
  }
  const days: string[] = [];
  for (let d = parseIsoDay(FROM)!; d <= parseIsoDay(TO)!; d++) days.push(isoDay(d));
  return { units, reported, indicatorIds, days };
}

function expectAgrees(result: CompletenessResult, exp: Expected) {
  const keyOf = new Map(ws.catalogue.indicators.map((i) => [i.id, i.key]));
  expect(result.unit_rates.map((u) => u.region_code)).toEqual(exp.units.map((u) => u.code));
  expect(result.indicators).toBe(exp.indicatorIds.length);
  const missing: string[] = [];
  const partial: string[] = [];
  for (const u of exp.units) {
    const row = result.unit_rates.find((x) => x.region_code === u.code)!;
    let full = 0;
    let none = 0;
    let some = 0;
    let last: string | null = null;
    for (const d of exp.days) {
      const got = exp.reported.get(u.code)?.get(d) ?? new Set<number>();
      if (got.size > 0) last = d;
      if (got.size === exp.indicatorIds.length) full++;
      else if (got.size === 0) {
        none++;
        missing.push(`${u.code}|${d}`);
      } else {
        some++;
        const lacking = exp.indicatorIds.filter((id) => !got.has(id)).map((id) => keyOf.get(id));
        partial.push(`${u.code}|${d}|${lacking.join(',')}`);
      }
    }
    expect(row, u.code).toMatchObject({
      city_code: u.city,
      expected_days: exp.days.length,
      reported_days: full,
      missing_days: none,
      partial_days: some,
      last_reported_day: last,
    });
    expect(row.rate).toBeCloseTo(full / exp.days.length, 12);
  }
  expect(result.missing.map((g) => `${g.region_code}|${g.day}`).sort()).toEqual(missing.sort());
  expect(result.partial.map((g) => `${g.region_code}|${g.day}|${g.missing_indicators!.join(',')}`).sort()).toEqual(partial.sort());
  for (const c of result.cities) {
    const mine = result.unit_rates.filter((u) => u.city_code === c.city_code);
    expect(c.missing_pairs).toBe(mine.reduce((s, u) => s + u.missing_days, 0));
    expect(c.partial_pairs).toBe(mine.reduce((s, u) => s + u.partial_days, 0));
    expect(c.reported_pairs).toBe(mine.reduce((s, u) => s + u.reported_days, 0));
  }
}

const filters: { name: string; filter: { regions?: string[]; departments?: string[] } }[] = [
  { name: 'the whole province, every indicator', filter: {} },
  { name: '忻州市 alone', filter: { regions: ['忻州市'] } },
  { name: '交警 only, in 忻州市 and 晋城市城区', filter: { regions: ['忻州市', '晋城市城区'], departments: ['交警'] } },
  { name: '禁毒 in 五台县 and 运城市', filter: { regions: ['忻州市五台县', '运城市'], departments: ['禁毒'] } },
];

describe('completeness (core)', () => {
  for (const { name, filter } of filters) {
    it(`per-unit record and gaps agree with a count from the fact table: ${name}`, () => {
      const result = core.completeness({ from: FROM, to: TO, regions: filter.regions ?? [], departments: filter.departments ?? [] });
      expectAgrees(result, bruteForce(filter));
    });
  }

  it('finds exactly the gaps cut into the copy, names 城区 with its city, and lists the indicators a partial day lacks', () => {
    const r = core.completeness({ from: FROM, to: TO });
    const cut = MISSING_DAYS.flatMap((m) => m.days.map((d) => `${regionCode(ws, m.unit)}|${d}`));
    expect(r.missing.map((g) => `${g.region_code}|${g.day}`).sort()).toEqual(cut.sort());
    const chengqu = r.unit_rates.find((u) => u.region_code === String(regionCode(ws, '晋城市城区')))!;
    expect(chengqu.region_name).toBe('晋城市城区');
    expect(r.unit_rates.find((u) => u.region_code === String(regionCode(ws, '阳泉市城区')))!.region_name).toBe('阳泉市城区');
    const dept = r.partial.find((g) => g.region_code === String(regionCode(ws, MISSING_DEPARTMENT.unit)))!;
    expect(dept.day).toBe(MISSING_DEPARTMENT.day);
    expect(dept.missing_indicators).toEqual(ws.catalogue.indicators.filter((i) => i.department === '交警').map((i) => i.key));
    const lingqiu = r.partial.filter((g) => g.region_code === String(regionCode(ws, MISSING_INDICATORS[0]!.unit)));
    expect(lingqiu.map((g) => [g.day, g.missing_indicators])).toEqual(
      MISSING_INDICATORS[0]!.days.map((d) => [d, [MISSING_INDICATORS[0]!.indicator]]),
    );
    const fanshi = r.unit_rates.find((u) => u.region_code === String(regionCode(ws, '忻州市繁峙县')))!;
    expect(fanshi).toMatchObject({ missing_days: 4, partial_days: 0, reported_days: 16, last_reported_day: TO });
  });

  it('a unit that never reported in the period has no last reported day', () => {
    const r = core.completeness({ from: '2023-08-03', to: '2023-08-04', regions: ['忻州市繁峙县'] });
    expect(r.unit_rates).toEqual([
      expect.objectContaining({
        region_name: '繁峙县',
        city_name: '忻州市',
        missing_days: 2,
        reported_days: 0,
        rate: 0,
        last_reported_day: null,
      }),
    ]);
  });
});

describe('催报清单 (reminders)', () => {
  const request = { from: FROM, to: TO, regions: ['忻州市', '大同市', '晋城市'] };
  const now = new Date('2024-01-02T03:04:05Z');

  /** The gap rows the list should hold, in order: city by city, each city's counties then 本级, then day. */
  function expectedRows(): string[][] {
    const r = core.completeness({ ...request, departments: [] });
    const keyName = (k: string) => k.split('/');
    const order = r.unit_rates.map((u) => u.region_code);
    const gaps = [...r.missing, ...r.partial].sort(
      (a, b) => order.indexOf(a.region_code) - order.indexOf(b.region_code) || a.day.localeCompare(b.day),
    );
    return gaps.map((g) => {
      let text = `全部（${g.expected}项）`;
      if (g.reported > 0) {
        const byDept = new Map<string, string[]>();
        for (const k of g.missing_indicators!) {
          const [d, n] = keyName(k);
          byDept.set(d!, [...(byDept.get(d!) ?? []), n!]);
        }
        text = [...byDept].map(([d, ns]) => `${d}：${ns.join('、')}`).join('；');
      }
      return [
        g.city_name,
        g.region_name,
        g.region_code,
        g.day,
        g.reported === 0 ? '缺报' : '部分报送',
        String(g.expected - g.reported),
        text,
      ];
    });
  }

  it('CSV: a header and one row per gap, then the 说明 with the filter and period; the CLI prints the same', async () => {
    const file = await buildReport(ws, { type: 'reminders', format: 'csv', ...request }, { now });
    expect(file.fileName).toBe('忻州市、大同市、晋城市催报清单（2023-08-01至2023-08-20）.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const all = new TextDecoder()
      .decode(file.bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    // A demo database: the first line says so, as every export does.
    expect(all[0]).toBe('演示数据（非真实数据）');
    const lines = all.slice(1);
    expect(lines[0]).toBe('市,单位,单位代码,日期,情况,缺报指标数,缺报指标');
    const blank = lines.indexOf('');
    const rows = lines.slice(1, blank).map((l) => l.split(','));
    const want = expectedRows();
    expect(rows).toEqual(want);
    // 忻州市 (繁峙县's days, 五台县's indicator, 本级's 交警), 大同市 (灵丘县), 晋城市 (城区).
    expect(want.length).toBe(4 + 1 + 1 + 2 + 1);
    expect(rows.map((r) => r[1])).toContain('晋城市城区');
    const notes = lines.slice(blank + 1);
    expect(notes).toContain('统计时段,2023-08-01 至 2023-08-20');
    expect(notes).toContain('地区,忻州市、大同市、晋城市');
    expect(notes.some((l) => l.startsWith('对比'))).toBe(false);

    const cli = runCli([
      'completeness',
      '--db',
      path,
      '--from',
      FROM,
      '--to',
      TO,
      '--region',
      '忻州市',
      '--region',
      '大同市',
      '--region',
      '晋城市',
      '--format',
      'csv',
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const withoutTime = (ls: string[]) => ls.filter((l) => !l.startsWith('生成时间,'));
    expect(withoutTime(cli.stdout.split('\r\n'))).toEqual(withoutTime(all));
  }, 180_000);

  it('XLSX: the same rows on a 催报清单 sheet with a frozen bold header and set widths, and a 说明 sheet', async () => {
    const file = await buildReport(ws, { type: 'reminders', format: 'xlsx', ...request }, { now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['演示数据', '催报清单', '说明']);
    const sheet = wb.getWorksheet('催报清单')!;
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v))));
    expect(values[0]).toEqual(['市', '单位', '单位代码', '日期', '情况', '缺报指标数', '缺报指标']);
    expect(values.slice(1)).toEqual(expectedRows());
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(7).width).toBeGreaterThan(sheet.getColumn(1).width!);
    const info: string[][] = [];
    wb.getWorksheet('说明')!.eachRow((row) => info.push((row.values as unknown[]).slice(1).map(String)));
    expect(info).toContainEqual(['统计时段', '2023-08-01 至 2023-08-20']);
    expect(info).toContainEqual(['报告', '忻州市、大同市、晋城市催报清单']);
  });

  it('a period without gaps says so and lists no row', async () => {
    const file = await buildReport(
      ws,
      { type: 'reminders', format: 'csv', from: '2023-07-01', to: '2023-07-03', regions: ['忻州市'] },
      { now },
    );
    const lines = new TextDecoder().decode(file.bytes).split('\r\n');
    expect(lines[0]).toContain('演示数据');
    expect(lines[2]).toBe('');
    const doc = await buildReport(
      ws,
      { type: 'reminders', format: 'docx', from: '2023-07-01', to: '2023-07-03', regions: ['忻州市'] },
      { now },
    );
    expect(doc.fileName).toMatch(/\.docx$/);
  });
});

describe('anomalies operation', () => {
  it('lists the inflated values per city with their expected range', () => {
    const r = core.anomalies({ from: FROM, to: TO });
    expect(r.cities.map((c) => c.city_name)).toEqual(ws.catalogue.regions.filter((x) => x.level === 'city').map((x) => x.name));
    expect(r.total).toBe(r.cities.reduce((s, c) => s + c.anomalies.length, 0));
    expect(r.window).toEqual({ from: '2023-06-25', to: '2023-09-30' });
    for (const x of INFLATED) {
      const code = String(regionCode(ws, x.unit));
      const [dept, name] = x.indicator.split('/');
      const row = r.cities
        .flatMap((c) => c.anomalies)
        .find((a) => a.region_code === code && a.day === x.day && a.indicator_key === x.indicator);
      expect(row, `${x.unit} ${x.day}`).toBeDefined();
      const value = ws.db
        .prepare(
          'SELECT value FROM fact WHERE region_code = ? AND day = ? AND indicator_id = (SELECT i.id FROM indicator i JOIN department d ON d.id = i.department_id WHERE d.name = ? AND i.name = ?)',
        )
        .pluck()
        .get(code, parseIsoDay(x.day), dept, name) as number;
      expect(row).toMatchObject({
        value,
        department: dept,
        indicator: name,
        unit: ws.catalogue.indicators.find((i) => i.key === x.indicator)!.unit,
      });
      expect(row!.expected_high).toBeLessThan(value);
      expect(row!.expected_low).toBeLessThanOrEqual(row!.expected);
      expect(row!.city_code).toBe(String(regionCode(ws, x.unit.slice(0, 3))));
    }
  });

  it('equals the list the city dossier prints for the same city and period', async () => {
    for (const city of ['忻州市', '运城市']) {
      const op = core.anomalies({ from: FROM, to: TO, regions: [city] });
      expect(op.cities).toHaveLength(1);
      const file = await buildReport(ws, { type: 'city', format: 'xlsx', from: FROM, to: TO, regions: [city] });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.bytes) as never);
      const sheet = wb.getWorksheet('异常数据');
      const rows: unknown[][] = [];
      sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const header = rows[0] as string[];
      const col = (h: string) => header.indexOf(h);
      const dossier = rows
        .slice(1)
        .filter((r) => r.length > 3)
        .map((r) => [
          r[col('报送单位')],
          r[col('日期')],
          r[col('部门')],
          r[col('指标')],
          r[col('数值')],
          r[col('预期下限')],
          r[col('预期上限')],
        ]);
      const mine = op.cities[0]!.anomalies.map((a) => [
        a.region_name,
        a.day,
        a.department,
        a.indicator,
        a.value,
        a.expected_low,
        a.expected_high,
      ]);
      expect(mine.length).toBeGreaterThan(0);
      expect(dossier).toEqual(mine);
    }
  });

  it("`campaign anomalies --format json` prints the operation's answer", () => {
    const out = runCli(['anomalies', '--db', path, '--from', FROM, '--to', TO, '--region', '运城市', '--format', 'json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(core.anomalies({ from: FROM, to: TO, regions: ['运城市'] }));
  }, 180_000);

  it('median and MAD without one element equal a plain sort', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 1; n < 40; n++) {
      for (let rep = 0; rep < 5; rep++) {
        const xs = Array.from({ length: n }, () => Math.round(random() * 50) / (rep % 2 ? 1 : 7));
        const sorted = Float64Array.from(xs).sort();
        for (let skip = 0; skip < n; skip++) {
          const others = Array.from(sorted).filter((_, i) => i !== skip);
          const got = medianAndMadWithout(sorted, skip);
          if (others.length === 0) {
            expect(got.median).toBeNaN();
            continue;
          }
          const med = median(others);
          expect(got.median).toBe(med);
          expect(got.mad).toBe(median(others.map((x) => Math.abs(x - med))));
        }
      }
    }
  });
});

describe('filter errors', () => {
  it('an unknown region is a user error', () => {
    const f: SliceFilter = { from: FROM, to: TO, regions: ['火星市'] };
    expect(() => core.completeness(f)).toThrow(/火星市/);
    expect(() => core.anomalies(f)).toThrow(/火星市/);
  });
});
