// The slice engine: running sums over days for every (region, indicator) series, held in memory.
//
// Layout: for the D distinct days that have facts, rows 0..D of S = regions × indicators cells,
// row k holding the sums (and fact counts) of days before the k-th. Any day range of any series is
// then two reads, and a row of all series is contiguous, so a query costs
// (time buckets) × (regions in scope) × (indicators), independent of the number of facts.
// Counts tell "nothing reported" (null) from a reported 0.
//
// Besides the reporting units' own series, each row holds roll-ups: every city's total (its
// counties and 市本级) and the province's total. A query that does not group by county reads a
// whole city, or the whole province, as one series: by month over all of Shanxi is 1 read per
// indicator and bucket instead of 129.
import type { Database } from 'better-sqlite3';
import { readDayColumns, readDayColumnsOf, type DayColumns } from '../store/day-columns';
import type { AggregateRequest, AggregateRow, Coverage, FactSource } from './fact-source';

/** Beyond this many cells (8 bytes of sum + 4 of count each) the plain SQL path is used instead. */
export const MAX_CUBE_CELLS = 120_000_000;

/** The bound in use: CAMPAIGN_MAX_CUBE_CELLS (a positive integer; tests force the SQL path with it), else MAX_CUBE_CELLS. */
export function cubeCellLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CAMPAIGN_MAX_CUBE_CELLS;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : MAX_CUBE_CELLS;
}

/** Cells the cube of this database would hold: (days + 1) × (regions + cities + province) × indicators. */
export function cubeCellsNeeded(db: Database): number {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const slots = count('SELECT COUNT(*) FROM region') + count("SELECT COUNT(*) FROM region WHERE level = 'city'") + 1;
  return (count('SELECT COUNT(*) FROM fact_day_column') + 1) * slots * count('SELECT COUNT(*) FROM indicator');
}
/** Above this many possible output cells a query accumulates in a map instead of an array. */
const MAX_OUTPUT_CELLS = 2_000_000;

interface RegionMeta {
  code: number;
  /** The city a region belongs to (itself for a city); the province's own code for the province. */
  cityOrSelf: number;
}

/** Rows of spare capacity kept beyond the days in use: appending a day does not copy the cube. */
function spareRows(days: number): number {
  return Math.max(4, days >> 3);
}

export class CubeFactSource implements FactSource {
  /** Series slots per row: the units' own (0 … regions − 1), then each city's total, then the province's. */
  private readonly slots: number;
  private readonly provinceSlot: number;
  /** Days in use (the first `dayCount` of `days`); rows 0 … dayCount of the arrays are in use. */
  private dayCount: number;
  /** Each unit's city roll-up slot (−1 for the province's own unit). */
  private readonly rollupOf: Int32Array;
  /** Region code − minCode → unit slot, indicator id → indicator slot (−1: none). */
  private readonly regionSlot: Int32Array;
  private readonly minCode: number;
  private readonly indicatorSlot: Int32Array;
  /** For each cell of a unit's own series: the cell of its city's roll-up (−1: none), and of the province's. */
  private readonly cityCellOf: Int32Array;
  private readonly provinceCellOf: Int32Array;

  private constructor(
    private days: Int32Array,
    dayCount: number,
    private readonly regions: RegionMeta[],
    /** City code → slot of the city's roll-up. */
    private readonly citySlot: Map<number, number>,
    private readonly indicatorIndexById: Map<number, number>,
    private readonly indicatorIds: number[],
    private sums: Float64Array,
    private counts: Uint32Array,
  ) {
    this.provinceSlot = regions.length + citySlot.size;
    this.slots = this.provinceSlot + 1;
    this.dayCount = dayCount;
    this.rollupOf = Int32Array.from(regions, (r) => citySlot.get(r.cityOrSelf) ?? -1);
    this.minCode = regions[0]?.code ?? 0;
    this.regionSlot = new Int32Array((regions.at(-1)?.code ?? 0) - this.minCode + 1).fill(-1);
    regions.forEach((r, i) => (this.regionSlot[r.code - this.minCode] = i));
    this.indicatorSlot = new Int32Array(Math.max(0, ...indicatorIds) + 1).fill(-1);
    indicatorIds.forEach((id, i) => (this.indicatorSlot[id] = i));
    const I = indicatorIds.length;
    this.cityCellOf = new Int32Array(regions.length * I);
    this.provinceCellOf = new Int32Array(regions.length * I);
    for (let r = 0; r < regions.length; r++) {
      for (let i = 0; i < I; i++) {
        this.cityCellOf[r * I + i] = this.rollupOf[r]! < 0 ? -1 : this.rollupOf[r]! * I + i;
        this.provinceCellOf[r * I + i] = this.provinceSlot * I + i;
      }
    }
  }

  /** Null when the database is too large for memory; the caller then uses the SQL path. */
  static load(db: Database, maxCells: number = MAX_CUBE_CELLS): CubeFactSource | null {
    const regions = (
      db.prepare('SELECT code, COALESCE(city_code, code) AS city FROM region ORDER BY code').all() as {
        code: number;
        city: number;
      }[]
    ).map((r) => ({ code: r.code, cityOrSelf: r.city }));
    const indicatorIds = db.prepare('SELECT id FROM indicator ORDER BY id').pluck().all() as number[];
    const dayList = db.prepare('SELECT day FROM fact_day_column ORDER BY day').pluck().all() as number[];
    const cityCodes = db.prepare("SELECT code FROM region WHERE level = 'city' ORDER BY code").pluck().all() as number[];
    const citySlot = new Map(cityCodes.map((c, j) => [c, regions.length + j]));
    const provinceSlot = regions.length + cityCodes.length;
    const S = (provinceSlot + 1) * indicatorIds.length;
    if ((dayList.length + 1) * S > maxCells) return null;

    const indicatorIndexById = new Map(indicatorIds.map((id, i) => [id, i]));
    const D = dayList.length;
    const capacity = Math.max(D + 1, Math.min(D + 1 + spareRows(D), S === 0 ? D + 1 : Math.floor(maxCells / S)));
    const cube = new CubeFactSource(
      new Int32Array(capacity - 1),
      0,
      regions,
      citySlot,
      indicatorIndexById,
      indicatorIds,
      new Float64Array(capacity * S),
      new Uint32Array(capacity * S),
    );
    cube.fill(readDayColumns(db));
    return cube;
  }

  /** Loads every day's columns into an empty cube: per-day cells and roll-ups, then running sums. */
  private fill(columns: Iterable<DayColumns>): void {
    const I = this.indicatorIds.length;
    const S = this.slots * I;
    const { sums, counts, regions, rollupOf, provinceSlot } = this;
    let k = 0;
    for (const col of columns) {
      this.days[k] = col.day;
      const row = (k + 1) * S;
      this.scatter(col, sums, counts, row);
      for (let r = 0; r < regions.length; r++) {
        const own = row + r * I;
        const city = rollupOf[r]! < 0 ? -1 : row + rollupOf[r]! * I;
        const province = row + provinceSlot * I;
        for (let i = 0; i < I; i++) {
          const c = counts[own + i]!;
          if (c === 0) continue;
          const v = sums[own + i]!;
          if (city >= 0) {
            sums[city + i] = sums[city + i]! + v;
            counts[city + i] = counts[city + i]! + c;
          }
          sums[province + i] = sums[province + i]! + v;
          counts[province + i] = counts[province + i]! + c;
        }
      }
      k++;
    }
    this.dayCount = k;
    for (let d = 1; d <= k; d++) {
      const row = d * S;
      const prev = row - S;
      for (let s = 0; s < S; s++) {
        sums[row + s] = sums[row + s]! + sums[prev + s]!;
        counts[row + s] = counts[row + s]! + counts[prev + s]!;
      }
    }
  }

  /** A day's facts into the units' own cells at `at` (value, count 1). */
  private scatter(col: DayColumns, sums: Float64Array, counts: Uint32Array, at: number): void {
    const I = this.indicatorIds.length;
    for (let j = 0; j < col.values.length; j++) {
      const s = this.regionSlot[col.regions[j]! - this.minCode]! * I + this.indicatorSlot[col.indicators[j]!]!;
      sums[at + s] = col.values[j]!;
      counts[at + s] = 1;
    }
  }

  /**
   * After a write that changed the facts of `touched` days (committed on `db`): the cube takes the
   * new per-day values of those days from fact_day_column, the old ones from its own row
   * differences, and adds the change of each series (own, city, province) to every later running
   * row; a day it did not hold gets a row. False when it cannot (the cube would exceed `maxCells`):
   * the caller loads it again in full.
   */
  applyDays(db: Database, touched: Iterable<number>, maxCells: number = MAX_CUBE_CELLS): boolean {
    const changedDays = [...new Set(touched)].sort((a, b) => a - b);
    if (changedDays.length === 0) return true;
    const added = changedDays.filter((d) => !this.holds(d));
    const I = this.indicatorIds.length;
    const S = this.slots * I;
    if ((this.dayCount + added.length + 1) * S > maxCells) return false;
    if (added.length > 0) this.insertDays(added, maxCells);

    const columns = new Map<number, DayColumns>();
    for (const col of readDayColumnsOf(db, changedDays)) columns.set(col.day, col);
    const own = this.regions.length * I;
    const fresh = new Float64Array(own);
    const freshCounts = new Uint32Array(own);
    // The change so far of every series, added to each row from the first touched day on.
    const delta = new Float64Array(S);
    const deltaCount = new Int32Array(S);
    const isChanged = new Uint8Array(S);
    const changed = new Int32Array(S);
    let nChanged = 0;
    const { sums, counts, cityCellOf, provinceCellOf } = this;
    const D = this.dayCount;
    let next = 0;
    let nextIndex = this.lowerBound(changedDays[0]!);
    for (let j = nextIndex + 1; j <= D; j++) {
      const row = j * S;
      if (j - 1 === nextIndex) {
        // Row j − 1 already holds the change so far: take it off to read the day's old values.
        const col = columns.get(changedDays[next]!);
        fresh.fill(0);
        freshCounts.fill(0);
        if (col) this.scatter(col, fresh, freshCounts, 0);
        const prev = row - S;
        for (let s = 0; s < own; s++) {
          const oldCount = counts[row + s]! - (counts[prev + s]! - deltaCount[s]!);
          const newCount = freshCounts[s]!;
          if (oldCount === 0 && newCount === 0) continue;
          const dc = newCount - oldCount;
          const dv = oldCount === 0 ? fresh[s]! : fresh[s]! - (sums[row + s]! - (sums[prev + s]! - delta[s]!));
          if (dc === 0 && dv === 0) continue;
          // The unit's own series, its city's (none for 省厅直属) and the province's.
          for (let k = 0; k < 3; k++) {
            const t = k === 0 ? s : k === 1 ? cityCellOf[s]! : provinceCellOf[s]!;
            if (t < 0) continue;
            delta[t] = delta[t]! + dv;
            deltaCount[t] = deltaCount[t]! + dc;
            if (isChanged[t] === 0) {
              isChanged[t] = 1;
              changed[nChanged++] = t;
            }
          }
        }
        next++;
        nextIndex = next < changedDays.length ? this.lowerBound(changedDays[next]!) : -2;
      }
      for (let c = 0; c < nChanged; c++) {
        const s = changed[c]!;
        sums[row + s] = sums[row + s]! + delta[s]!;
        counts[row + s] = counts[row + s]! + deltaCount[s]!;
      }
    }
    return true;
  }

  private holds(day: number): boolean {
    const k = this.lowerBound(day);
    return k < this.dayCount && this.days[k] === day;
  }

  /**
   * Rows for days the cube did not hold (sorted, none held), each a copy of the running row before
   * it (no facts yet); later rows move up with copyWithin. The arrays grow by half when full.
   */
  private insertDays(added: number[], maxCells: number): void {
    const I = this.indicatorIds.length;
    const S = this.slots * I;
    const D = this.dayCount;
    const n = added.length;
    const needRows = D + n + 1;
    if (needRows * S > this.sums.length) {
      const capacity = Math.max(
        needRows,
        Math.min(Math.ceil((this.sums.length / Math.max(S, 1)) * 1.5), Math.floor(maxCells / Math.max(S, 1))),
      );
      const sums = new Float64Array(capacity * S);
      const counts = new Uint32Array(capacity * S);
      sums.set(this.sums.subarray(0, (D + 1) * S));
      counts.set(this.counts.subarray(0, (D + 1) * S));
      const days = new Int32Array(capacity - 1);
      days.set(this.days.subarray(0, D));
      this.sums = sums;
      this.counts = counts;
      this.days = days;
    }
    const at = added.map((d) => this.lowerBound(d)); // old days before each new one
    const { sums, counts, days } = this;
    for (let q = n - 1; q >= 0; q--) {
      const p = at[q]!;
      const end = q + 1 < n ? at[q + 1]! : D;
      // Old rows p+1 … end (days p … end−1) move up by q+1; the new day's row copies old row p.
      sums.copyWithin((p + q + 2) * S, (p + 1) * S, (end + 1) * S);
      counts.copyWithin((p + q + 2) * S, (p + 1) * S, (end + 1) * S);
      days.copyWithin(p + q + 1, p, end);
      sums.copyWithin((p + q + 1) * S, p * S, (p + 1) * S);
      counts.copyWithin((p + q + 1) * S, p * S, (p + 1) * S);
      days[p + q] = added[q]!;
    }
    this.dayCount = D + n;
  }

  /** Days held (some may have lost all their facts to an undo: an empty row), for tests. */
  heldDays(): number[] {
    return Array.from(this.days.subarray(0, this.dayCount));
  }

  /** From the last row of running counts: a series with any fact has a non-zero count there. */
  coverage(): Coverage {
    const I = this.indicatorIds.length;
    const last = this.dayCount * this.slots * I;
    const regions = new Set<number>();
    const indicators = new Set<number>();
    for (let r = 0; r < this.regions.length; r++) {
      for (let i = 0; i < I; i++) {
        if (this.counts[last + r * I + i]! > 0) {
          regions.add(r);
          indicators.add(i);
        }
      }
    }
    return { reportingUnits: regions.size, indicators: indicators.size };
  }

  /** First index whose day is ≥ day. */
  private lowerBound(day: number): number {
    let lo = 0;
    let hi = this.dayCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  aggregate(req: AggregateRequest): AggregateRow[] {
    const a = this.lowerBound(req.range.from);
    const b = this.lowerBound(req.range.to + 1);
    if (a >= b) return [];

    const { selected, groupOf } = this.seriesOf(req);
    const inds = req.indicatorIds.map((id) => this.indicatorIndexById.get(id)).filter((x): x is number => x !== undefined);

    // Contiguous runs of days in the same bucket; each run is one subtraction per series.
    const runs: { from: number; to: number; bucket: number }[] = [];
    if (!req.bucket) runs.push({ from: a, to: b, bucket: 0 });
    else {
      let start = a;
      let current = req.bucket(this.days[a]!);
      for (let k = a + 1; k <= b; k++) {
        const next = k < b ? req.bucket(this.days[k]!) : NaN;
        if (next !== current) {
          runs.push({ from: start, to: k, bucket: current });
          start = k;
          current = next;
        }
      }
    }

    // Dense accumulation over (bucket, group, indicator): output cells are few and known up front,
    // so a typed array beats a hash map by an order of magnitude on wide queries.
    const groupSlot = new Map<number, number>();
    const groups: number[] = [];
    const slotOfRegion = groupOf.map((g) => {
      let slot = groupSlot.get(g);
      if (slot === undefined) groupSlot.set(g, (slot = groups.push(g) - 1));
      return slot;
    });
    const bucketSlot = new Map<number, number>();
    const buckets: number[] = [];
    const slotOfRun = runs.map((r) => {
      let slot = bucketSlot.get(r.bucket);
      if (slot === undefined) bucketSlot.set(r.bucket, (slot = buckets.push(r.bucket) - 1));
      return slot;
    });
    const G = groups.length;
    const N = inds.length;
    const cells = buckets.length * G * N;
    if (cells > MAX_OUTPUT_CELLS) return this.aggregateSparse(runs, selected, groupOf, inds);
    const sums = new Float64Array(cells);
    const seen = new Uint8Array(cells);

    const I = this.indicatorIds.length;
    const S = this.slots * I;
    const counts = this.counts;
    const running = this.sums;
    const indSlots = Int32Array.from(inds);
    for (let r = 0; r < runs.length; r++) {
      const r0 = runs[r]!.from * S;
      const r1 = runs[r]!.to * S;
      const bucketBase = slotOfRun[r]! * G;
      for (let x = 0; x < selected.length; x++) {
        const base = selected[x]! * I;
        const cellBase = (bucketBase + slotOfRegion[x]!) * N;
        for (let n = 0; n < N; n++) {
          const s = base + indSlots[n]!;
          if (counts[r1 + s]! === counts[r0 + s]!) continue; // nothing reported
          sums[cellBase + n] = sums[cellBase + n]! + (running[r1 + s]! - running[r0 + s]!);
          seen[cellBase + n] = 1;
        }
      }
    }
    const out: AggregateRow[] = [];
    for (let c = 0; c < cells; c++) {
      if (seen[c] === 0) continue;
      const n = c % N;
      const g = Math.floor(c / N) % G;
      const b = Math.floor(c / N / G);
      out.push({ region: groups[g]!, indicatorId: this.indicatorIds[inds[n]!]!, day: buckets[b]!, value: sums[c]! });
    }
    return out;
  }

  /**
   * The series a request reads, each with the group it adds to. Without grouping by county, a city
   * in scope is read as its roll-up, and the whole province, ungrouped, as the province's.
   */
  private seriesOf(req: AggregateRequest): { selected: number[]; groupOf: number[] } {
    const scope = req.scope;
    const grain = req.regionGrain;
    if (grain === 'none' && scope.all) return { selected: [this.provinceSlot], groupOf: [0] };
    const cities = scope.all ? null : new Set(scope.cities);
    const units = scope.all ? null : new Set(scope.units);
    const selected: number[] = [];
    const groupOf: number[] = [];
    const rolledUp = new Set<number>();
    if (grain !== 'unit') {
      for (const [city, slot] of this.citySlot) {
        if (cities && !cities.has(city)) continue;
        rolledUp.add(city);
        selected.push(slot);
        groupOf.push(grain === 'none' ? 0 : city);
      }
    }
    this.regions.forEach((r, i) => {
      if (rolledUp.has(r.cityOrSelf)) return;
      // A city selection covers the city's own units and its counties: both have it as cityOrSelf.
      if (cities && !cities.has(r.cityOrSelf) && !units!.has(r.code)) return;
      selected.push(i);
      groupOf.push(grain === 'none' ? 0 : grain === 'city' ? r.cityOrSelf : r.code);
    });
    return { selected, groupOf };
  }

  /** For huge outputs (every county by day over years): a map over the cells that have facts. */
  private aggregateSparse(
    runs: { from: number; to: number; bucket: number }[],
    selected: number[],
    groupOf: number[],
    inds: number[],
  ): AggregateRow[] {
    const I = this.indicatorIds.length;
    const S = this.slots * I;
    const out = new Map<number, AggregateRow>();
    for (const run of runs) {
      const r0 = run.from * S;
      const r1 = run.to * S;
      for (let x = 0; x < selected.length; x++) {
        const base = selected[x]! * I;
        const group = groupOf[x]!;
        for (const i of inds) {
          const s = base + i;
          if (this.counts[r1 + s]! === this.counts[r0 + s]!) continue;
          const value = this.sums[r1 + s]! - this.sums[r0 + s]!;
          // (region code × I + indicator slot) × 65536 + bucket day: unique and exact below 2^53.
          const key = (group * I + i) * 65536 + run.bucket;
          const row = out.get(key);
          if (row) row.value += value;
          else out.set(key, { region: group, indicatorId: this.indicatorIds[i]!, day: run.bucket, value });
        }
      }
    }
    return [...out.values()];
  }
}
