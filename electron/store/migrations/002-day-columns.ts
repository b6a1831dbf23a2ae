// Version 2: a columnar copy of each day's facts, kept in the same transaction as every write, so
// the in-memory slice engine loads a whole database in a few reads instead of one row per fact.
// FROZEN: the column layout and the code that fills it are copied here as they were when version 2
// was written (store/day-columns.ts may change; a file at version 1 must still upgrade the same way).
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE fact_day_column (
      day INTEGER PRIMARY KEY,
      fact_count INTEGER NOT NULL,
      region_codes BLOB NOT NULL, -- Int32Array, little-endian
      indicator_ids BLOB NOT NULL, -- Int32Array
      vals BLOB NOT NULL -- Float64Array
    ) STRICT;
  `);
  fillDayColumns(db);
}

/** One row per day with facts: its facts in (region, indicator) order as three packed arrays. */
function fillDayColumns(db: Database): void {
  const days = db.prepare('SELECT DISTINCT day FROM fact ORDER BY day').pluck().all() as number[];
  const read = db.prepare('SELECT region_code, indicator_id, value FROM fact WHERE day = ? ORDER BY region_code, indicator_id').raw();
  const write = db.prepare('INSERT INTO fact_day_column (day, fact_count, region_codes, indicator_ids, vals) VALUES (?, ?, ?, ?, ?)');
  for (const day of days) {
    const facts = read.all(day) as [number, number, number][];
    const regions = Buffer.alloc(facts.length * 4);
    const indicators = Buffer.alloc(facts.length * 4);
    const values = Buffer.alloc(facts.length * 8);
    facts.forEach(([r, i, v], k) => {
      regions.writeInt32LE(r, k * 4);
      indicators.writeInt32LE(i, k * 4);
      values.writeDoubleLE(v, k * 8);
    });
    write.run(day, facts.length, regions, indicators, values);
  }
}
