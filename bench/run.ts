// The slice benchmark: the product engine against the plain SQLite path and DuckDB on N facts.
//   npm run bench -- [--facts N] [--json FILE] [--db PATH] [--only NAME,NAME] [--no-import] [--no-child]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../electron/core/workspace';
import { createFactSource } from '../electron/query/engine';
import { SqlFactSource } from '../electron/query/fact-source';
import { runSlice } from '../electron/query/slice';
import { isoDay } from '../shared/dates';
import { canonicalSlice, differences, type Difference } from './compare';
import { DuckDbEngine } from './duckdb-engine';
import { benchDbPath, ensureBenchDb, type BenchDb } from './generate';
import { ensureImportCsv, measureImport, type ImportMeasurement } from './import-throughput';
import { buildSuite, type BenchQuery } from './suite';
import { geomean, measure, percentile, type Timing } from './timing';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench-output');
const IMPORT_DAYS = 60; // 60 days × 6,528 = 391,680 rows
const CHILD_RUNS = 3;

const TARGETS = { queryP95Ms: 25, speedupVsSqlite: 30, openFirstQueryMs: 2000, peakRssMb: 1536, importRowsPerS: 300_000 };

function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replaceAll('_', '').replaceAll(',', ''));
  if (!m) throw new Error(`--facts: not a count: ${text}`);
  const n = Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--facts: not a positive whole number: ${text}`);
  return n;
}

const { values: args } = parseArgs({
  options: {
    facts: { type: 'string', default: '10000000' },
    json: { type: 'string' },
    db: { type: 'string' },
    only: { type: 'string' },
    'no-import': { type: 'boolean', default: false },
    'no-child': { type: 'boolean', default: false },
  },
});

const log = (s: string) => console.log(s);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rate = (x: number) => `${Math.round(x).toLocaleString('en')} rows/s`;

interface QueryReport {
  name: string;
  what: string;
  rows: number;
  engine: Timing;
  sqlite: Timing;
  duckdb: Timing;
  vsSqlite: Difference[];
  vsDuckdb: Difference[];
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const bench = openBenchDb();
  const tag = args.db ? null : `${bench.facts}`;

  const ws = openWorkspace(bench.path);
  const span = { firstDay: bench.firstDay, lastDay: bench.lastDay };
  let suite = buildSuite(ws.catalogue, span);
  if (args.only) {
    const names = args.only.split(',');
    suite = suite.filter((q) => names.includes(q.name));
    if (suite.length === 0) throw new Error(`--only: no such query (${names.join(', ')})`);
  }
  log(`data: ${bench.facts.toLocaleString('en')} facts, ${isoDay(span.firstDay)} .. ${isoDay(span.lastDay)}; ${suite.length} queries`);

  let t0 = performance.now();
  const engine = createFactSource(ws);
  const engineBuildMs = performance.now() - t0;
  log(`product engine (createFactSource): ${engine.constructor.name}, created in ${ms(engineBuildMs)} ms`);
  const sqlite = new SqlFactSource(ws.db);
  t0 = performance.now();
  const { engine: duck, rows: duckRows, seconds: duckSeconds } = await DuckDbEngine.load(ws);
  log(`duckdb: loaded ${duckRows.toLocaleString('en')} facts in ${duckSeconds.toFixed(1)} s (${rate(duckRows / duckSeconds)})`);

  log('');
  log(pad(['query', 'rows', 'engine p50/p95', 'sqlite p50/p95', 'duckdb p50/p95', 'vs sqlite', 'vs duckdb', 'same'], WIDTHS));
  const reports: QueryReport[] = [];
  for (const q of suite) {
    const r = await runQuery(q, ws, engine, sqlite, duck);
    reports.push(r);
    const same = r.vsSqlite.length === 0 && r.vsDuckdb.length === 0;
    log(
      pad(
        [
          q.name,
          String(r.rows),
          timingText(r.engine),
          timingText(r.sqlite),
          timingText(r.duckdb),
          `${(r.sqlite.p95 / r.engine.p95).toFixed(1)}×`,
          `${(r.duckdb.p95 / r.engine.p95).toFixed(2)}×`,
          same ? 'yes' : 'NO',
        ],
        WIDTHS,
      ),
    );
  }
  duck.close();

  const gm = {
    engine_ms: geomean(reports.map((r) => r.engine.p95)),
    sqlite_ms: geomean(reports.map((r) => r.sqlite.p95)),
    duckdb_ms: geomean(reports.map((r) => r.duckdb.p95)),
  };
  log('');
  log(`geometric mean of p95: engine ${ms(gm.engine_ms)} ms, sqlite ${ms(gm.sqlite_ms)} ms, duckdb ${ms(gm.duckdb_ms)} ms`);
  log(`engine vs sqlite: ${(gm.sqlite_ms / gm.engine_ms).toFixed(1)}× faster; engine vs duckdb: ${(gm.duckdb_ms / gm.engine_ms).toFixed(2)}× (>1 = engine faster)`);
  if (reports.some((r) => r.sqlite.capped || r.engine.capped || r.duckdb.capped)) {
    log('  (runs over 1 s were repeated only 3 times; their p95 is the slowest of those runs)');
  }
  printDifferences(reports);

  let importResult: ImportMeasurement | { error: string } | null = null;
  if (!args['no-import']) {
    try {
      const csv = ensureImportCsv(ws, OUT_DIR, tag, IMPORT_DAYS);
      log('');
      log(`import: ${csv.rows.toLocaleString('en')} rows of long-format CSV (${basename(csv.path)}) into a new database ...`);
      importResult = await measureImport(csv, OUT_DIR);
      log(
        `import: ${rate(importResult.rowsPerSecond)} (median of ${importResult.runs.length}; best ${rate(importResult.bestRowsPerSecond)}), ` +
          `${(importResult.bytes / 1e6).toFixed(1)} MB, validation included`,
      );
    } catch (e) {
      importResult = { error: (e as Error).message };
      log(`import: could not be measured: ${importResult.error}`);
    }
  }
  ws.close();

  let child: ChildResult | null = null;
  if (!args['no-child']) {
    const queriesPath = join(OUT_DIR, `suite-${tag ?? 'custom'}.json`);
    writeFileSync(queriesPath, JSON.stringify(suite.map((q) => q.query), null, 1));
    child = openFirstQuery(bench.path, queriesPath);
    log('');
    log(
      `open + first query (fresh process, ${CHILD_RUNS} runs, median): ${ms(child.open_first_query_ms)} ms from process start ` +
        `(node + tsx start-up ${ms(child.script_start_ms)} ms, modules ${ms(child.modules_loaded_ms - child.script_start_ms)} ms, ` +
        `open ${ms(child.opened_ms - child.modules_loaded_ms)} ms, createFactSource ${ms(child.engine_created_ms - child.opened_ms)} ms, ` +
        `query ${ms(child.first_query_only_ms)} ms)`,
    );
    log(`  product process peak RSS: ${child.rss_after_first_query_mb.toFixed(0)} MB after the first query, ${child.peak_rss_mb.toFixed(0)} MB after the whole suite ×3`);
  }
  const benchRssMb = process.resourceUsage().maxRSS / 1024;
  log(`benchmark process peak RSS (product engine + plain path + DuckDB copy): ${benchRssMb.toFixed(0)} MB`);

  const importRate = importResult && 'rowsPerSecond' in importResult ? importResult.rowsPerSecond : null;
  printTargets(reports, gm, child, importRate);

  if (args.json) {
    const out = {
      facts: bench.facts,
      queries: reports.map((r) => ({
        name: r.name,
        engine_p95_ms: r.engine.p95,
        sqlite_p95_ms: r.sqlite.p95,
        duckdb_p95_ms: r.duckdb.p95,
        same_results: r.vsSqlite.length === 0 && r.vsDuckdb.length === 0,
        engine_p50_ms: r.engine.p50,
        sqlite_p50_ms: r.sqlite.p50,
        duckdb_p50_ms: r.duckdb.p50,
        runs: { engine: r.engine.samples.length, sqlite: r.sqlite.samples.length, duckdb: r.duckdb.samples.length },
        rows: r.rows,
        what: r.what,
        ...(r.vsSqlite.length > 0 ? { differences_vs_sqlite: r.vsSqlite.slice(0, 20) } : {}),
        ...(r.vsDuckdb.length > 0 ? { differences_vs_duckdb: r.vsDuckdb.slice(0, 20) } : {}),
      })),
      geomean: gm,
      import_rows_per_s: importRate,
      open_first_query_ms: child?.open_first_query_ms ?? null,
      peak_rss_mb: child?.peak_rss_mb ?? null,
      benchmark_process_peak_rss_mb: benchRssMb,
      engine: engine.constructor.name,
      engine_create_ms: engineBuildMs,
      generation_rows_per_s: bench.generation?.rowsPerSecond ?? null,
      duckdb_load_s: duckSeconds,
      open_first_query: child,
      import: importResult,
      period: { from: isoDay(span.firstDay), to: isoDay(span.lastDay) },
    };
    mkdirSync(dirname(resolve(args.json)), { recursive: true });
    writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${args.json}`);
  }
}

function openBenchDb(): BenchDb {
  if (args.db && existsSync(args.db)) {
    const ws = openWorkspace(args.db, { readonly: true });
    const s = ws.db.prepare('SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM fact').get() as {
      n: number;
      first: number | null;
      last: number | null;
    };
    ws.close();
    if (s.first === null || s.last === null) throw new Error(`${args.db} has no facts`);
    log(`using ${args.db} as it is (${s.n.toLocaleString('en')} facts)`);
    return { path: args.db, facts: s.n, firstDay: s.first, lastDay: s.last, reused: true };
  }
  const n = parseCount(args.facts!);
  const bench = ensureBenchDb(args.db ?? benchDbPath(OUT_DIR, n), n, log);
  if (bench.generation) {
    log(`generation: ${rate(bench.generation.rowsPerSecond)} (${bench.generation.seconds.toFixed(1)} s${bench.reused ? ', when cached' : ''})`);
  }
  return bench;
}

async function runQuery(
  q: BenchQuery,
  ws: ReturnType<typeof openWorkspace>,
  engine: ReturnType<typeof createFactSource>,
  sqlite: SqlFactSource,
  duck: DuckDbEngine,
): Promise<QueryReport> {
  const engineResult = runSlice(ws.resolver, engine, q.query);
  const sqliteResult = runSlice(ws.resolver, sqlite, q.query);
  const duckResult = await duck.answer(q.query);
  const e = canonicalSlice(q.query, engineResult);
  const sql = duck.translate(q.query).sql;
  return {
    name: q.name,
    what: q.what,
    rows: engineResult.rows.length,
    vsSqlite: differences(e, canonicalSlice(q.query, sqliteResult)),
    vsDuckdb: differences(e, duckResult),
    engine: await measure(() => runSlice(ws.resolver, engine, q.query)),
    sqlite: await measure(() => runSlice(ws.resolver, sqlite, q.query)),
    duckdb: await measure(() => duck.execute(sql)),
  };
}

const WIDTHS = [30, 6, 16, 18, 16, 10, 10, 5];

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
}

function timingText(t: Timing): string {
  return `${ms(t.p50)}/${ms(t.p95)}${t.capped ? '*' : ''}`;
}

function printDifferences(reports: QueryReport[]): void {
  const show = (d: Difference) => `    ${d.key}: ${JSON.stringify(d.a ?? 'missing')} vs ${JSON.stringify(d.b ?? 'missing')}`;
  for (const r of reports) {
    for (const [other, diffs] of [
      ['sqlite', r.vsSqlite],
      ['duckdb', r.vsDuckdb],
    ] as const) {
      if (diffs.length === 0) continue;
      log(`DIFFERENT RESULTS: ${r.name}, engine vs ${other}: ${diffs.length} rows differ (engine first)`);
      for (const d of diffs.slice(0, 10)) log(show(d));
    }
  }
}

interface ChildResult {
  script_start_ms: number;
  modules_loaded_ms: number;
  opened_ms: number;
  engine_created_ms: number;
  open_first_query_ms: number;
  first_query_only_ms: number;
  rss_after_first_query_mb: number;
  peak_rss_mb: number;
  runs_ms: number[];
}

/** Runs open-first-query.ts in fresh processes; the median run by open + first query, peak RSS the largest. */
function openFirstQuery(dbPath: string, queriesPath: string): ChildResult {
  const runs: Omit<ChildResult, 'runs_ms'>[] = [];
  for (let i = 0; i < CHILD_RUNS; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'open-first-query.ts'), dbPath, queriesPath], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`open-first-query failed (${r.status}): ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!));
  }
  const times = runs.map((r) => r.open_first_query_ms);
  const median = runs.find((r) => r.open_first_query_ms === percentile(times, 50))!;
  return { ...median, peak_rss_mb: Math.max(...runs.map((r) => r.peak_rss_mb)), runs_ms: times };
}

function printTargets(
  reports: QueryReport[],
  gm: { engine_ms: number; sqlite_ms: number; duckdb_ms: number },
  child: ChildResult | null,
  importRate: number | null,
): void {
  const slowest = reports.reduce((a, b) => (b.engine.p95 > a.engine.p95 ? b : a));
  const check = (ok: boolean | null) => (ok === null ? 'n/a ' : ok ? 'pass' : 'FAIL');
  log('');
  log('targets (at 10M facts):');
  log(`  ${check(slowest.engine.p95 <= TARGETS.queryP95Ms)}  every query p95 ≤ ${TARGETS.queryP95Ms} ms (slowest: ${slowest.name} ${ms(slowest.engine.p95)} ms)`);
  log(`  ${check(gm.sqlite_ms / gm.engine_ms >= TARGETS.speedupVsSqlite)}  ≥ ${TARGETS.speedupVsSqlite}× the plain path, geomean (${(gm.sqlite_ms / gm.engine_ms).toFixed(1)}×)`);
  log(`  ${check(gm.engine_ms <= gm.duckdb_ms)}  no slower than DuckDB, geomean (${ms(gm.engine_ms)} vs ${ms(gm.duckdb_ms)} ms)`);
  log(`  ${check(child && child.open_first_query_ms <= TARGETS.openFirstQueryMs)}  open + first query ≤ ${TARGETS.openFirstQueryMs} ms (${child ? ms(child.open_first_query_ms) : '-'} ms)`);
  log(`  ${check(child && child.peak_rss_mb <= TARGETS.peakRssMb)}  peak RSS ≤ ${TARGETS.peakRssMb} MB (${child ? child.peak_rss_mb.toFixed(0) : '-'} MB, product process)`);
  log(`  ${check(importRate === null ? null : importRate >= TARGETS.importRowsPerS)}  CSV import ≥ ${TARGETS.importRowsPerS.toLocaleString('en')} rows/s (${importRate === null ? '-' : rate(importRate)})`);
  const mismatches = reports.filter((r) => r.vsSqlite.length > 0 || r.vsDuckdb.length > 0).map((r) => r.name);
  log(`  ${check(mismatches.length === 0)}  same results on all three engines${mismatches.length ? ` (differ: ${mismatches.join(', ')})` : ''}`);
}

await main();
