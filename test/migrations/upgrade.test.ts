// Files of every earlier schema version, holding data, upgrade with nothing lost: one test per
// migration (data written at version m−1, migration m run, data checked), one per starting version
// through the program's own open (backup, every migration, then the CLI queries and undoes), and
// the upgraded files end with the same schema and catalogue as a new file.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/store/migrations/index';
import { openDatabase } from '../../electron/store/database';
import { tempDir } from '../support/temp-db';
import { catalogueTables, factsByDay, migrate, openRaw, schemaOf, storedDayColumns, userData, writeDataAtVersion } from './support';
import { runCliInProcess, runCliJsonInProcess } from '../support/cli';
import type { SliceResult } from '../../shared/api/slice';

/** A real file at `version`, holding data written with that version's schema. */
function fileAtVersion(dir: string, version: number): { path: string; before: Record<string, unknown[]> } {
  const path = join(dir, `v${version}.db`);
  const db = openRaw(path);
  migrate(db, 0, version);
  writeDataAtVersion(db, version);
  const before = userData(db);
  db.close();
  return { path, before };
}

const EARLIER = MIGRATIONS.map((m) => m.version).filter((v) => v >= 1 && v < LATEST_VERSION);

describe('each migration on a file of the version before it', () => {
  it('writes the test data it upgrades (facts, live, replacing and undone batches, views)', () => {
    const { before } = fileAtVersion(tempDir(), LATEST_VERSION);
    expect(before.fact!.length).toBeGreaterThan(50);
    expect(before.batch).toHaveLength(3);
    expect(before.fact_replaced).toHaveLength(4);
    expect(before.saved_view).toHaveLength(2);
  });

  it('migration 2 fills the day columns from the facts of a version-1 file', () => {
    const { path, before } = fileAtVersion(tempDir(), 1);
    const db = openRaw(path);
    migrate(db, 1, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(userData(db)).toEqual(before);
    const columns = storedDayColumns(db);
    expect(columns.size).toBe(6);
    expect(columns).toEqual(factsByDay(db));
    db.close();
  });

  it('migration 3 adds saved views to a version-2 file and keeps its day columns', () => {
    const { path, before } = fileAtVersion(tempDir(), 2);
    const db = openRaw(path);
    const columnsBefore = storedDayColumns(db);
    migrate(db, 2, 3);
    expect(userData(db)).toEqual(before);
    expect(storedDayColumns(db)).toEqual(columnsBefore);
    db.prepare("INSERT INTO saved_view (name, state, created_at, updated_at) VALUES ('新视图', '{}', 'x', 'x')").run();
    expect(db.prepare('SELECT count(*) FROM saved_view').pluck().get()).toBe(1);
    db.close();
  });

  it('migration 4 keeps a version-3 file’s data and makes the store refuse ids the fact key cannot hold', () => {
    const { path, before } = fileAtVersion(tempDir(), 3);
    const db = openRaw(path);
    migrate(db, 3, 4);
    expect(userData(db)).toEqual(before);
    expect(storedDayColumns(db)).toEqual(factsByDay(db));
    const addIndicator = db.prepare(
      "INSERT INTO indicator (id, department_id, name, unit, phrase, display, from_article, sort) VALUES (?, 1, ?, '起', '{v}', '{}', 0, 99)",
    );
    expect(() => addIndicator.run(1000, '第一千项')).toThrow(/指标编号超出事实键的范围/);
    expect(() => db.prepare('UPDATE indicator SET id = 1234 WHERE id = 1').run()).toThrow(/指标编号超出事实键的范围/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO region (code, name, level, parent_code, city_code, sort) VALUES (1400001, '过长', 'county', 140100, 140100, 999)",
        )
        .run(),
    ).toThrow(/地区代码超出/);
    addIndicator.run(999, '第九百九十九项'); // the last id that fits
    expect(db.prepare('SELECT name FROM indicator WHERE id = 999').pluck().get()).toBe('第九百九十九项');
    db.close();
  });

  it('migration 5 keeps a version-4 file’s data, gives the file an identity and adds the inspection tables', () => {
    const { path, before } = fileAtVersion(tempDir(), 4);
    const db = openRaw(path);
    migrate(db, 4, 5);
    expect(userData(db)).toEqual(before);
    expect(storedDayColumns(db)).toEqual(factsByDay(db));
    const identity = db.prepare('SELECT id FROM database_identity').pluck().all() as string[];
    expect(identity).toHaveLength(1);
    expect(identity[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const county = db.prepare("SELECT code FROM region WHERE name = '小店区'").pluck().get() as number;
    const addFinding = db.prepare(
      "INSERT INTO finding (id, region_code, category, severity, text, status, created_at, created_by, updated_at) VALUES (?, ?, ?, '一般', '台账缺页', '待整改', 'x', '督导组', 'x')",
    );
    addFinding.run('f-1', county, '漏报');
    expect(() => addFinding.run('f-2', county, '督察')).toThrow(/CHECK/);
    expect(() => addFinding.run('f-3', 999999, '其他')).toThrow(/FOREIGN KEY/);
    db.prepare(
      "INSERT INTO finding_event (id, finding_id, at, actor, what, status) VALUES ('e-1', 'f-1', 'x', '督导组', '新建', '待整改')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO finding_event (id, finding_id, at, actor, what) VALUES ('e-2', 'nope', 'x', 'a', '新建')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
    // Two files upgraded apart are two databases: their identities differ.
    const other = fileAtVersion(tempDir(), 4);
    const db2 = openRaw(other.path);
    migrate(db2, 4, 5);
    expect(db2.prepare('SELECT id FROM database_identity').pluck().get()).not.toBe(identity[0]);
    db2.close();
  });

  it('migration 6 keeps a version-5 file’s data (its batches stay local) and adds the sync state and the server-batch marks', () => {
    const { path, before } = fileAtVersion(tempDir(), 5);
    const db = openRaw(path);
    const identity = db.prepare('SELECT id FROM database_identity').pluck().get();
    const county = db.prepare("SELECT code FROM region WHERE name = '平城区'").pluck().get() as number;
    db.prepare(
      "INSERT INTO finding (id, region_code, category, severity, text, status, created_at, created_by, updated_at) VALUES ('f-6', ?, '漏报', '一般', '台账未更新', '待整改', 'x', '督导组', 'x')",
    ).run(county);
    migrate(db, 5, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(userData(db)).toEqual(before);
    expect(storedDayColumns(db)).toEqual(factsByDay(db));
    expect(db.prepare('SELECT id FROM database_identity').pluck().get()).toBe(identity);
    expect(db.prepare('SELECT id FROM finding').pluck().all()).toEqual(['f-6']);
    // Never synced: no state, and every batch it holds is a local import.
    expect(db.prepare('SELECT COUNT(*) FROM sync_state').pluck().get()).toBe(0);
    expect(
      db.prepare('SELECT COUNT(*) FROM batch b WHERE NOT EXISTS (SELECT 1 FROM server_batch s WHERE s.batch_id = b.id)').pluck().get(),
    ).toBe(before.batch!.length);
    // One state row at most; a server mark names a local batch, once per server batch.
    const state = db.prepare(
      "INSERT INTO sync_state (id, server_url, server_id, user_name, role, city_code) VALUES (?, 'https://sjzx.example:8443', 's-1', 'fx.li', 'analyst', NULL)",
    );
    state.run(1);
    expect(() => state.run(2)).toThrow(/CHECK/);
    expect(db.prepare('SELECT last_seq, last_pulled FROM sync_state').get()).toEqual({ last_seq: 0, last_pulled: 0 });
    const mark = db.prepare(
      "INSERT INTO server_batch (batch_id, server_batch_id, accepted_seq, city_code, accepted_at, accepted_by) VALUES (?, ?, ?, NULL, 'x', 'fx.li')",
    );
    mark.run(2, 71, 3);
    expect(() => mark.run(1, 71, 4)).toThrow(/UNIQUE/);
    expect(() => mark.run(99, 72, 5)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE sync_state SET city_code = 999999').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('has a test above for every migration after the first', () => {
    // A new migration needs its own test here, with data written before and checked after.
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe.each(EARLIER)('a file of schema version %i opened by this version', (version) => {
  it('is backed up, upgraded in place, answers from its facts and can undo its batches', async () => {
    const dir = tempDir();
    const { path, before } = fileAtVersion(dir, version);

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(userData(db)).toEqual(before);
    expect(storedDayColumns(db)).toEqual(factsByDay(db));
    db.close();

    const backups = readdirSync(dir).filter((f) => f.endsWith(`.before-migration-v${LATEST_VERSION}.bak`));
    expect(backups).toHaveLength(1);
    const backup = new Database(join(dir, backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(version);
    expect(userData(backup)).toEqual(before);
    backup.close();

    // The engine's answer equals a sum over the fact table.
    const expected = (raw: Database.Database) =>
      raw
        .prepare(
          `SELECT CAST(f.region_code AS TEXT) AS region_code, SUM(f.value) AS value FROM fact f
            JOIN indicator i ON i.id = f.indicator_id JOIN department d ON d.id = i.department_id
           WHERE d.name = '禁毒' AND i.name = '出动警力' AND f.day BETWEEN 19583 AND 19586 GROUP BY f.region_code ORDER BY f.region_code`,
        )
        .all();
    const query = [
      'query',
      '--db',
      path,
      '--from',
      '2023-08-14',
      '--to',
      '2023-08-17',
      '--indicator',
      '禁毒/出动警力',
      '--by',
      'region:county',
    ];
    const answer = (r: SliceResult) =>
      r.rows.map((x) => ({ region_code: x.region_code, value: x.value })).sort((a, b) => Number(a.region_code) - Number(b.region_code));
    let raw = new Database(path, { readonly: true });
    expect(answer(await runCliJsonInProcess<SliceResult>(query))).toEqual(expected(raw));
    raw.close();

    // Undo of the replacing batch: its facts go, the three it replaced come back with batch 1.
    const undo = await runCliInProcess(['undo', '--db', path, '2']);
    expect(undo.stderr).toBe('');
    expect(undo.code).toBe(0);
    raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM fact WHERE batch_id = 2').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM fact WHERE value = 7777').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM fact').pluck().get()).toBe(before.fact!.length - 1);
    expect(storedDayColumns(raw)).toEqual(factsByDay(raw));
    expect(answer(await runCliJsonInProcess<SliceResult>(query))).toEqual(expected(raw));
    raw.close();
  });
});

describe('an upgraded file and a new file', () => {
  it('end with the same schema and the same catalogue', () => {
    const dir = tempDir();
    const fresh = openDatabase(join(dir, 'new.db'));
    const schema = schemaOf(fresh);
    const catalogue = catalogueTables(fresh);
    fresh.close();
    expect(schema.length).toBeGreaterThan(10);
    for (const version of EARLIER) {
      const { path } = fileAtVersion(dir, version);
      const upgraded = openDatabase(path);
      expect(schemaOf(upgraded), `from version ${version}`).toEqual(schema);
      expect(catalogueTables(upgraded), `from version ${version}`).toEqual(catalogue);
      upgraded.close();
    }
  });
});
