// 填报模板 and the import's command line, end to end through `campaign`: the template is written,
// filled in by exceljs as a city would, imported unchanged, and the slice query returns exactly
// what was filled; cells left empty stay "not reported".
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createCoreEntry } from '../../electron/core/entry';
import { openWorkspace } from '../../electron/store/workspace';
import type { Indicator } from '../../shared/api/catalogue-types';
import { unitRule } from '../../shared/units';
import { runCliInProcess } from '../support/cli';
import { tempDir } from '../support/temp-db';

/** `campaign …` in this process: a fresh node costs seconds per command on the shared build machine. */
const cli = (...args: string[]) => runCliInProcess(args);

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

/** A seeded stream of numbers (a template is filled with values nobody chose). */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function valueFor(ind: Indicator, next: () => number): number {
  const rule = unitRule(ind.unit);
  const n = Math.floor(next() * 5000);
  if (rule.integer) return n;
  const scale = 10 ** rule.maxDecimals;
  return Math.round(next() * 900 * scale) / scale;
}

/** A new, empty database file (it holds the catalogue). */
function newDb(path: string): string {
  openWorkspace(path).close();
  return path;
}

function catalogueOf(db: string) {
  const ws = openWorkspace(db, { readonly: true });
  try {
    return ws.catalogue;
  } finally {
    ws.close();
  }
}

function slice(db: string, input: Parameters<ReturnType<typeof createCoreEntry>['query']>[0]) {
  const ws = openWorkspace(db, { readonly: true });
  try {
    return createCoreEntry(ws).query(input);
  } finally {
    ws.close();
  }
}

describe('填报模板 (campaign template)', () => {
  it('writes the wide format for 长治市: every unit per day, unambiguous headers, validation, frozen header; filled in, it imports unchanged', async () => {
    const dir = tempDir();
    const db = newDb(join(dir, 'c.db'));
    const out = join(dir, 't.xlsx');
    const made = await cli('template', '--db', db, '--region', '长治市', '--from', '2023-08-10', '--to', '2023-08-12', '--out', out);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/填报模板_长治市_2023-08-10至2023-08-12\.xlsx/);

    const catalogue = catalogueOf(db);
    const counties = catalogue.regions.filter((r) => r.parent === '140400' && r.level === 'county');
    const wb = await load(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填报']);
    const sheet = wb.getWorksheet('填报')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 2)).toEqual(['日期', '地区']);
    expect(header).toHaveLength(2 + catalogue.indicators.length);
    catalogue.indicators.forEach((ind, k) =>
      expect(header[k + 2]).toMatch(new RegExp(`^(${ind.department}/)?${ind.name}（${ind.unit}）$`)),
    );
    // A name three departments share is written with its department.
    expect(header).toEqual(expect.arrayContaining(['刑侦/抓获犯罪嫌疑人（名）', '网安/抓获犯罪嫌疑人（名）']));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    for (let c = 1; c <= header.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(10);

    const units = [...counties.map((c) => `长治市${c.name}`), '长治市本级'];
    expect(sheet.rowCount).toBe(1 + 3 * units.length);
    const days = ['2023-08-10', '2023-08-11', '2023-08-12'];
    days.forEach((d, i) =>
      units.forEach((u, j) => {
        const row = sheet.getRow(2 + i * units.length + j);
        expect((row.getCell(1).value as Date).toISOString().slice(0, 10)).toBe(d);
        expect(row.getCell(2).value).toBe(u);
        for (let c = 3; c <= header.length; c++) expect(row.getCell(c).value).toBeNull();
      }),
    );
    // Excel's validation on every value cell: whole numbers ≥ 0, or at most the unit's decimals.
    const grams = catalogue.indicators.findIndex((i) => i.unit === '克') + 3;
    const persons = catalogue.indicators.findIndex((i) => i.unit === '人次') + 3;
    const lastRow = sheet.rowCount;
    expect(sheet.getCell(lastRow, persons).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showErrorMessage: true,
    });
    expect(sheet.getCell(2, grams).dataValidation).toMatchObject({ type: 'custom', showErrorMessage: true });
    expect(String(sheet.getCell(2, grams).dataValidation.formulae[0])).toMatch(/ROUND\([A-Z]+2,3\)/);

    // Fill EVERY value cell with other values, as a city would, and import the file unchanged.
    const next = seeded(20240611);
    const filled = new Map<string, number>();
    days.forEach((d, i) =>
      units.forEach((u, j) => {
        const row = sheet.getRow(2 + i * units.length + j);
        catalogue.indicators.forEach((ind, k) => {
          const v = valueFor(ind, next);
          row.getCell(k + 3).value = v;
          filled.set(`${d}|${u}|${ind.key}`, v);
        });
      }),
    );
    const filledPath = join(dir, 'filled.xlsx');
    writeFileSync(filledPath, Buffer.from(await wb.xlsx.writeBuffer()));
    const imported = await cli('import', '--db', db, filledPath);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`已导入为批次 1：${filled.size} 条`));

    const result = slice(db, { from: '2023-08-10', to: '2023-08-12', regions: ['长治市'], by: ['region:county', 'day', 'indicator'] });
    const got = new Map<string, number | null>();
    const nameOf = (code: string, name: string) => (code === '140400' ? '长治市本级' : `长治市${name}`);
    for (const r of result.rows) got.set(`${r.day}|${nameOf(r.region_code!, r.region_name!)}|${r.department}/${r.indicator}`, r.value);
    expect(got).toEqual(filled);
  });

  it('names 晋城市城区 so it resolves, takes a phase and departments, and leaves untouched cells unreported (null, not 0)', async () => {
    const dir = tempDir();
    const db = newDb(join(dir, 'j.db'));
    const out = join(dir, 't.xlsx');
    const made = await cli(
      'template',
      '--db',
      db,
      '--region',
      '晋城',
      '--phase',
      '第一次集中统一行动',
      '--department',
      '禁毒',
      '--department',
      '交警',
      '--out',
      out,
    );
    expect(made.code).toBe(0);
    const catalogue = catalogueOf(db);
    const wanted = catalogue.indicators.filter((i) => i.department === '禁毒' || i.department === '交警');
    const wb = await load(out);
    const sheet = wb.getWorksheet('填报')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toHaveLength(2 + wanted.length);
    const regions = new Set<string>();
    sheet.eachRow((row, n) => void (n > 1 && regions.add(String(row.getCell(2).value))));
    expect(regions).toContain('晋城市城区');
    expect(regions).toContain('晋城市本级');
    // 2023-07-07..09; fill one cell in three, and one 0.
    const drugs = wanted.findIndex((i) => i.key === '禁毒/缴获毒品') + 3;
    const cityRow = [...Array(sheet.rowCount).keys()]
      .map((i) => i + 1)
      .find(
        (n) =>
          sheet.getRow(n).getCell(2).value === '晋城市城区' &&
          (sheet.getRow(n).getCell(1).value as Date).toISOString().startsWith('2023-07-08'),
      )!;
    sheet.getCell(cityRow, drugs).value = 12.375;
    sheet.getCell(cityRow, drugs + 1).value = 0;
    writeFileSync(join(dir, 'f.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const imported = await cli('import', '--db', db, join(dir, 'f.xlsx'));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/已导入为批次 1：2 条/);
    const result = slice(db, { from: '2023-07-08', to: '2023-07-08', regions: ['晋城市城区'], departments: ['禁毒'], by: ['indicator'] });
    const byName = new Map(result.rows.map((r) => [r.indicator, r.value]));
    const drugIndicators = wanted.filter((i) => i.department === '禁毒');
    const zero = wanted[drugs + 1 - 3]!.name;
    expect(byName).toEqual(
      new Map(
        [
          ['缴获毒品', 12.375],
          [zero, 0],
        ].sort((a, b) => drugIndicators.findIndex((i) => i.name === a[0]) - drugIndicators.findIndex((i) => i.name === b[0])) as [
          string,
          number,
        ][],
      ),
    );
    // Every cell left empty is "not reported": null, never 0.
    for (const i of drugIndicators.filter((x) => x.name !== '缴获毒品' && x.name !== zero)) {
      expect(
        slice(db, { from: '2023-07-08', to: '2023-07-08', regions: ['晋城市城区'], indicators: [i.key], by: [] }).total.value,
        i.key,
      ).toBeNull();
    }
    const before = slice(db, { from: '2023-07-07', to: '2023-07-07', regions: ['晋城市城区'], indicators: ['禁毒/缴获毒品'], by: [] });
    expect(before.total.value).toBeNull();
  });

  it('refuses the whole province and a missing --out, in words a user can act on', async () => {
    const db = newDb(join(tempDir(), 'x.db'));
    const province = await cli(
      'template',
      '--db',
      db,
      '--region',
      '山西省',
      '--phase',
      '第一次集中统一行动',
      '--out',
      join(tempDir(), 'p.xlsx'),
    );
    expect(province.code).toBe(1);
    expect(province.stderr).toMatch(/^错误: 填报模板按地市生成/);
    expect((await cli('template', '--db', db, '--region', '长治市', '--phase', '第一次集中统一行动')).stderr).toMatch(/--out/);
  });
});

describe('campaign import --rejects', () => {
  it('writes the rejected rows of a rejected import and says how to replace stored values', async () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    writeFileSync(join(dir, 'old.csv'), '日期,地区,部门,指标,数值\n2023-09-01,朔州市朔城区,治安,查处涉赌案件,5\n');
    expect((await cli('import', '--db', db, join(dir, 'old.csv'))).code).toBe(0);
    writeFileSync(
      join(dir, 'new.csv'),
      '日期,地区,部门,指标,数值\n2023-09-01,朔州市朔城区,治安,查处涉赌案件,6\n2023-09-01,怀仁市,治安,查处涉赌案件,=1+1\n2023-09-02,应县,治安,查处涉赌案件,7\n',
    );
    const rejects = join(dir, 'back.xlsx');
    const r = await cli('import', '--db', db, '--rejects', rejects, join(dir, 'new.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/共 2 处错误（与已有数据冲突 1 处、数值或单位 1 处|共 2 处错误（数值或单位 1 处、与已有数据冲突 1 处/);
    expect(r.stderr).toMatch(/加 --replace 重新导入/);
    expect(r.stderr).toMatch(/被拒绝的 2 行已写入/);
    expect(existsSync(rejects)).toBe(true);
    const wb = await load(rejects);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('new');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.map((x) => x.slice(0, 5))).toEqual([
      ['日期', '地区', '部门', '指标', '数值'],
      ['2023-09-01', '朔州市朔城区', '治安', '查处涉赌案件', '6'],
      ['2023-09-01', '怀仁市', '治安', '查处涉赌案件', '=1+1'],
    ]);
    expect(sheet.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(rows[1]![5]).toMatch(/^数值：.*已有数值 5/);
    expect(rows.slice(1).map((x) => x[8])).toEqual([2, 3]);
  });
});
