// The facts read from one file, in parallel typed arrays: a million rows cost a few tens of MB
// and no object per row. `sheet` indexes the file's recognised sheets, `column` the sheet's columns.

/** Facts in the arrays of a FactBuffer, as sent between threads (the typed arrays are transferable). */
export interface FactChunk {
  key: Float64Array;
  day: Int32Array;
  region: Int32Array;
  indicator: Int32Array;
  value: Float64Array;
  row: Int32Array;
  sheet: Int16Array;
  column: Int16Array;
  note: (string | null)[];
}

/** The typed arrays of a chunk, for postMessage's transfer list. */
export function chunkBuffers(c: FactChunk): ArrayBuffer[] {
  return [c.key, c.day, c.region, c.indicator, c.value, c.row, c.sheet, c.column].map((a) => a.buffer as ArrayBuffer);
}

export class FactBuffer {
  length = 0;
  /** factKey(day, region, indicator). */
  key = new Float64Array(1024);
  day = new Int32Array(1024);
  region = new Int32Array(1024);
  indicator = new Int32Array(1024);
  value = new Float64Array(1024);
  row = new Int32Array(1024);
  sheet = new Int16Array(1024);
  column = new Int16Array(1024);
  note: (string | null)[] = [];
  /** The value as typed, for the few facts where it differs from the number's own spelling ("1,234"). */
  private readonly raw = new Map<number, string>();

  push(
    key: number,
    day: number,
    region: number,
    indicator: number,
    value: number,
    note: string | null,
    row: number,
    sheet: number,
    column: number,
  ): number {
    const i = this.length;
    if (i === this.day.length) this.grow();
    this.key[i] = key;
    this.day[i] = day;
    this.region[i] = region;
    this.indicator[i] = indicator;
    this.value[i] = value;
    this.row[i] = row;
    this.sheet[i] = sheet;
    this.column[i] = column;
    this.note.push(note);
    this.length = i + 1;
    return i;
  }

  /** Remembers how the value of fact `i` was typed, unless that is how the number prints anyway. */
  keepRaw(i: number, raw: string): void {
    if (!isPlainNumber(raw) && raw !== String(this.value[i])) this.raw.set(i, raw);
  }

  /** The value of fact `i` as the user typed it. */
  rawValue(i: number): string {
    return this.raw.get(i) ?? String(this.value[i]);
  }

  /** Copies of facts [from, to), to hand to another thread. */
  chunk(from: number, to: number): FactChunk {
    return {
      key: this.key.slice(from, to),
      day: this.day.slice(from, to),
      region: this.region.slice(from, to),
      indicator: this.indicator.slice(from, to),
      value: this.value.slice(from, to),
      row: this.row.slice(from, to),
      sheet: this.sheet.slice(from, to),
      column: this.column.slice(from, to),
      note: this.note.slice(from, to),
    };
  }

  /** Appends a chunk made by chunk(). */
  append(c: FactChunk): void {
    const n = c.day.length;
    while (this.length + n > this.day.length) this.grow();
    const at = this.length;
    this.key.set(c.key, at);
    this.day.set(c.day, at);
    this.region.set(c.region, at);
    this.indicator.set(c.indicator, at);
    this.value.set(c.value, at);
    this.row.set(c.row, at);
    this.sheet.set(c.sheet, at);
    this.column.set(c.column, at);
    for (let k = 0; k < n; k++) this.note.push(c.note[k]!);
    this.length = at + n;
  }

  /** The values kept as typed (see keepRaw), to hand to another thread. */
  rawEntries(): [number, string][] {
    return [...this.raw];
  }

  setRaw(entries: readonly [number, string][]): void {
    for (const [i, text] of entries) this.raw.set(i, text);
  }

  /** Keeps only the facts whose `keep` flag is set, in order. */
  compact(keep: Uint8Array): void {
    let j = 0;
    for (let i = 0; i < this.length; i++) {
      if (!keep[i]) {
        this.raw.delete(i);
        continue;
      }
      const raw = this.raw.get(i);
      if (raw !== undefined && i !== j) {
        this.raw.delete(i);
        this.raw.set(j, raw);
      }
      if (i !== j) {
        this.key[j] = this.key[i]!;
        this.day[j] = this.day[i]!;
        this.region[j] = this.region[i]!;
        this.indicator[j] = this.indicator[i]!;
        this.value[j] = this.value[i]!;
        this.row[j] = this.row[i]!;
        this.sheet[j] = this.sheet[i]!;
        this.column[j] = this.column[i]!;
        this.note[j] = this.note[i]!;
      }
      j++;
    }
    this.length = j;
    this.note.length = j;
  }

  /** The keys in ascending order (a copy). */
  sortedKeys(): Float64Array {
    const keys = this.key.slice(0, this.length);
    // Returns are mostly written in key order (day, region, indicator): then there is nothing to sort.
    for (let i = 1; i < keys.length; i++) if (keys[i]! < keys[i - 1]!) return keys.sort();
    return keys;
  }

  private grow(): void {
    const size = this.day.length * 2;
    const copy = <T extends Int32Array | Int16Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(size);
      b.set(a);
      return b;
    };
    this.key = copy(this.key, Float64Array);
    this.day = copy(this.day, Int32Array);
    this.region = copy(this.region, Int32Array);
    this.indicator = copy(this.indicator, Int32Array);
    this.value = copy(this.value, Float64Array);
    this.row = copy(this.row, Int32Array);
    this.sheet = copy(this.sheet, Int16Array);
    this.column = copy(this.column, Int16Array);
  }
}

/** Digits only, no leading zero: the number prints the same. */
function isPlainNumber(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 15 || (n > 1 && text.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** True when `sorted` (ascending) holds `key`. */
export function hasKey(sorted: Float64Array, key: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = sorted[mid]!;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return true;
  }
  return false;
}
