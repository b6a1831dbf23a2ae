// Version 4: the store refuses indicator ids and region codes that the packed fact key
// (store/fact-key.ts) cannot hold, so a catalogue migration that adds the 1,000th indicator fails
// where it is written instead of merging two indicators' facts in memory.
// FROZEN: the bounds are literal here; widening the key is a new migration that drops these triggers.
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  const outside = db
    .prepare(
      'SELECT (SELECT count(*) FROM indicator WHERE id NOT BETWEEN 0 AND 999) + (SELECT count(*) FROM region WHERE code NOT BETWEEN 0 AND 999999)',
    )
    .pluck()
    .get() as number;
  if (outside > 0) throw new Error(`${outside} catalogue rows do not fit the fact key`);
  db.exec(`
    CREATE TRIGGER indicator_id_fits_fact_key_insert AFTER INSERT ON indicator
      WHEN NEW.id NOT BETWEEN 0 AND 999
      BEGIN SELECT RAISE(ABORT, '指标编号超出事实键的范围（0–999）'); END;
    CREATE TRIGGER indicator_id_fits_fact_key_update AFTER UPDATE OF id ON indicator
      WHEN NEW.id NOT BETWEEN 0 AND 999
      BEGIN SELECT RAISE(ABORT, '指标编号超出事实键的范围（0–999）'); END;
    CREATE TRIGGER region_code_fits_fact_key_insert AFTER INSERT ON region
      WHEN NEW.code NOT BETWEEN 0 AND 999999
      BEGIN SELECT RAISE(ABORT, '地区代码超出事实键的范围（6 位数字）'); END;
    CREATE TRIGGER region_code_fits_fact_key_update AFTER UPDATE OF code ON region
      WHEN NEW.code NOT BETWEEN 0 AND 999999
      BEGIN SELECT RAISE(ABORT, '地区代码超出事实键的范围（6 位数字）'); END;
  `);
}
