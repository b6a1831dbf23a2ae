// Builds (or reuses) a benchmark database of N facts shaped like the real returns: the 117 counties
// and the 11 cities' own units (市本级) report all 51 indicators every day, the days running back
// from a fixed end date. Deterministic: the same N gives the same file on every machine.
// With `sparse` F > 0 a share F of the values is never reported: half of it as indicators a unit
// does not report at all (a county without a drug squad), the rest as values missing on the day.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../electron/store/workspace';
import { writeDayColumns } from '../electron/store/day-columns';
import { CALIBRATION, CITY_POPULATION } from '../electron/demo/calibration';
import { Random } from '../electron/demo/random';
import type { Indicator, Region } from '../shared/api/catalogue-types';
import { dayParts, isoDay, parseIsoDay } from '../shared/dates';
import { unitRule } from '../shared/units';

/** Bump when the generated data changes, so cached files are not reused. */
export const GENERATOR_VERSION = 2;
export const SEED = 20_250_701;
/** The last day of data; at 1M facts the span still holds the whole 2025 campaign. */
export const END_DAY = parseIsoDay('2025-10-31')!;

export interface BenchDb {
  path: string;
  facts: number;
  firstDay: number;
  lastDay: number;
  /** How fast the file was generated (by this run, or when it was cached). */
  generation?: { seconds: number; rowsPerSecond: number };
  reused: boolean;
}

interface Meta {
  version: number;
  seed: number;
  facts: number;
  sparse?: number;
  firstDay: number;
  lastDay: number;
  generation?: { seconds: number; rowsPerSecond: number };
}

export function benchDbPath(dir: string, facts: number, sparse = 0): string {
  return join(dir, `facts-${facts}-v${GENERATOR_VERSION}${sparse > 0 ? `-sparse${sparse}` : ''}.db`);
}

/** The cached file when it is complete and of this generator version, otherwise a new one. */
export function ensureBenchDb(path: string, facts: number, log: (s: string) => void, sparse = 0): BenchDb {
  if (!(sparse >= 0 && sparse < 1)) throw new Error(`sparse: a share from 0 up to (not including) 1, not ${sparse}`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    if (meta.version === GENERATOR_VERSION && meta.seed === SEED && meta.facts === facts && (meta.sparse ?? 0) === sparse) {
      log(`reusing ${path} (${facts.toLocaleString('en')} facts, ${isoDay(meta.firstDay)} .. ${isoDay(meta.lastDay)})`);
      return {
        path,
        facts,
        firstDay: meta.firstDay,
        lastDay: meta.lastDay,
        reused: true,
        ...(meta.generation ? { generation: meta.generation } : {}),
      };
    }
  }
  const tmp = `${path}.tmp`;
  for (const p of [path, metaPath, tmp, `${tmp}-wal`, `${tmp}-shm`, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  log(
    `generating ${facts.toLocaleString('en')} facts${sparse > 0 ? ` (sparse: ${sparse} of the values not reported)` : ''} into ${path} ...`,
  );
  const result = generate(tmp, facts, log, sparse);
  renameSync(tmp, path);
  const meta: Meta = {
    version: GENERATOR_VERSION,
    seed: SEED,
    facts,
    ...(sparse > 0 ? { sparse } : {}),
    firstDay: result.firstDay,
    lastDay: result.lastDay,
    generation: result.generation,
  };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  return { ...result, path, reused: false };
}

// Weekends are busier for patrols and traffic checks.
const WEEKDAY_FACTOR = [0, 0.92, 0.95, 0.97, 1.0, 1.08, 1.12, 1.02];
const CELL_NOISE_SIGMA = 0.3;
const UNIT_DAY_NOISE_SIGMA = 0.15;
/** Year-on-year growth of the work reported. */
const YEARLY_GROWTH = 1.04;
/** Inside a summer campaign (25 June .. 30 September) work runs above the ordinary level. */
const CAMPAIGN_UPLIFT = 1.3;
/** A city's own concentrated operation (清查行动) on a given day: chance and size. */
const LOCAL_OPERATION_CHANCE = 0.006;
const LOCAL_OPERATION_FACTOR = 2.5;

/** An ordinary-day province level for each indicator, in its own unit, from the demo calibration. */
function provinceDailyLevel(ind: Indicator): { level: number; spike: number } {
  const cal = CALIBRATION[ind.key];
  if (!cal) throw new Error(`no calibration for ${ind.key}`);
  switch (cal.window) {
    case 'phase': // the published total covers the 3-day phase at `spike` × the campaign level
      return { level: cal.total / (3 * cal.spike * CAMPAIGN_UPLIFT), spike: cal.spike };
    case 'toPress': // 18 campaign days up to the press conference, 3 of them in the phase
      return { level: cal.total / ((15 + 3 * cal.spike) * CAMPAIGN_UPLIFT), spike: cal.spike };
    case 'none':
      return { level: cal.dailyLevel, spike: cal.spike };
  }
}

/** Share of the province's work done by each unit: its city's population, split by a noisy size. */
function unitWeights(units: Region[], rng: Random): Map<string, number> {
  const raw = new Map<string, number>();
  for (const u of units) {
    const kind = u.level === 'city' ? 1.3 : u.name.endsWith('区') ? 1.5 : u.name.endsWith('市') ? 1.2 : 0.9;
    raw.set(u.code, kind * rng.lognormal(0.35));
  }
  const perCity = new Map<string, number>();
  for (const u of units) perCity.set(u.city!, (perCity.get(u.city!) ?? 0) + raw.get(u.code)!);
  const totalPop = Object.values(CITY_POPULATION).reduce((a, b) => a + b, 0);
  return new Map(units.map((u) => [u.code, ((raw.get(u.code)! / perCity.get(u.city!)!) * CITY_POPULATION[u.city!]!) / totalPop]));
}

interface Window {
  from: number;
  to: number;
}

function summerWindows(year: number): { campaign: Window; phase: Window } {
  const d = (md: string) => parseIsoDay(`${year}-${md}`)!;
  return { campaign: { from: d('06-25'), to: d('09-30') }, phase: { from: d('07-07'), to: d('07-09') } };
}

/** One summer campaign per year covered, with its first concentrated phase, unless already there. */
function addCampaigns(db: ReturnType<typeof openWorkspace>['db'], firstDay: number, lastDay: number): void {
  const exists = db.prepare('SELECT 1 FROM campaign WHERE year = ?');
  const insertCampaign = db.prepare('INSERT INTO campaign (name, year, from_day, to_day) VALUES (?, ?, ?, ?)');
  const insertPhase = db.prepare('INSERT INTO phase (campaign_id, name, from_day, to_day) VALUES (?, ?, ?, ?)');
  for (let year = dayParts(firstDay).year; year <= dayParts(lastDay).year; year++) {
    if (exists.get(year)) continue; // 2022 and 2023 come with the catalogue
    const w = summerWindows(year);
    const id = insertCampaign.run(`${year}年夏季治安打击整治行动`, year, w.campaign.from, w.campaign.to).lastInsertRowid;
    insertPhase.run(id, `${year}年第一次集中统一行动`, w.phase.from, w.phase.to);
  }
}

/**
 * Which (unit, indicator) values are reported, for a share `sparse` left out: half of it as pairs
 * never reported, the rest dropped day by day. Its own random stream, so the values drawn for the
 * dense case do not change.
 */
function reportingRule(units: number, indicators: number, sparse: number): ((u: number, i: number) => boolean) | null {
  if (sparse === 0) return null;
  const rng = new Random(SEED + 1);
  const never = new Uint8Array(units * indicators);
  for (let k = 0; k < never.length; k++) never[k] = rng.next() < sparse / 2 ? 1 : 0;
  // (1 − sparse/2) × (1 − daily) = 1 − sparse
  const daily = 1 - (1 - sparse) / (1 - sparse / 2);
  return (u, i) => never[u * indicators + i] === 0 && rng.next() >= daily;
}

function generate(
  path: string,
  facts: number,
  log: (s: string) => void,
  sparse = 0,
): Omit<BenchDb, 'path' | 'reused'> & { generation: { seconds: number; rowsPerSecond: number } } {
  const ws = openWorkspace(path);
  const { db, catalogue } = ws;
  // A file nobody else reads yet: no rollback journal to speak of, no fsync, no per-row FK lookups.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');

  const units = catalogue.regions.filter((r) => r.level !== 'province').sort((a, b) => Number(a.code) - Number(b.code));
  const indicators = [...catalogue.indicators].sort((a, b) => a.id - b.id);
  const perDay = units.length * indicators.length;
  // Sparse data need more days for N facts; a few spare days absorb the randomness, and the data
  // end where the N-th fact falls (at or just before END_DAY).
  const days = sparse > 0 ? Math.ceil((facts / (perDay * (1 - sparse))) * 1.02) + 2 : Math.ceil(facts / perDay);
  const firstDay = END_DAY - days + 1;
  let lastDay = END_DAY;
  const reports = reportingRule(units.length, indicators.length, sparse);

  const rng = new Random(SEED);
  const weights = unitWeights(units, rng);
  const unitWeight = units.map((u) => weights.get(u.code)!);
  const unitCode = units.map((u) => Number(u.code));
  const cityIndex = new Map([...new Set(units.map((u) => u.city!))].map((c, i) => [c, i]));
  const unitCity = units.map((u) => cityIndex.get(u.city!)!);
  const levels = indicators.map(provinceDailyLevel);
  const decimals = indicators.map((i) => (unitRule(i.unit).integer ? 0 : unitRule(i.unit).displayDecimals));
  const indicatorId = indicators.map((i) => i.id);

  const insertBatch = db.prepare('INSERT INTO batch (id, source, sha256, fact_count, imported_at) VALUES (?, ?, ?, ?, ?)');
  // One statement per unit and day (its 51 indicators): far fewer calls than a row at a time.
  const values = (n: number) => Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ');
  const insertUnitDay = db.prepare(
    `INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES ${values(indicators.length)}`,
  );
  // Sparse or last unit-days: a statement per row count, prepared once.
  const insertN = new Map<number, ReturnType<typeof db.prepare>>();
  const insertSome = (n: number) => {
    let s = insertN.get(n);
    if (!s) insertN.set(n, (s = db.prepare(`INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES ${values(n)}`)));
    return s;
  };
  const setBatchCount = db.prepare('UPDATE batch SET fact_count = ? WHERE id = ?');
  const args: number[] = [];
  // The store's columnar copy of each day (fact_day_column), which every write path keeps.
  const dayRegions = new Int32Array(perDay);
  const dayIndicators = new Int32Array(perDay);
  const dayValues = new Float64Array(perDay);
  const cityFactor = new Float64Array(cityIndex.size);
  const started = performance.now();
  let written = 0;
  db.transaction(() => {
    addCampaigns(db, firstDay, lastDay);
    for (let day = firstDay; day <= END_DAY && written < facts; day++) {
      // One batch per day: the day's returns, as the daily import would record them.
      const batchId = day - firstDay + 1;
      const source = `bench:${isoDay(day)}`;
      const count = Math.min(perDay, facts - written);
      insertBatch.run(batchId, source, createHash('sha256').update(source).digest('hex'), count, `${isoDay(day)}T20:00:00.000Z`);

      const p = dayParts(day);
      const w = summerWindows(p.year);
      const inCampaign = day >= w.campaign.from && day <= w.campaign.to;
      const inPhase = day >= w.phase.from && day <= w.phase.to;
      const common =
        WEEKDAY_FACTOR[p.weekday]! *
        YEARLY_GROWTH ** ((day - END_DAY) / 365.25) *
        (1 + 0.1 * Math.sin((2 * Math.PI * (day - 80)) / 365.25)) * // busier summers
        (inCampaign ? CAMPAIGN_UPLIFT : 1);
      for (let c = 0; c < cityFactor.length; c++) cityFactor[c] = rng.next() < LOCAL_OPERATION_CHANCE ? LOCAL_OPERATION_FACTOR : 1;

      let k = 0;
      for (let u = 0; u < unitCode.length && written < facts; u++) {
        const unitDay = common * unitWeight[u]! * cityFactor[unitCity[u]!]! * rng.lognormal(UNIT_DAY_NOISE_SIGMA);
        const n = Math.min(indicatorId.length, facts - written);
        args.length = 0;
        let kept = 0;
        for (let i = 0; i < n; i++) {
          const { level, spike } = levels[i]!;
          const mean = level * unitDay * (inPhase ? spike : 1) * rng.lognormal(CELL_NOISE_SIGMA);
          const scale = 10 ** decimals[i]!;
          const scaled = mean * scale;
          const whole = Math.floor(scaled);
          const value = (whole + (rng.next() < scaled - whole ? 1 : 0)) / scale; // unbiased rounding
          if (reports && !reports(u, i)) continue;
          if (written + kept === facts) break;
          kept++;
          args.push(day, unitCode[u]!, indicatorId[i]!, value, batchId);
          dayRegions[k] = unitCode[u]!;
          dayIndicators[k] = indicatorId[i]!;
          dayValues[k++] = value;
        }
        if (kept === indicatorId.length) insertUnitDay.run(args);
        else if (kept > 0) insertSome(kept).run(args);
        written += kept;
      }
      if (reports) setBatchCount.run(k, batchId);
      if (k === 0) db.prepare('DELETE FROM batch WHERE id = ?').run(batchId);
      else lastDay = day;
      writeDayColumns(db, day, dayRegions.subarray(0, k), dayIndicators.subarray(0, k), dayValues.subarray(0, k));
      if ((day - firstDay) % 200 === 199) {
        const s = (performance.now() - started) / 1000;
        log(`  ${written.toLocaleString('en')} facts, ${Math.round(written / s).toLocaleString('en')} rows/s`);
      }
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.pragma('journal_mode = WAL'); // how the product keeps its files
  ws.close();
  const rowsPerSecond = written / seconds;
  log(
    `generated ${written.toLocaleString('en')} facts in ${seconds.toFixed(1)} s: ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s`,
  );
  if (written < facts) throw new Error(`generated only ${written} of ${facts} facts by ${isoDay(END_DAY)}`);
  return { facts: written, firstDay, lastDay, generation: { seconds, rowsPerSecond } };
}
