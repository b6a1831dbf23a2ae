import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openWorkspace } from '../../electron/store/workspace';
import { LATEST_VERSION } from '../../electron/store/migrations/index';
import { UserError } from '../../shared/errors';
import { tempDir } from '../support/temp-db';

describe('store', () => {
  it('creates a WAL database with foreign keys, STRICT tables and the recorded schema version', () => {
    const path = join(tempDir(), 'new.db');
    const ws = openWorkspace(path);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = ws.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'batch',
        'campaign',
        'department',
        'department_alias',
        'fact',
        'fact_day_column',
        'fact_replaced',
        'indicator',
        'indicator_alias',
        'phase',
        'region',
        'saved_view',
        'database_identity',
        'bundle_origin',
        'finding',
        'finding_event',
        'finding_attachment',
        'correction',
        'return_merge',
        'sync_state',
        'server_batch',
      ].sort(),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\bSTRICT\b/);
    ws.close();
  });

  it('holds the catalogue in a new, empty database', () => {
    const ws = openWorkspace(join(tempDir(), 'new.db'));
    const { regions, departments, indicators, campaigns } = ws.catalogue;
    expect(regions.filter((r) => r.level === 'province').map((r) => [r.code, r.name])).toEqual([['140000', '山西省']]);
    const cities = regions.filter((r) => r.level === 'city');
    expect(cities.map((r) => r.name)).toEqual([
      '太原市',
      '大同市',
      '阳泉市',
      '长治市',
      '晋城市',
      '朔州市',
      '晋中市',
      '运城市',
      '忻州市',
      '临汾市',
      '吕梁市',
    ]);
    expect(cities.map((r) => r.code)).toEqual([
      '140100',
      '140200',
      '140300',
      '140400',
      '140500',
      '140600',
      '140700',
      '140800',
      '140900',
      '141000',
      '141100',
    ]);
    const counties = regions.filter((r) => r.level === 'county');
    expect(counties).toHaveLength(117);
    expect(counties.every((c) => /^14\d{4}$/.test(c.code) && c.parent === c.city && cities.some((x) => x.code === c.parent))).toBe(true);
    const byCode = new Map(regions.map((r) => [r.code, r.name]));
    expect(byCode.get('140105')).toBe('小店区');
    expect(byCode.get('140302')).toBe('城区');
    expect(byCode.get('140502')).toBe('城区');
    expect(byCode.get('140215')).toBe('云州区');
    expect(byCode.get('141182')).toBe('汾阳市');
    for (const zone of ['140171', '140271', '140671', '140971']) expect(byCode.has(zone)).toBe(false);
    // Cities' county counts (GB/T 2260, 2023).
    const perCity = cities.map((c) => counties.filter((x) => x.parent === c.code).length);
    expect(perCity).toEqual([10, 10, 5, 12, 6, 6, 11, 13, 14, 17, 13]);

    expect(departments.map((d) => d.name)).toEqual(['综合', '治安', '交警', '刑侦', '禁毒', '食药侦', '网安']);
    expect(indicators.filter((i) => i.department === '综合')).toHaveLength(17);
    expect(indicators.filter((i) => i.department === '禁毒')).toHaveLength(8);
    expect(indicators.filter((i) => i.department === '交警')).toHaveLength(6);
    expect(indicators.filter((i) => i.fromArticle)).toHaveLength(31);
    for (const d of ['治安', '刑侦', '食药侦', '网安']) {
      const own = indicators.filter((i) => i.department === d);
      expect(own.length, d).toBeGreaterThan(0);
      expect(own.every((i) => !i.fromArticle)).toBe(true);
    }
    expect(campaigns.map((c) => c.year)).toEqual([2022, 2023]);
    expect(campaigns[1]!.phases).toContainEqual(
      expect.objectContaining({ name: '第一次集中统一行动', from: '2023-07-07', to: '2023-07-09' }),
    );
    ws.close();
  });

  it('refuses a file written by a newer version of the program', () => {
    const path = join(tempDir(), 'future.db');
    openWorkspace(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openWorkspace(path)).toThrow(UserError);
    expect(() => openWorkspace(path)).toThrow(/更新版本的程序/);
  });

  it('keeps facts keyed by (day, region, indicator) and rejects unknown regions and negative values', () => {
    const ws = openWorkspace(join(tempDir(), 'x.db'));
    ws.db.prepare("INSERT INTO batch (id, source, sha256, fact_count, imported_at) VALUES (1, 't', 'x', 0, 'now')").run();
    const insert = ws.db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES (?, ?, ?, ?, 1)');
    insert.run(19545, 140105, 1, 5);
    expect(() => insert.run(19545, 140105, 1, 6)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(19545, 140171, 1, 6)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(19546, 140105, 1, -1)).toThrow(/CHECK/);
    ws.close();
  });
});
