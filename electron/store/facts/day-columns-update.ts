// Keeps fact_day_column — the columnar copy of each day's facts that the slice engine reads — in
// step with an import or an undo, inside the write's own transaction (see store/day-columns.ts).
// Import merges its typed arrays into the stored columns without an object per fact; undo, which
// is rare, rebuilds the days it touched from the fact table (rebuildDayColumnsOf, store/day-columns.ts).
import type { Database } from 'better-sqlite3';
import { writeDayColumns } from '../day-columns';
import { cellKey, cellKeyIndicator, cellKeyRegion, checkCellKeys } from '../fact-key';
import type { FactBuffer } from './fact-buffer';

/** Entries of one day are sorted as cellKey(region, indicator) × LOCAL + position (< 10^9 × 2^22 < 2^53). */
const LOCAL = 2 ** 22;

function copy<T extends Int32Array | Float64Array>(blob: Buffer, Kind: { new (b: ArrayBuffer): T }): T {
  // A Buffer from SQLite need not be aligned for the typed array.
  return new Kind(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength) as ArrayBuffer);
}

/**
 * Merges facts just written into the stored columns of their days. On the same key a later
 * buffer wins over an earlier one, and every buffer over what was stored (it replaced it).
 */
export function mergeIntoDayColumns(db: Database, buffers: readonly FactBuffer[]): void {
  // All files' facts end to end, in file order.
  let total = 0;
  for (const f of buffers) total += f.length;
  const day = new Int32Array(total);
  const region = new Int32Array(total);
  const indicator = new Int32Array(total);
  const value = new Float64Array(total);
  let at = 0;
  for (const f of buffers) {
    day.set(f.day.subarray(0, f.length), at);
    region.set(f.region.subarray(0, f.length), at);
    indicator.set(f.indicator.subarray(0, f.length), at);
    value.set(f.value.subarray(0, f.length), at);
    at += f.length;
  }
  checkCellKeys(region, indicator, total);

  // Bucket them by day (counting sort), keeping file order within a day.
  const slotOfDay = new Map<number, number>();
  const days: number[] = [];
  const counts: number[] = [];
  const slotOf = new Int32Array(total);
  for (let g = 0; g < total; g++) {
    const d = day[g]!;
    let s = slotOfDay.get(d);
    if (s === undefined) {
      s = days.length;
      slotOfDay.set(d, s);
      days.push(d);
      counts.push(0);
    }
    slotOf[g] = s;
    counts[s]!++;
  }
  const start = new Int32Array(days.length + 1);
  for (let s = 0; s < days.length; s++) start[s + 1] = start[s]! + counts[s]!;
  const fill = start.slice(0, days.length);
  const order = new Int32Array(total);
  for (let g = 0; g < total; g++) order[fill[slotOf[g]!]!++] = g;

  const read = db.prepare('SELECT region_codes, indicator_ids, vals FROM fact_day_column WHERE day = ?').raw();
  for (let s = 0; s < days.length; s++) {
    const d = days[s]!;
    const stored = read.get(d) as [Buffer, Buffer, Buffer] | undefined;
    const oldRegions = stored ? copy(stored[0], Int32Array) : new Int32Array(0);
    const oldIndicators = stored ? copy(stored[1], Int32Array) : new Int32Array(0);
    const oldValues = stored ? copy(stored[2], Float64Array) : new Float64Array(0);
    const old = oldValues.length;
    const from = start[s]!;
    const m = old + start[s + 1]! - from;
    if (old === 0 && writeIfAscending(db, d, order.subarray(from, start[s + 1]), region, indicator, value)) continue;
    if (m >= LOCAL) throw new Error(`day ${d}: ${m} facts exceed the day-column merge limit`);
    // Stored entries first, then the new ones in file order: the last of equal keys is the newest.
    const packed = new Float64Array(m);
    for (let k = 0; k < old; k++) packed[k] = cellKey(oldRegions[k]!, oldIndicators[k]!) * LOCAL + k;
    for (let k = old; k < m; k++) {
      const g = order[from + k - old]!;
      packed[k] = cellKey(region[g]!, indicator[g]!) * LOCAL + k;
    }
    packed.sort();
    const regions = new Int32Array(m);
    const indicators = new Int32Array(m);
    const values = new Float64Array(m);
    let out = 0;
    for (let j = 0; j < m; j++) {
      const sub = Math.floor(packed[j]! / LOCAL);
      if (j + 1 < m && Math.floor(packed[j + 1]! / LOCAL) === sub) continue;
      const pos = packed[j]! - sub * LOCAL;
      regions[out] = cellKeyRegion(sub);
      indicators[out] = cellKeyIndicator(sub);
      values[out] = pos < old ? oldValues[pos]! : value[order[from + pos - old]!]!;
      out++;
    }
    writeDayColumns(db, d, regions.subarray(0, out), indicators.subarray(0, out), values.subarray(0, out));
  }
}

/**
 * A new day whose facts came in strictly ascending (region, indicator) order — how returns are
 * usually written — is stored as it is, without the sort. False when the order does not hold.
 */
function writeIfAscending(
  db: Database,
  d: number,
  at: Int32Array,
  region: Int32Array,
  indicator: Int32Array,
  value: Float64Array,
): boolean {
  const m = at.length;
  let last = -1;
  for (let k = 0; k < m; k++) {
    const g = at[k]!;
    const sub = cellKey(region[g]!, indicator[g]!);
    if (sub <= last) return false;
    last = sub;
  }
  const regions = new Int32Array(m);
  const indicators = new Int32Array(m);
  const values = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const g = at[k]!;
    regions[k] = region[g]!;
    indicators[k] = indicator[g]!;
    values[k] = value[g]!;
  }
  writeDayColumns(db, d, regions, indicators, values);
  return true;
}
