// Run in a fresh process by run.ts: open an existing database, get the product engine, answer the
// first query; report milliseconds since process start (performance.now() counts from the process's
// time origin). Then, when given the suite, answer every query a few times as the workstation
// would and report the process's peak RSS: the product's memory, without the benchmark's DuckDB.
//   node --import tsx bench/open-first-query.ts DB QUERIES.json
const scriptStartMs = performance.now(); // node start-up and the tsx loader come before this line
export {};

const [dbPath, queriesPath] = process.argv.slice(2);
if (!dbPath || !queriesPath) {
  console.error('usage: open-first-query.ts DB QUERIES.json');
  process.exit(2);
}
// Imported here, not at the top, so their loading counts in the times below.
const { readFileSync } = await import('node:fs');
const { openWorkspace } = await import('../electron/store/workspace');
const { createFactSource } = await import('../electron/query/engine');
const { runSlice } = await import('../electron/query/slice');
type Queries = import('../shared/api/slice').SliceQuery[];
const modulesMs = performance.now();

const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as Queries;
const ws = openWorkspace(dbPath);
const openedMs = performance.now();
const source = createFactSource(ws);
const engineMs = performance.now();
const first = runSlice(ws.resolver, source, queries[0]!);
const firstQueryMs = performance.now();
const firstRssMb = process.resourceUsage().maxRSS / 1024;

let suiteMs = 0;
const repeat = 3;
for (let i = 0; i < repeat; i++) {
  const t = performance.now();
  for (const q of queries) runSlice(ws.resolver, source, q);
  suiteMs = Math.max(suiteMs, performance.now() - t);
}
ws.close();

console.log(
  JSON.stringify({
    script_start_ms: scriptStartMs,
    modules_loaded_ms: modulesMs,
    opened_ms: openedMs,
    engine_created_ms: engineMs,
    open_first_query_ms: firstQueryMs,
    first_query_only_ms: firstQueryMs - engineMs,
    first_query_rows: first.rows.length,
    rss_after_first_query_mb: firstRssMb,
    suite_queries: queries.length,
    suite_pass_ms: suiteMs,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
