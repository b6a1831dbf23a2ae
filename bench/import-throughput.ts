// CSV import throughput: a long-format file (日期, 地区, 部门, 指标, 数值, 单位) of the benchmark
// database's first days, imported through the product's importFiles — read, decode, parse,
// validate, write — into a fresh empty database each time, sorted by key or shuffled; and the same
// days moved after the data, into a copy of the benchmark database that holds all its facts.
import { copyFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../electron/store/workspace';
import { importFiles } from '../electron/ingest/import-files';
import { Random } from '../electron/demo/random';
import { isoDay } from '../shared/dates';
import { percentile } from './timing';

export interface ImportMeasurement {
  rows: number;
  bytes: number;
  runs: number[];
  /** Median of the runs. */
  rowsPerSecond: number;
  bestRowsPerSecond: number;
}

export interface CsvOptions {
  /** Days added to every date: a positive shift writes days after the data, for a populated database. */
  shiftDays?: number;
  /** Rows in a fixed pseudo-random order instead of (day, region, indicator). */
  shuffled?: boolean;
  /** At most this many rows (the first ones by key). */
  maxRows?: number;
  /** Only these reporting units. */
  regionCodes?: number[];
}

export interface ImportCsv {
  path: string;
  rows: number;
}

/**
 * Writes a long-format CSV of `days` days of `ws`'s facts from its first day (reused when `tag`
 * names a cached database and the file is there).
 */
export function ensureImportCsv(ws: Workspace, outDir: string, tag: string | null, days: number, options: CsvOptions = {}): ImportCsv {
  const { shiftDays = 0, shuffled = false, maxRows, regionCodes } = options;
  const variant = `${shiftDays ? `-shift${shiftDays}` : ''}${shuffled ? '-shuffled' : ''}${maxRows ? `-max${maxRows}` : ''}${regionCodes ? `-units${regionCodes.join('_')}` : ''}`;
  const path = join(outDir, `import-${tag ?? 'custom'}-${days}d${variant}.csv`);
  const first = (ws.db.prepare('SELECT MIN(day) AS d FROM fact').get() as { d: number | null }).d;
  if (first === null) throw new Error('the database has no facts to export for the import test');
  const range = [first, first + days - 1];
  const units = regionCodes ? `AND region_code IN (${regionCodes.map(() => '?').join(', ')})` : '';
  const params = [...range, ...(regionCodes ?? [])];
  const limit = maxRows ? `LIMIT ${Math.floor(maxRows)}` : '';
  if (tag !== null && existsSync(path)) {
    const rows = (
      ws.db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM fact WHERE day BETWEEN ? AND ? ${units} ${limit})`).get(...params) as {
        n: number;
      }
    ).n;
    return { path, rows };
  }
  const facts = ws.db
    .prepare(
      `SELECT day, region_code, indicator_id, value FROM fact WHERE day BETWEEN ? AND ? ${units} ORDER BY day, region_code, indicator_id ${limit}`,
    )
    .raw()
    .all(...params) as [number, number, number, number][];
  if (shuffled) shuffle(facts);
  writeCsv(ws, path, facts, shiftDays);
  return { path, rows: facts.length };
}

/** Excel's "CSV UTF-8" of facts (day, region, indicator, value), dates shifted by `shiftDays`. */
export function writeCsv(ws: Workspace, path: string, facts: readonly (readonly [number, number, number, number])[], shiftDays = 0): void {
  const regionLabel = new Map<number, string>();
  for (const r of ws.catalogue.regions) {
    // 太原市小店区 for a county, 太原市本级 for a city's own units: as the cities write them.
    const label = r.level === 'city' ? `${r.name}本级` : r.level === 'county' ? ws.resolver.fullRegionName(r) : '省厅直属';
    regionLabel.set(Number(r.code), label);
  }
  const ind = new Map(ws.catalogue.indicators.map((i) => [i.id, i]));
  const lines = ['日期,地区,部门,指标,数值,单位'];
  const dayText = new Map<number, string>();
  for (const [day, region, indicator, value] of facts) {
    let text = dayText.get(day);
    if (text === undefined) dayText.set(day, (text = isoDay(day + shiftDays)));
    const i = ind.get(indicator)!;
    lines.push(`${text},${regionLabel.get(region)},${i.department},${i.name},${value},${i.unit}`);
  }
  writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
}

/** Fisher–Yates with a fixed seed: the same "unsorted" file on every run. */
function shuffle<T>(xs: T[]): void {
  const rng = new Random(SHUFFLE_SEED);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

const SHUFFLE_SEED = 4_242;

/** Imports `csv` `repeat` times, each into a new empty database; throws if any import is refused. */
export async function measureImport(csv: ImportCsv, outDir: string, repeat = 3): Promise<ImportMeasurement> {
  const target = join(outDir, 'import-target.db');
  const clean = () => {
    for (const s of ['', '-wal', '-shm']) rmSync(target + s, { force: true });
  };
  const rates: number[] = [];
  for (let i = 0; i < repeat; i++) {
    clean();
    try {
      rates.push(await timedImport(target, csv));
    } finally {
      clean();
    }
  }
  return summary(csv.rows, statSync(csv.path).size, rates);
}

/**
 * Imports each of `csvs` (new days, see CsvOptions.shiftDays) into one copy of the benchmark
 * database at `populatedPath`, which already holds every benchmark fact: the daily case.
 */
export async function measureImportIntoPopulated(benchPath: string, populatedPath: string, csvs: ImportCsv[]): Promise<ImportMeasurement> {
  const clean = () => {
    for (const s of ['', '-wal', '-shm']) rmSync(populatedPath + s, { force: true });
  };
  clean();
  copyFileSync(benchPath, populatedPath);
  try {
    const rates: number[] = [];
    for (const csv of csvs) rates.push(await timedImport(populatedPath, csv));
    return summary(csvs[0]!.rows, statSync(csvs[0]!.path).size, rates);
  } finally {
    clean();
  }
}

/** One importFiles call into the database at `target`: rows per second, validation included. */
async function timedImport(target: string, csv: ImportCsv): Promise<number> {
  const ws = openWorkspace(target);
  try {
    const t0 = performance.now();
    const report = await importFiles(ws, [csv.path]);
    const seconds = (performance.now() - t0) / 1000;
    if (!report.ok) {
      const first = report.errors.slice(0, 3).map((e) => `row ${e.row} ${e.column ?? ''}: ${e.reason}`);
      throw new Error(`import refused (${report.errors.length} errors): ${first.join(' | ')}`);
    }
    const facts = report.files.reduce((n, f) => n + f.facts, 0);
    if (facts !== csv.rows) throw new Error(`import wrote ${facts} facts, the file has ${csv.rows}`);
    return csv.rows / seconds;
  } finally {
    ws.close();
  }
}

function summary(rows: number, bytes: number, rates: number[]): ImportMeasurement {
  return { rows, bytes, runs: rates, rowsPerSecond: percentile(rates, 50), bestRowsPerSecond: Math.max(...rates) };
}
