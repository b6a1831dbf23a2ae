// fact_day_column: each day's facts as three packed arrays. Every write path (demo, import,
// replace, undo) updates the days it touched inside its own transaction.
import type { Database } from 'better-sqlite3';

export interface DayColumns {
  day: number;
  regions: Int32Array;
  indicators: Int32Array;
  values: Float64Array;
}

function view<T extends Int32Array | Float64Array>(blob: Buffer, Kind: { new (b: ArrayBuffer): T }): T {
  // Copy: a Buffer from SQLite need not be aligned for the typed array.
  return new Kind(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer);
}

const blob = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export function* readDayColumns(db: Database): Generator<DayColumns> {
  const rows = db.prepare('SELECT day, region_codes, indicator_ids, vals FROM fact_day_column ORDER BY day').raw().iterate();
  for (const r of rows as Iterable<[number, Buffer, Buffer, Buffer]>) {
    yield { day: r[0], regions: view(r[1], Int32Array), indicators: view(r[2], Int32Array), values: view(r[3], Float64Array) };
  }
}

/** The stored columns of the days from..to (day numbers), in day order. */
export function* readDayColumnRange(db: Database, from: number, to: number): Generator<DayColumns> {
  const rows = db
    .prepare('SELECT day, region_codes, indicator_ids, vals FROM fact_day_column WHERE day BETWEEN ? AND ? ORDER BY day')
    .raw()
    .iterate(from, to);
  for (const r of rows as Iterable<[number, Buffer, Buffer, Buffer]>) {
    yield { day: r[0], regions: view(r[1], Int32Array), indicators: view(r[2], Int32Array), values: view(r[3], Float64Array) };
  }
}

/** The stored columns of the given days that have any (a day without facts has no row). */
export function* readDayColumnsOf(db: Database, days: Iterable<number>): Generator<DayColumns> {
  const read = db.prepare('SELECT day, region_codes, indicator_ids, vals FROM fact_day_column WHERE day = ?').raw();
  for (const day of days) {
    const r = read.get(day) as [number, Buffer, Buffer, Buffer] | undefined;
    if (r) yield { day: r[0], regions: view(r[1], Int32Array), indicators: view(r[2], Int32Array), values: view(r[3], Float64Array) };
  }
}

export function writeDayColumns(db: Database, day: number, regions: Int32Array, indicators: Int32Array, values: Float64Array): void {
  if (values.length === 0) {
    db.prepare('DELETE FROM fact_day_column WHERE day = ?').run(day);
    return;
  }
  db.prepare('INSERT OR REPLACE INTO fact_day_column (day, fact_count, region_codes, indicator_ids, vals) VALUES (?, ?, ?, ?, ?)').run(
    day,
    values.length,
    blob(regions),
    blob(indicators),
    blob(values),
  );
}

/** Rebuilds the given days' columns from the fact table (a day left without facts loses its row). */
export function rebuildDayColumnsOf(db: Database, days: Iterable<number>): void {
  const rows = db.prepare('SELECT region_code, indicator_id, value FROM fact WHERE day = ? ORDER BY region_code, indicator_id').raw();
  for (const day of days) {
    const facts = rows.all(day) as [number, number, number][];
    writeDayColumns(
      db,
      day,
      Int32Array.from(facts, (f) => f[0]),
      Int32Array.from(facts, (f) => f[1]),
      Float64Array.from(facts, (f) => f[2]),
    );
  }
}
