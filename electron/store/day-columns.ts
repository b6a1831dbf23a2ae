// fact_day_column: each day's facts as three packed arrays. Every write path (demo, import,
// replace, undo) updates the days it touched inside its own transaction.
import type { Database } from 'better-sqlite3';

export interface DayColumns {
  day: number;
  regions: Int32Array;
  indicators: Int32Array;
  values: Float64Array;
}

/** A fact written (value) or removed (null) by a write. */
export interface FactChange {
  day: number;
  region: number;
  indicator: number;
  value: number | null;
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
  const rows = db.prepare('SELECT day, region_codes, indicator_ids, vals FROM fact_day_column WHERE day BETWEEN ? AND ? ORDER BY day').raw().iterate(from, to);
  for (const r of rows as Iterable<[number, Buffer, Buffer, Buffer]>) {
    yield { day: r[0], regions: view(r[1], Int32Array), indicators: view(r[2], Int32Array), values: view(r[3], Float64Array) };
  }
}

export function writeDayColumns(db: Database, day: number, regions: Int32Array, indicators: Int32Array, values: Float64Array): void {
  if (values.length === 0) {
    db.prepare('DELETE FROM fact_day_column WHERE day = ?').run(day);
    return;
  }
  db.prepare(
    'INSERT OR REPLACE INTO fact_day_column (day, fact_count, region_codes, indicator_ids, vals) VALUES (?, ?, ?, ?, ?)',
  ).run(day, values.length, blob(regions), blob(indicators), blob(values));
}

/** Merges changes into the stored columns of the days they touch. Call inside the write's transaction. */
export function applyDayColumnChanges(db: Database, changes: Iterable<FactChange>): void {
  const byDay = new Map<number, FactChange[]>();
  for (const c of changes) {
    const list = byDay.get(c.day);
    if (list) list.push(c);
    else byDay.set(c.day, [c]);
  }
  const read = db.prepare('SELECT region_codes, indicator_ids, vals FROM fact_day_column WHERE day = ?').raw();
  for (const [day, list] of byDay) {
    const cells = new Map<number, [number, number, number]>();
    const row = read.get(day) as [Buffer, Buffer, Buffer] | undefined;
    // Key: region code (6 digits) × 2^16 + indicator id; both stay well inside 2^53.
    if (row) {
      const [r, i, v] = [view(row[0], Int32Array), view(row[1], Int32Array), view(row[2], Float64Array)];
      for (let k = 0; k < v.length; k++) cells.set(r[k]! * 65536 + i[k]!, [r[k]!, i[k]!, v[k]!]);
    }
    for (const c of list) {
      const key = c.region * 65536 + c.indicator;
      if (c.value === null) cells.delete(key);
      else cells.set(key, [c.region, c.indicator, c.value]);
    }
    const sorted = [...cells.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    writeDayColumns(
      db,
      day,
      Int32Array.from(sorted, (x) => x[0]),
      Int32Array.from(sorted, (x) => x[1]),
      Float64Array.from(sorted, (x) => x[2]),
    );
  }
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

/** Rebuilds every day's columns from the fact table (migration, repair). */
export function rebuildDayColumns(db: Database): void {
  db.prepare('DELETE FROM fact_day_column').run();
  rebuildDayColumnsOf(db, db.prepare('SELECT DISTINCT day FROM fact ORDER BY day').pluck().all() as number[]);
}
