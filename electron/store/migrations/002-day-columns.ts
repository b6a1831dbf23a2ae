// Version 2: a columnar copy of each day's facts, kept in the same transaction as every write, so
// the in-memory slice engine loads a whole database in a few reads instead of one row per fact.
import type { Database } from 'better-sqlite3';
import { rebuildDayColumns } from '../day-columns';

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
  rebuildDayColumns(db);
}
