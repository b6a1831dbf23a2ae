// The slice benchmark: the product engine against the plain SQLite path, a tuned SQLite and DuckDB
// on N facts; imports (empty, shuffled, populated database); queries through the core during an
// import and after a small one; a one-shot CLI query.
//   npm run bench -- [--facts N] [--sparse F] [--json FILE] [--db PATH] [--only NAME,NAME]
//                    [--no-import] [--no-core] [--no-cli] [--no-child] [--no-bare]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../electron/store/workspace';
import { createFactSource } from '../electron/query/engine';
import { SqlFactSource, type AggregateRequest, type FactSource } from '../electron/query/fact-source';
import { runSlice } from '../electron/query/slice';
import type { CatalogueResolver } from '../shared/catalogue-resolver';
import type { SliceQuery } from '../shared/api/slice';
import { isoDay } from '../shared/dates';
import { measureCliQuery, type CliMeasurement } from './cli-measure';
import { canonicalSlice, differences, type Difference } from './compare';
import {
  measureDuringImport,
  measureFirstQueryAfterSmallImport,
  startCore,
  type DuringImportMeasurement,
  type SmallImportMeasurement,
} from './core-measure';
import { DuckDbEngine } from './duckdb-engine';
import { benchDbPath, ensureBenchDb, type BenchDb } from './generate';
import { ensureImportCsv, measureImport, measureImportIntoPopulated, type ImportMeasurement } from './import-throughput';
import { SqliteTunedEngine } from './sqlite-tuned-engine';
import { buildSuite, type BenchQuery } from './suite';
import { geomean, measure, percentile, type Timing } from './timing';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench-output');
const IMPORT_DAYS = 60; // 60 days × 6,528 = 391,680 rows
const CHILD_RUNS = 3;
/** The CSV imported through the core while queries come in. */
const DURING_IMPORT_ROWS = 1_000_000;

const TARGETS = {
  // issue 12
  queryP95Ms: 25,
  duringImportP95Ms: 100,
  firstQueryAfterSmallImportMs: 50,
  cliQueryMs: 1000,
  populatedImportRowsPerS: 200_000,
  // earlier
  speedupVsSqlite: 30,
  openFirstQueryMs: 2000,
  peakRssMb: 1536,
  importRowsPerS: 300_000,
};

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
    sparse: { type: 'string', default: '0' },
    json: { type: 'string' },
    db: { type: 'string' },
    only: { type: 'string' },
    'no-import': { type: 'boolean', default: false },
    'no-child': { type: 'boolean', default: false },
    'no-core': { type: 'boolean', default: false },
    'no-cli': { type: 'boolean', default: false },
    'no-bare': { type: 'boolean', default: false },
  },
});
const sparse = Number(args.sparse);
if (!(sparse >= 0 && sparse < 1))
  throw new Error(`--sparse: a share of unreported values from 0 up to (not including) 1, not ${args.sparse}`);

const log = (s: string) => console.log(s);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rate = (x: number) => `${Math.round(x).toLocaleString('en')} rows/s`;

const PEERS = ['engine', 'sqlite', 'sqlite_tuned', 'duckdb'] as const;
type Peer = (typeof PEERS)[number];

interface QueryReport {
  name: string;
  what: string;
  rows: number;
  /** Query → result rows (labels, values, comparison, total), the same work for every peer. */
  toRows: Record<Peer, Timing>;
  /** The engine's own step with the query already read: aggregation calls, or the prepared SQL statement. */
  bare: Record<Peer, Timing> | null;
  /** Differences against the engine's answer. */
  diffs: Record<Exclude<Peer, 'engine'>, Difference[]>;
}

const sameAll = (r: QueryReport) => Object.values(r.diffs).every((d) => d.length === 0);
const bestPeerP95 = (r: QueryReport) => Math.min(r.toRows.sqlite_tuned.p95, r.toRows.duckdb.p95);

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const bench = openBenchDb();
  const tag = args.db ? null : `${bench.facts}${sparse > 0 ? `-sparse${sparse}` : ''}`;

  const ws = openWorkspace(bench.path);
  const span = { firstDay: bench.firstDay, lastDay: bench.lastDay };
  let suite = buildSuite(ws.catalogue, span);
  if (args.only) {
    const names = args.only.split(',');
    suite = suite.filter((q) => names.includes(q.name));
    if (suite.length === 0) throw new Error(`--only: no such query (${names.join(', ')})`);
  }
  log(`data: ${bench.facts.toLocaleString('en')} facts, ${isoDay(span.firstDay)} .. ${isoDay(span.lastDay)}; ${suite.length} queries`);

  const t0 = performance.now();
  const engine = createFactSource(ws);
  const engineBuildMs = performance.now() - t0;
  log(`product engine (createFactSource): ${engine.constructor.name}, created in ${ms(engineBuildMs)} ms`);
  const sqlite = new SqlFactSource(ws.db);
  const { engine: tuned, buildSeconds: tunedBuildSeconds } = SqliteTunedEngine.open(bench.path, tunedPath(bench.path), ws.catalogue, log);
  const { engine: duck, rows: duckRows, seconds: duckSeconds } = await DuckDbEngine.load(ws);
  log(`duckdb: loaded ${duckRows.toLocaleString('en')} facts in ${duckSeconds.toFixed(1)} s (${rate(duckRows / duckSeconds)})`);

  log('');
  log('p50/p95 in ms, query → result rows for every peer; best peer = the faster of tuned SQLite and DuckDB');
  log(pad(['query', 'rows', 'engine', 'sqlite plain', 'sqlite tuned', 'duckdb', 'vs plain', 'vs best', 'same'], WIDTHS));
  const reports: QueryReport[] = [];
  for (const q of suite) {
    const r = await runQuery(q, ws.resolver, engine, sqlite, tuned, duck);
    reports.push(r);
    log(
      pad(
        [
          q.name,
          String(r.rows),
          timingText(r.toRows.engine),
          timingText(r.toRows.sqlite),
          timingText(r.toRows.sqlite_tuned),
          timingText(r.toRows.duckdb),
          `${(r.toRows.sqlite.p95 / r.toRows.engine.p95).toFixed(1)}×`,
          `${(bestPeerP95(r) / r.toRows.engine.p95).toFixed(1)}×`,
          sameAll(r) ? 'yes' : 'NO',
        ],
        WIDTHS,
      ),
    );
  }
  duck.close();
  tuned.close();

  const gm = {
    engine_ms: geomean(reports.map((r) => r.toRows.engine.p95)),
    sqlite_ms: geomean(reports.map((r) => r.toRows.sqlite.p95)),
    sqlite_tuned_ms: geomean(reports.map((r) => r.toRows.sqlite_tuned.p95)),
    duckdb_ms: geomean(reports.map((r) => r.toRows.duckdb.p95)),
  };
  const gmBare = reports.every((r) => r.bare)
    ? Object.fromEntries(PEERS.map((p) => [`${p}_ms`, geomean(reports.map((r) => r.bare![p].p95))]))
    : null;
  log('');
  log(
    `geometric mean of p95 (query → rows): engine ${ms(gm.engine_ms)} ms, sqlite plain ${ms(gm.sqlite_ms)} ms, ` +
      `sqlite tuned ${ms(gm.sqlite_tuned_ms)} ms, duckdb ${ms(gm.duckdb_ms)} ms`,
  );
  if (gmBare) {
    log(
      `geometric mean of p95 (bare engine: aggregation calls / prepared statement): engine ${ms(gmBare.engine_ms!)} ms, ` +
        `sqlite plain ${ms(gmBare.sqlite_ms!)} ms, sqlite tuned ${ms(gmBare.sqlite_tuned_ms!)} ms, duckdb ${ms(gmBare.duckdb_ms!)} ms`,
    );
  }
  log(
    `engine vs plain SQLite: ${(gm.sqlite_ms / gm.engine_ms).toFixed(1)}×; vs tuned SQLite: ${(gm.sqlite_tuned_ms / gm.engine_ms).toFixed(1)}×; ` +
      `vs DuckDB: ${(gm.duckdb_ms / gm.engine_ms).toFixed(1)}× (>1 = engine faster)`,
  );
  if (reports.some((r) => PEERS.some((p) => r.toRows[p].capped))) {
    log('  (runs over 1 s were repeated only 3 times; their p95 is the slowest of those runs)');
  }
  printDifferences(reports);

  const imports: { sorted: ImportResult; shuffled: ImportResult; populated: ImportResult } = {
    sorted: null,
    shuffled: null,
    populated: null,
  };
  if (!args['no-import']) {
    log('');
    imports.sorted = await tryImport('import: sorted CSV into a new database', () =>
      measureImport(ensureImportCsv(ws, OUT_DIR, tag, IMPORT_DAYS), OUT_DIR),
    );
    imports.shuffled = await tryImport('import: the same rows shuffled (not sorted by key) into a new database', () =>
      measureImport(ensureImportCsv(ws, OUT_DIR, tag, IMPORT_DAYS, { shuffled: true }), OUT_DIR),
    );
    imports.populated = await tryImport(`import: ${IMPORT_DAYS} new days into a copy of the benchmark database (all its facts)`, () => {
      ws.db.pragma('wal_checkpoint(TRUNCATE)');
      const span = bench.lastDay - bench.firstDay + 1;
      const csvs = [0, 1, 2].map((i) => ensureImportCsv(ws, OUT_DIR, tag, IMPORT_DAYS, { shiftDays: span + i * IMPORT_DAYS }));
      return measureImportIntoPopulated(bench.path, join(OUT_DIR, 'import-populated.db'), csvs);
    });
  }

  let core: { duringImport: DuringImportMeasurement; smallImport: SmallImportMeasurement } | { error: string } | null = null;
  if (!args['no-core']) core = await coreMeasurements(ws, bench, tag, suite);

  let cli: CliMeasurement | { error: string } | null = null;
  if (!args['no-cli']) {
    const q = suite[0]!;
    try {
      cli = await measureCliQuery(ROOT, bench.path, q.query, reports[0]!.rows);
      log('');
      log(
        `cli: campaign query (${q.name}) in a fresh process, wall time: ${ms(cli.cli_query_ms)} ms (median of ${cli.runs_ms.length}: ${cli.runs_ms.map(ms).join(', ')})`,
      );
    } catch (e) {
      cli = { error: (e as Error).message };
      log(`cli: could not be measured: ${cli.error}`);
    }
  }
  ws.close();

  let child: ChildResult | null = null;
  if (!args['no-child']) {
    const queriesPath = join(OUT_DIR, `suite-${tag ?? 'custom'}.json`);
    writeFileSync(
      queriesPath,
      JSON.stringify(
        suite.map((q) => q.query),
        null,
        1,
      ),
    );
    child = openFirstQuery(bench.path, queriesPath);
    log('');
    log(
      `open + first query (fresh process, ${CHILD_RUNS} runs, median): ${ms(child.open_first_query_ms)} ms from process start ` +
        `(node + tsx start-up ${ms(child.script_start_ms)} ms, modules ${ms(child.modules_loaded_ms - child.script_start_ms)} ms, ` +
        `open ${ms(child.opened_ms - child.modules_loaded_ms)} ms, createFactSource ${ms(child.engine_created_ms - child.opened_ms)} ms, ` +
        `query ${ms(child.first_query_only_ms)} ms)`,
    );
    log(
      `  product process peak RSS: ${child.rss_after_first_query_mb.toFixed(0)} MB after the first query, ${child.peak_rss_mb.toFixed(0)} MB after the whole suite ×3`,
    );
  }
  const benchRssMb = process.resourceUsage().maxRSS / 1024;
  log(`benchmark process peak RSS (product engine + plain path + tuned SQLite cache + DuckDB copy): ${benchRssMb.toFixed(0)} MB`);

  const rateOf = (r: ImportResult) => (r && 'rowsPerSecond' in r ? r.rowsPerSecond : null);
  const coreOk = core && 'duringImport' in core ? core : null;
  const cliOk = cli && 'cli_query_ms' in cli ? cli : null;
  const figures: Figures = {
    duringImportP95: coreOk?.duringImport.during_import_p95_ms ?? null,
    firstAfterSmallImport: coreOk?.smallImport.first_query_ms ?? null,
    cliQuery: cliOk?.cli_query_ms ?? null,
    populatedImport: rateOf(imports.populated),
    sortedImport: rateOf(imports.sorted),
  };
  printTargets(reports, gm, child, figures);

  if (args.json) {
    const out = {
      facts: bench.facts,
      sparse,
      queries: reports.map((r) => ({
        name: r.name,
        engine_p95_ms: r.toRows.engine.p95,
        sqlite_p95_ms: r.toRows.sqlite.p95,
        sqlite_tuned_p95_ms: r.toRows.sqlite_tuned.p95,
        duckdb_p95_ms: r.toRows.duckdb.p95,
        same_results: sameAll(r),
        engine_p50_ms: r.toRows.engine.p50,
        sqlite_p50_ms: r.toRows.sqlite.p50,
        sqlite_tuned_p50_ms: r.toRows.sqlite_tuned.p50,
        duckdb_p50_ms: r.toRows.duckdb.p50,
        ...(r.bare ? Object.fromEntries(PEERS.map((p) => [`${p}_bare_p95_ms`, r.bare![p].p95])) : {}),
        runs: Object.fromEntries(PEERS.map((p) => [p, r.toRows[p].samples.length])),
        rows: r.rows,
        what: r.what,
        ...Object.fromEntries(
          Object.entries(r.diffs)
            .filter(([, d]) => d.length > 0)
            .map(([peer, d]) => [`differences_vs_${peer}`, d.slice(0, 20)]),
        ),
      })),
      geomean: gm,
      geomean_bare: gmBare,
      timed_work:
        'query → result rows (labels, values, comparison, total) for every peer; *_bare_*: the aggregation calls or the prepared statement alone',
      query_during_import_p95_ms: figures.duringImportP95,
      first_query_after_small_import_ms: figures.firstAfterSmallImport,
      cli_query_ms: figures.cliQuery,
      import_rows_per_s: figures.sortedImport,
      import_unsorted_rows_per_s: rateOf(imports.shuffled),
      import_into_populated_rows_per_s: figures.populatedImport,
      open_first_query_ms: child?.open_first_query_ms ?? null,
      peak_rss_mb: child?.peak_rss_mb ?? null,
      benchmark_process_peak_rss_mb: benchRssMb,
      engine: engine.constructor.name,
      engine_create_ms: engineBuildMs,
      generation_rows_per_s: bench.generation?.rowsPerSecond ?? null,
      duckdb_load_s: duckSeconds,
      sqlite_tuned_build_s: tunedBuildSeconds,
      open_first_query: child,
      import: imports.sorted,
      import_unsorted: imports.shuffled,
      import_into_populated: imports.populated,
      core,
      cli,
      period: { from: isoDay(span.firstDay), to: isoDay(span.lastDay) },
    };
    mkdirSync(dirname(resolve(args.json)), { recursive: true });
    writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${args.json}`);
  }
}

type ImportResult = ImportMeasurement | { error: string } | null;

async function tryImport(label: string, run: () => Promise<ImportMeasurement>): Promise<ImportResult> {
  try {
    const r = await run();
    log(
      `${label}: ${rate(r.rowsPerSecond)} (${r.rows.toLocaleString('en')} rows, ${(r.bytes / 1e6).toFixed(1)} MB; median of ${r.runs.length}, ` +
        `best ${rate(r.bestRowsPerSecond)}), validation included`,
    );
    return r;
  } catch (e) {
    log(`${label}: could not be measured: ${(e as Error).message}`);
    return { error: (e as Error).message };
  }
}

/** The tuned SQLite peer's own file, beside the benchmark database (the plain path must not see its indexes). */
function tunedPath(benchPath: string): string {
  return benchPath.replace(/(\.db)?$/, '.sqlite-tuned.db');
}

/**
 * Through the core (CoreClient, as the window and the web mode), on a copy of the benchmark
 * database: slice queries while a 1M-row CSV of new days goes in, then the first query after
 * importing one county's next day, three times.
 */
async function coreMeasurements(
  ws: ReturnType<typeof openWorkspace>,
  bench: BenchDb,
  tag: string | null,
  suite: BenchQuery[],
): Promise<{ duringImport: DuringImportMeasurement; smallImport: SmallImportMeasurement } | { error: string }> {
  const copy = join(OUT_DIR, 'core-copy.db');
  const clean = () => {
    for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true });
  };
  clean();
  let client: Awaited<ReturnType<typeof startCore>> | null = null;
  try {
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(bench.path, copy);
    const span = bench.lastDay - bench.firstDay + 1;
    const perDay = Math.max(1, Math.round(bench.facts / span));
    const days = Math.ceil(DURING_IMPORT_ROWS / perDay);
    const big = ensureImportCsv(ws, OUT_DIR, tag, days, { shiftDays: span, maxRows: DURING_IMPORT_ROWS });
    // One county (a different one each run) reporting the day after everything the copy holds.
    const counties = ws.catalogue.regions
      .filter((r) => r.level === 'county')
      .slice(0, 3)
      .map((r) => Number(r.code));
    const lastAfterBig = bench.firstDay + span + days - 1;
    const small = counties.map((code, i) =>
      ensureImportCsv(ws, OUT_DIR, tag, 1, { shiftDays: lastAfterBig + 1 + i - bench.firstDay, regionCodes: [code] }),
    );
    client = await startCore(copy, suite[0]!.query);
    log('');
    log(`core: ${big.rows.toLocaleString('en')}-row CSV imported through the core while slice queries come in ...`);
    const duringImport = await measureDuringImport(
      client,
      big,
      suite.map((q) => q.query),
    );
    log(
      `core: slice queries during the import: p95 ${ms(duringImport.during_import_p95_ms)} ms, p50 ${ms(duringImport.during_import_p50_ms)} ms, ` +
        `max ${ms(duringImport.during_import_max_ms)} ms (${duringImport.queries_during_import} queries, one every ${duringImport.pace_ms} ms, ${duringImport.answered_during_import} answered before the import; ` +
        `idle p95 ${ms(duringImport.idle_p95_ms)} ms); the import took ${duringImport.import_seconds.toFixed(1)} s (${rate(duringImport.import_rows_per_s)})`,
    );
    const smallImport = await measureFirstQueryAfterSmallImport(client, small, suite[0]!.query, suite[0]!.name);
    log(
      `core: first query (${smallImport.query}) after importing one county-day: ${ms(smallImport.first_query_ms)} ms ` +
        `(median of ${smallImport.runs_ms.length}: ${smallImport.runs_ms.map(ms).join(', ')}; the import itself ${smallImport.import_ms.map(ms).join(', ')} ms; ` +
        `the same query again ${smallImport.second_query_ms.map(ms).join(', ')} ms)`,
    );
    return { duringImport, smallImport };
  } catch (e) {
    log(`core: could not be measured: ${(e as Error).message}`);
    return { error: (e as Error).message };
  } finally {
    await client?.close();
    clean();
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
  const n = parseCount(args.facts);
  const bench = ensureBenchDb(args.db ?? benchDbPath(OUT_DIR, n, sparse), n, log, sparse);
  if (bench.generation) {
    log(
      `generation: ${rate(bench.generation.rowsPerSecond)} (${bench.generation.seconds.toFixed(1)} s${bench.reused ? ', when cached' : ''})`,
    );
  }
  return bench;
}

/** The aggregation requests runSlice sends for `query`, to time the fact source's step alone. */
function recordRequests(resolver: CatalogueResolver, source: FactSource, query: SliceQuery): AggregateRequest[] {
  const requests: AggregateRequest[] = [];
  runSlice(resolver, { aggregate: (r) => (requests.push(r), source.aggregate(r)), coverage: () => source.coverage() }, query);
  return requests;
}

async function runQuery(
  q: BenchQuery,
  resolver: CatalogueResolver,
  engine: FactSource,
  sqlite: SqlFactSource,
  tuned: SqliteTunedEngine,
  duck: DuckDbEngine,
): Promise<QueryReport> {
  const engineResult = runSlice(resolver, engine, q.query);
  const e = canonicalSlice(q.query, engineResult);
  const diffs = {
    sqlite: differences(e, canonicalSlice(q.query, runSlice(resolver, sqlite, q.query))),
    sqlite_tuned: differences(e, canonicalSlice(q.query, tuned.answer(q.query))),
    duckdb: differences(e, canonicalSlice(q.query, await duck.answer(q.query))),
  };
  const toRows: Record<Peer, Timing> = {
    engine: await measure(() => runSlice(resolver, engine, q.query)),
    sqlite: await measure(() => runSlice(resolver, sqlite, q.query)),
    sqlite_tuned: await measure(() => tuned.answer(q.query)),
    duckdb: await measure(() => duck.answer(q.query)),
  };
  let bare: Record<Peer, Timing> | null = null;
  if (!args['no-bare']) {
    const engineRequests = recordRequests(resolver, engine, q.query);
    const sqliteRequests = recordRequests(resolver, sqlite, q.query);
    const tunedSql = tuned.translate(tuned.plan(q.query));
    const duckSql = duck.translate(duck.plan(q.query));
    bare = {
      engine: await measure(() => engineRequests.map((r) => engine.aggregate(r))),
      sqlite: await measure(() => sqliteRequests.map((r) => sqlite.aggregate(r))),
      sqlite_tuned: await measure(() => tuned.run(tunedSql)),
      duckdb: await measure(() => duck.execute(duckSql)),
    };
  }
  return { name: q.name, what: q.what, rows: engineResult.rows.length, toRows, bare, diffs };
}

const WIDTHS = [30, 6, 14, 14, 14, 14, 9, 8, 5];

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
}

function timingText(t: Timing): string {
  return `${ms(t.p50)}/${ms(t.p95)}${t.capped ? '*' : ''}`;
}

function printDifferences(reports: QueryReport[]): void {
  const show = (d: Difference) => `    ${d.key}: ${JSON.stringify(d.a ?? 'missing')} vs ${JSON.stringify(d.b ?? 'missing')}`;
  for (const r of reports) {
    for (const [other, diffs] of Object.entries(r.diffs)) {
      if (diffs.length === 0) continue;
      log(`DIFFERENT RESULTS: ${r.name}, engine vs ${other}: ${diffs.length} rows differ (engine first)`);
      for (const d of diffs.slice(0, 10)) log(show(d));
    }
  }
  if (reports.every((r) => r.bare)) {
    log('');
    log('bare engine p95 in ms (aggregation calls / prepared statement, the query already read):');
    log(pad(['query', '', 'engine', 'sqlite plain', 'sqlite tuned', 'duckdb'], WIDTHS));
    for (const r of reports) log(pad([r.name, '', ...PEERS.map((p) => ms(r.bare![p].p95))], WIDTHS));
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
    runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Omit<ChildResult, 'runs_ms'>);
  }
  const times = runs.map((r) => r.open_first_query_ms);
  const median = runs.find((r) => r.open_first_query_ms === percentile(times, 50))!;
  return { ...median, peak_rss_mb: Math.max(...runs.map((r) => r.peak_rss_mb)), runs_ms: times };
}

interface Figures {
  duringImportP95: number | null;
  firstAfterSmallImport: number | null;
  cliQuery: number | null;
  populatedImport: number | null;
  sortedImport: number | null;
}

function printTargets(
  reports: QueryReport[],
  gm: { engine_ms: number; sqlite_ms: number; sqlite_tuned_ms: number; duckdb_ms: number },
  child: ChildResult | null,
  f: Figures,
): void {
  const slowest = reports.reduce((a, b) => (b.toRows.engine.p95 > a.toRows.engine.p95 ? b : a));
  const check = (ok: boolean | null) => (ok === null ? 'n/a   ' : ok ? 'met   ' : 'MISSED');
  const best = Math.min(gm.sqlite_tuned_ms, gm.duckdb_ms);
  const bestName = gm.sqlite_tuned_ms <= gm.duckdb_ms ? 'tuned SQLite' : 'DuckDB';
  const show = (x: number | null, unit = 'ms') => (x === null ? '-' : `${ms(x)} ${unit}`);
  log('');
  log('targets (issue 12, at 10M facts):');
  log(`  ${check(gm.engine_ms <= best)}  engine geomean ≤ the best peer's (${ms(gm.engine_ms)} vs ${bestName} ${ms(best)} ms)`);
  log(
    `  ${check(slowest.toRows.engine.p95 <= TARGETS.queryP95Ms)}  every query p95 ≤ ${TARGETS.queryP95Ms} ms (slowest: ${slowest.name} ${ms(slowest.toRows.engine.p95)} ms)`,
  );
  log(
    `  ${check(f.duringImportP95 === null ? null : f.duringImportP95 <= TARGETS.duringImportP95Ms)}  query during import p95 ≤ ${TARGETS.duringImportP95Ms} ms (${show(f.duringImportP95)})`,
  );
  log(
    `  ${check(f.firstAfterSmallImport === null ? null : f.firstAfterSmallImport <= TARGETS.firstQueryAfterSmallImportMs)}  first query after a small import ≤ ${TARGETS.firstQueryAfterSmallImportMs} ms (${show(f.firstAfterSmallImport)})`,
  );
  log(
    `  ${check(f.cliQuery === null ? null : f.cliQuery <= TARGETS.cliQueryMs)}  cli query ≤ ${TARGETS.cliQueryMs} ms (${show(f.cliQuery)})`,
  );
  log(
    `  ${check(f.populatedImport === null ? null : f.populatedImport >= TARGETS.populatedImportRowsPerS)}  import into a populated database ≥ ${TARGETS.populatedImportRowsPerS.toLocaleString('en')} rows/s (${f.populatedImport === null ? '-' : rate(f.populatedImport)})`,
  );
  const mismatches = reports.filter((r) => !sameAll(r)).map((r) => r.name);
  log(
    `  ${check(mismatches.length === 0)}  same results on all four engines${mismatches.length ? ` (differ: ${mismatches.join(', ')})` : ''}`,
  );
  log('earlier targets:');
  log(
    `  ${check(gm.sqlite_ms / gm.engine_ms >= TARGETS.speedupVsSqlite)}  ≥ ${TARGETS.speedupVsSqlite}× the plain path, geomean (${(gm.sqlite_ms / gm.engine_ms).toFixed(1)}×)`,
  );
  log(
    `  ${check(child && child.open_first_query_ms <= TARGETS.openFirstQueryMs)}  open + first query ≤ ${TARGETS.openFirstQueryMs} ms (${child ? ms(child.open_first_query_ms) : '-'} ms)`,
  );
  log(
    `  ${check(child && child.peak_rss_mb <= TARGETS.peakRssMb)}  peak RSS ≤ ${TARGETS.peakRssMb} MB (${child ? child.peak_rss_mb.toFixed(0) : '-'} MB, product process)`,
  );
  log(
    `  ${check(f.sortedImport === null ? null : f.sortedImport >= TARGETS.importRowsPerS)}  CSV import into a new database ≥ ${TARGETS.importRowsPerS.toLocaleString('en')} rows/s (${f.sortedImport === null ? '-' : rate(f.sortedImport)})`,
  );
}

await main();
