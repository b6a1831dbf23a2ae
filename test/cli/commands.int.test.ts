import { describe, expect, inject, it } from 'vitest';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedFigures } from '../support/published-figures';
import { runCli, runCliJson } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { formatReportNumber } from '../../shared/format';
import type { SliceResult } from '../../shared/api/slice';
import type { Catalogue } from '../../shared/api/catalogue-types';

describe('campaign CLI', () => {
  const db = inject('demoDb');

  it('names its version with --version, and prints the help with --help', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法: campaign');
  });

  it('answers the acceptance queries inside the article’s printed ranges', () => {
    const catalogue = runCliJson<Catalogue>(['catalogue', '--db', db]);
    const byName = new Map(catalogue.indicators.map((i) => [i.key, i]));
    const published = publishedFigures();
    const check = (result: SliceResult, table: 'A' | 'B' | 'C', count: number) => {
      expect(result.rows).toHaveLength(count);
      const figures = published.filter((f) => f.table === table);
      result.rows.forEach((row, i) => {
        const ind = byName.get(`${row.department}/${row.indicator}`)!;
        expect(row.unit).toBe(figures[i]!.unit);
        expect(formatReportNumber(row.value!, ind.display, ind.unit), row.indicator).toBe(figures[i]!.value);
      });
    };
    check(runCliJson(['query', '--db', db, '--phase', '第一次集中统一行动', '--department', '综合', '--by', 'indicator']), 'A', 17);
    check(runCliJson(['query', '--db', db, '--phase', '第一次集中统一行动', '--department', '禁毒', '--by', 'indicator']), 'B', 8);
    check(
      runCliJson(['query', '--db', db, '--from', '2023-06-25', '--to', '2023-07-12', '--department', '交警', '--by', 'indicator']),
      'C',
      6,
    );
  });

  it('prints the documented JSON keys for every grouping', () => {
    const r = runCliJson<SliceResult>([
      'query',
      '--db',
      db,
      '--from',
      '2023-07-06',
      '--to',
      '2023-07-08',
      '--region',
      '太原市',
      '--indicator',
      '禁毒/出动警力',
      '--by',
      'region:county',
      '--by',
      'department,indicator',
      '--by',
      'day',
      '--by',
      'week',
      '--by',
      'month',
      '--by',
      'phase',
      '--compare',
      'yoy',
    ]);
    expect(Object.keys(r)).toEqual(['rows', 'total', 'period']);
    expect(Object.keys(r.rows[0]!).sort()).toEqual(
      [
        'region_code',
        'region_name',
        'city_code',
        'city_name',
        'department',
        'indicator',
        'unit',
        'day',
        'week',
        'month',
        'phase',
        'value',
        'base',
        'change',
        'change_pct',
      ].sort(),
    );
    expect(r.rows[0]).toMatchObject({
      region_code: '140105',
      region_name: '小店区',
      city_code: '140100',
      city_name: '太原市',
      department: '禁毒',
      indicator: '出动警力',
      unit: '人次',
      day: '2023-07-06',
      week: '2023-W27',
      month: '2023-07',
      phase: '（阶段外）',
    });
    expect(r.rows.filter((x) => x.phase === '第一次集中统一行动')).toHaveLength(11 * 2);
    expect(r.total.unit).toBe('人次');
    expect(r.total.value).toBe(r.rows.reduce((s, x) => s + x.value!, 0));
  });

  it('prints tables and CSV', () => {
    const t = runCli(['query', '--db', db, '--phase', '第一次集中统一行动', '--indicator', '出动民警辅警', '--by', 'region:city']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/地区代码\s+地区\s+单位\s+数值/);
    expect(t.stdout).toMatch(/合计\s.*65512/);
    const c = runCli([
      'query',
      '--db',
      db,
      '--phase',
      '第一次集中统一行动',
      '--indicator',
      '出动民警辅警',
      '--by',
      'region:city',
      '--format',
      'csv',
    ]);
    expect(c.stdout.split('\r\n')[0]).toBe('region_code,region_name,unit,value');
    expect(c.stdout.split('\r\n')).toHaveLength(13);
  });

  it('reports errors on stderr with a non-zero status', () => {
    for (const args of [
      ['query', '--db', db, '--phase', '第一次集中统一行动', '--department', '综合'],
      ['query', '--db', db, '--phase', '第一次集中统一行动', '--region', '城区', '--indicator', '出动车辆'],
      ['query', '--db', db, '--phase', '第一次集中统一行动', '--indicator', '出动车辆', '--by', 'county'],
      ['query', '--db', db, '--from', '2023-07-01', '--indicator', '出动车辆'],
      ['query', '--db', db, '--phase', '第一次集中统一行动', '--indicator', '出动车辆', '--compare', 'mom'],
      ['frobnicate', '--db', db],
      ['query', '--db', db, '--bogus'],
    ]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^错误: /);
    }
    const absent = join(tempDir(), 'none', 'x.db');
    const missing = runCli(['info', '--db', absent, '--format', 'json']);
    expect(missing.code).toBe(1); // a read command creates nothing (test/cli/hardening.int.test.ts)
    expect(missing.stderr).toBe(`错误: 数据库文件不存在：${absent}\n`);
    expect(existsSync(absent)).toBe(false);
  });

  it('imports, refuses a re-import, and undoes through the command line', () => {
    const dir = tempDir();
    const path = join(dir, 'work.db');
    copyFileSync(db, path);
    const file = join(dir, 'taiyuan.csv');
    writeFileSync(file, '日期,地区,部门,指标,数值\n2023-10-01,太原市小店区,综合,出动民警辅警,12\n2023-10-01,太原市本级,禁毒,出动警力,3\n');
    const before = runCliJson<SliceResult>(['query', '--db', path, '--from', '2023-10-01', '--to', '2023-10-01', '--by', 'indicator']);
    expect(before.rows).toEqual([]);
    const first = runCli(['import', '--db', path, file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/已导入为批次 2：2 条/);
    const again = runCli(['import', '--db', path, file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/内容与批次 2 相同/);
    const after = runCliJson<SliceResult>(['query', '--db', path, '--from', '2023-10-01', '--to', '2023-10-01', '--by', 'indicator']);
    expect(after.rows.map((r) => [r.indicator, r.value])).toEqual([
      ['出动民警辅警', 12],
      ['出动警力', 3],
    ]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '日期,地区,部门,指标,数值\n2023-10-02,城区,综合,出动民警辅警,-1\n');
    const rejected = runCli(['import', '--db', path, bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/城区/);
    expect(rejected.stderr).toMatch(/数据库未做任何更改/);
    expect(runCli(['undo', '--db', path, '2']).code).toBe(0);
    expect(
      runCliJson<SliceResult>(['query', '--db', path, '--from', '2023-10-01', '--to', '2023-10-01', '--by', 'indicator']).rows,
    ).toEqual([]);
    const info = runCliJson<{ batches: { id: number; undoneAt: string | null }[] }>(['info', '--db', path]);
    expect(info.batches.find((b) => b.id === 2)!.undoneAt).not.toBeNull();
  });
});
