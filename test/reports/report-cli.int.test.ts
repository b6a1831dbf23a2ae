// `campaign report --rank-by`, `campaign info` in Beijing time and `campaign query`'s 增减% in the
// table, through the real command. The ranking is checked on a small database whose cities rank
// differently by each indicator (in the demo data every indicator follows population).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { SliceResult } from '../../shared/api/slice';
import { openWorkspace } from '../../electron/store/workspace';
import { runSlice } from '../../electron/query/slice';
import { createFactSource } from '../../electron/query/engine';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-db';

const CITIES = ['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市'];

/** A database where arrests, drink-driving cases and officers deployed order the cities three different ways. */
function smallDb(dir: string): string {
  const db = join(dir, 'small.db');
  const lines = ['日期,地区,部门,指标,数值'];
  CITIES.forEach((city, i) => {
    for (const day of ['2024-07-02', '2024-07-03']) {
      lines.push(`${day},${city}本级,综合,抓获现行违法犯罪人员,${((i * 7) % 11) + 3}`);
      lines.push(`${day},${city}本级,交警,查处酒驾醉驾,${((i * 5) % 11) + 20}`);
      lines.push(`${day},${city}本级,综合,出动民警辅警,${1000 - i * 40}`);
    }
  });
  const csv = join(dir, 'returns.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const r = runCli(['import', '--db', db, csv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return db;
}

async function rankingSheet(path: string): Promise<{ header: unknown[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('各市排名')!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { header: rows[0]!, rows: rows.slice(1).filter((r) => CITIES.includes(r[0] as string)) };
}

/** City names from the slice query, highest first (ties in catalogue order, as the report ranks them). */
function expectedOrder(db: string, indicator: string): string[] {
  const ws = openWorkspace(db, { readonly: true });
  let result: SliceResult;
  try {
    result = runSlice(ws.resolver, createFactSource(ws), {
      from: '2024-07-02',
      to: '2024-07-03',
      indicators: [indicator],
      by: ['region:city'],
    });
  } finally {
    ws.close();
  }
  const rows = result.rows.filter((x) => CITIES.includes(x.region_name!));
  return rows
    .map((x) => ({ name: x.region_name!, value: x.value ?? -1, at: CITIES.indexOf(x.region_name!) }))
    .sort((a, b) => b.value - a.value || a.at - b.at)
    .map((x) => x.name);
}

// Every command is a process of its own (tsx compiles on start): slow on a loaded machine.
const SLOW = 400_000;
let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-rank-'));
  db = smallDb(dir);
}, SLOW);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('campaign report --rank-by', () => {
  it('ranks by 抓获现行违法犯罪人员 by default, and by the indicator asked for', { timeout: SLOW }, async () => {
    let n = 0;
    const run = async (...extra: string[]) => {
      const out = join(dir, `ranking-${++n}.xlsx`);
      const r = runCli([
        'report',
        '--db',
        db,
        '--type',
        'briefing',
        '--format',
        'xlsx',
        '--from',
        '2024-07-02',
        '--to',
        '2024-07-03',
        '--compare',
        'none',
        '--out',
        out,
        ...extra,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return rankingSheet(out);
    };

    const byDefault = await run();
    expect(byDefault.header[1]).toBe('抓获现行违法犯罪人员（名）');
    expect(byDefault.header[byDefault.header.length - 1]).toBe('抓获现行违法犯罪人员排名');
    const arrests = expectedOrder(db, '抓获现行违法犯罪人员');
    expect(byDefault.rows.map((r) => r[0])).toEqual(arrests);

    // An alias, resolved like --indicator.
    const byDrink = await run('--rank-by', '查处酒驾醉驾违法');
    expect(byDrink.header[1]).toBe('查处酒驾醉驾（起）');
    const drink = expectedOrder(db, '交警/查处酒驾醉驾');
    expect(byDrink.rows.map((r) => r[0])).toEqual(drink);
    expect(drink).not.toEqual(arrests);

    const byForce = await run('--rank-by', '综合/出动民警辅警');
    expect(byForce.rows.map((r) => r[0])).toEqual(CITIES); // 1000, 960, … by catalogue order
    // The ranked column's values fall from top to bottom.
    const values = byForce.rows.map((r) => r[1] as number);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('refuses an unknown indicator with a message to act on', { timeout: SLOW }, () => {
    const r = runCli([
      'report',
      '--db',
      inject('demoDb'),
      '--type',
      'briefing',
      '--format',
      'csv',
      '--phase',
      '第一次集中统一行动',
      '--rank-by',
      '抓获外星人',
      '--out',
      join(tempDir(), 'x.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('排名指标');
    expect(r.stderr).toContain('无法识别指标“抓获外星人”');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('campaign info and query, as people read them', () => {
  it('info prints import times in Beijing time, labelled', { timeout: SLOW }, () => {
    const json = JSON.parse(runCli(['info', '--db', db, '--format', 'json']).stdout) as { batches: { importedAt: string }[] };
    const utc = json.batches[0]!.importedAt;
    const beijing = new Date(Date.parse(utc) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const table = runCli(['info', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('导入时间（北京时间）');
    expect(table.stdout).toContain(beijing);
  });

  it('query prints 增减% to one decimal in the table; JSON keeps full precision', { timeout: SLOW }, () => {
    const args = [
      'query',
      '--db',
      inject('demoDb'),
      '--from',
      '2023-08-03',
      '--to',
      '2023-08-11',
      '--region',
      '晋中市',
      '--department',
      '刑侦',
      '--by',
      'indicator',
      '--compare',
      'prev',
    ];
    const result = JSON.parse(runCli([...args, '--format', 'json']).stdout) as SliceResult;
    const pcts = result.rows.map((r) => r.change_pct).filter((p): p is number => p !== null && p !== undefined);
    expect(pcts.length).toBeGreaterThan(2);
    expect(pcts.some((p) => Math.round(p * 10) !== p * 10)).toBe(true); // more than one decimal
    // The demo database's marker line comes first in a table.
    const table = runCli(args)
      .stdout.trimEnd()
      .split('\n')
      .filter((l) => l !== '【演示数据（非真实数据）】');
    expect(table[0]).toMatch(/增减%$/);
    const body = table.slice(2); // header and rule
    expect(body).toHaveLength(result.rows.length + 1); // rows and 合计
    result.rows.forEach((r, i) => {
      if (r.change_pct === null || r.change_pct === undefined) return;
      expect(body[i]!.trim().split(/\s+/).pop(), body[i]).toBe(r.change_pct.toFixed(1));
    });
  });
});
