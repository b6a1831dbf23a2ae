// Files of earlier schema versions, written the way that version wrote them, and what to compare
// before and after an upgrade. Data is written with plain SQL against the version's own tables (not
// the live import code, which writes the newest schema).
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/store/migrations/index';

export type RawDb = Database.Database;

/** A raw connection with the pragmas every version opened its files with. */
export function openRaw(path: string): RawDb {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Runs migrations from+1 .. to, each in its own transaction, as the program does. */
export function migrate(db: RawDb, from: number, to: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > to) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** A seeded generator, so each run writes the same data. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const DAY_2023_08_14 = 19583; // outside the example dates on purpose
const DAY_2022_08_14 = DAY_2023_08_14 - 365;

/**
 * Writes, with version `version`'s schema: two live batches (the second replaced some of the
 * first's facts), an undone batch (its replacements restored), and from version 3 saved views.
 * From version 2 every day's columns are kept as that version did.
 */
export function writeDataAtVersion(db: RawDb, version: number): void {
  const random = seeded(1000 + version);
  const regionOf = db.prepare('SELECT code FROM region WHERE name = ? AND parent_code = (SELECT code FROM region WHERE name = ?)').pluck();
  const regions = [
    regionOf.get('小店区', '太原市') as number,
    regionOf.get('平城区', '大同市') as number,
    regionOf.get('城区', '晋城市') as number,
    db.prepare("SELECT code FROM region WHERE name = '运城市'").pluck().get() as number, // 市本级
    db.prepare("SELECT code FROM region WHERE level = 'province'").pluck().get() as number, // 省厅直属
  ];
  const indicatorOf = db
    .prepare('SELECT i.id FROM indicator i JOIN department d ON d.id = i.department_id WHERE d.name = ? AND i.name = ?')
    .pluck();
  const indicators = [
    indicatorOf.get('综合', '出动民警辅警') as number,
    indicatorOf.get('禁毒', '出动警力') as number,
    indicatorOf.get('禁毒', '缴获毒品') as number,
    indicatorOf.get('网安', '清理违法有害信息') as number,
  ];
  const days = [DAY_2022_08_14, DAY_2022_08_14 + 1, DAY_2023_08_14, DAY_2023_08_14 + 1, DAY_2023_08_14 + 2];
  const batch = db.prepare(
    'INSERT INTO batch (id, source, sha256, fact_count, replaced_count, imported_at, undone_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const fact = db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES (?, ?, ?, ?, ?, ?)');
  const replaced = db.prepare(
    'INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note) SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?',
  );
  const replace = db.prepare('UPDATE fact SET value = ?, batch_id = ?, note = ? WHERE day = ? AND region_code = ? AND indicator_id = ?');

  db.transaction(() => {
    // Batch 1: most cells, some 0, some not reported (no row), a few notes.
    batch.run(1, '运城市-8月.csv', 'a'.repeat(64), 0, 0, '2023-08-17T02:00:00.000Z', null);
    let n = 0;
    for (const d of days) {
      for (const r of regions) {
        for (const i of indicators) {
          const roll = random();
          if (roll < 0.15) continue;
          const value = roll < 0.25 ? 0 : Math.round(random() * 5000) / (i === indicators[2] ? 10 : 1);
          fact.run(d, r, i, value, 1, roll > 0.9 ? '含夜查' : null);
          n++;
        }
      }
    }
    db.prepare('UPDATE batch SET fact_count = ? WHERE id = 1').run(n);

    // Batch 2 (--replace): new values for three of batch 1's facts and one new fact.
    const targets = db
      .prepare('SELECT day, region_code, indicator_id FROM fact WHERE batch_id = 1 ORDER BY day, region_code, indicator_id LIMIT 3')
      .raw()
      .all() as [number, number, number][];
    batch.run(2, '运城市-更正.csv', 'b'.repeat(64), targets.length + 1, targets.length, '2023-08-18T02:00:00.000Z', null);
    for (const [d, r, i] of targets) {
      replaced.run(2, d, r, i);
      replace.run(7777, 2, '更正', d, r, i);
    }
    fact.run(DAY_2023_08_14 + 3, regions[0], indicators[0], 4321, 2, null);

    // Batch 3: replaced one of batch 1's facts and added one, then was undone: its facts are gone,
    // the replaced fact is back with batch 1, and its fact_replaced row stays as the record.
    const [d, r, i] = db
      .prepare('SELECT day, region_code, indicator_id FROM fact WHERE batch_id = 1 ORDER BY day DESC, region_code DESC LIMIT 1')
      .raw()
      .get() as [number, number, number];
    batch.run(3, '晋城市-补报.csv', 'c'.repeat(64), 2, 1, '2023-08-19T02:00:00.000Z', '2023-08-19T03:00:00.000Z');
    replaced.run(3, d, r, i);

    if (version >= 3) {
      const view = db.prepare('INSERT INTO saved_view (id, name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      view.run(
        1,
        '运城市八月',
        JSON.stringify({
          view: 'charts',
          filter: {
            from: '2023-08-14',
            to: '2023-08-17',
            preset: null,
            regions: ['运城市'],
            departments: ['禁毒'],
            indicators: [],
            compare: 'yoy',
          },
          rowsBy: 'region:county',
          options: { chart: 'trend' },
        }),
        '2023-08-20T01:00:00.000Z',
        '2023-08-20T01:00:00.000Z',
      );
      // As an early 0.1.0 window saved it: no rowsBy and no options (the reader adds the defaults).
      view.run(
        2,
        '全省总览',
        JSON.stringify({ view: 'overview', filter: { from: '2023-08-14', to: '2023-08-18' } }),
        '2023-08-21T01:00:00.000Z',
        '2023-08-21T02:00:00.000Z',
      );
    }
    if (version >= 2) writeDayColumnsAsVersion2(db);
  })();
}

/** Version 2's columns of every day, from the fact table (Int32 LE regions and ids, Float64 LE values). */
function writeDayColumnsAsVersion2(db: RawDb): void {
  db.prepare('DELETE FROM fact_day_column').run();
  const insert = db.prepare('INSERT INTO fact_day_column (day, fact_count, region_codes, indicator_ids, vals) VALUES (?, ?, ?, ?, ?)');
  for (const [day, facts] of factsByDay(db)) {
    insert.run(
      day,
      facts.length,
      Buffer.from(Int32Array.from(facts, (f) => f[0]).buffer),
      Buffer.from(Int32Array.from(facts, (f) => f[1]).buffer),
      Buffer.from(Float64Array.from(facts, (f) => f[2]).buffer),
    );
  }
}

/** Each day's facts as [region, indicator, value], in (region, indicator) order. */
export function factsByDay(db: RawDb): Map<number, [number, number, number][]> {
  const out = new Map<number, [number, number, number][]>();
  for (const [day, r, i, v] of db
    .prepare('SELECT day, region_code, indicator_id, value FROM fact ORDER BY day, region_code, indicator_id')
    .raw()
    .all() as [number, number, number, number][]) {
    const list = out.get(day) ?? [];
    list.push([r, i, v]);
    out.set(day, list);
  }
  return out;
}

/** The stored day columns, decoded, in the same shape as factsByDay. */
export function storedDayColumns(db: RawDb): Map<number, [number, number, number][]> {
  const out = new Map<number, [number, number, number][]>();
  for (const [day, count, rb, ib, vb] of db
    .prepare('SELECT day, fact_count, region_codes, indicator_ids, vals FROM fact_day_column ORDER BY day')
    .raw()
    .all() as [number, number, Buffer, Buffer, Buffer][]) {
    const list: [number, number, number][] = [];
    for (let k = 0; k < count; k++) list.push([rb.readInt32LE(k * 4), ib.readInt32LE(k * 4), vb.readDoubleLE(k * 8)]);
    out.set(day, list);
  }
  return out;
}

/** Everything a user wrote: facts, batches, what replacements kept, saved views (when the table exists). */
export function userData(db: RawDb): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  const hasViews = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'saved_view'").get() !== undefined;
  return {
    fact: all('SELECT * FROM fact ORDER BY day, region_code, indicator_id'),
    batch: all('SELECT * FROM batch ORDER BY id'),
    fact_replaced: all('SELECT * FROM fact_replaced ORDER BY batch_id, day, region_code, indicator_id'),
    saved_view: hasViews ? all('SELECT * FROM saved_view ORDER BY id') : [],
  };
}

export const CATALOGUE_TABLES = ['region', 'department', 'department_alias', 'indicator', 'indicator_alias', 'campaign', 'phase'] as const;

/** The catalogue tables' rows, each table in primary-key order. */
export function catalogueTables(db: RawDb): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of CATALOGUE_TABLES) {
    const pk = (db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).pluck().all(t) as string[]).join(', ');
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${pk}`).all();
  }
  return out;
}

/** The schema as SQLite records it, without root pages (which depend on the order pages were used). */
export function schemaOf(db: RawDb): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}
