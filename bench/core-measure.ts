// Slice queries through the product's core — the worker thread the window and the web mode call,
// by the same CoreClient — while it imports, and right after a small import. Measures what the
// product does, whatever that is: if the core answers queries only after an import, the waits are
// the figures.
import { parseOperationInput } from '../shared/api/parse-input';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CoreClient } from '../electron/core/core-client';
import type { OperationInput, OperationName, OperationResults } from '../shared/api/operations';
import type { SliceQuery } from '../shared/api/slice';
import type { ImportCsv } from './import-throughput';
import { percentile } from './timing';

export interface DuringImportMeasurement {
  /** The same queries through the core with nothing else running, for reference. */
  idle_p95_ms: number;
  /** Queries issued, one every `pace_ms`, from the import's start until its answer. */
  during_import_p95_ms: number;
  during_import_p50_ms: number;
  during_import_max_ms: number;
  queries_during_import: number;
  /** Of those, answered before the import's own answer came (the core answers reads while it writes). */
  answered_during_import: number;
  pace_ms: number;
  import_rows: number;
  import_seconds: number;
  /** The import's own rate while the queries came in (file sent to the core included). */
  import_rows_per_s: number;
}

export interface SmallImportMeasurement {
  /** Median over the runs: the first slice query after importing one county-day. */
  first_query_ms: number;
  runs_ms: number[];
  import_ms: number[];
  /** The same query answered again right after, for reference. */
  second_query_ms: number[];
  query: string;
}

async function call<K extends OperationName>(client: CoreClient, op: K, input: OperationInput<K>): Promise<OperationResults[K]> {
  const outcome = await client.call(op, parseOperationInput(op, input));
  if (!outcome.ok) throw new Error(`core ${op}: ${outcome.error.message}`);
  return outcome.result;
}

const fileInput = (csv: ImportCsv) => ({ files: [{ name: basename(csv.path), bytes: new Uint8Array(readFileSync(csv.path)) }] });

async function timedQuery(client: CoreClient, query: SliceQuery): Promise<number> {
  const t0 = performance.now();
  await call(client, 'query', query);
  return performance.now() - t0;
}

/** Starts a core on `dbPath` and waits until its slice engine has answered once. */
export async function startCore(dbPath: string, warmQuery: SliceQuery): Promise<CoreClient> {
  const client = new CoreClient({ dbPath });
  await client.ready;
  await call(client, 'query', warmQuery);
  return client;
}

/** Imports `csv` through the core while issuing `queries` (cycling) every `paceMs`. */
export async function measureDuringImport(
  client: CoreClient,
  csv: ImportCsv,
  queries: SliceQuery[],
  paceMs = 50,
): Promise<DuringImportMeasurement> {
  const idle: number[] = [];
  for (let round = 0; round < 2; round++) for (const q of queries) idle.push(await timedQuery(client, q));

  const input = fileInput(csv);
  const t0 = performance.now();
  let importDone = false;
  let answeredBefore = 0;
  const importing = call(client, 'import', input).then((report) => {
    importDone = true;
    if (!report.ok)
      throw new Error(
        `core import refused: ${report.errors
          .slice(0, 3)
          .map((e) => e.reason)
          .join(' | ')}`,
      );
    return performance.now();
  });
  const latencies: Promise<number>[] = [];
  for (let n = 0; !importDone; n++) {
    latencies.push(
      timedQuery(client, queries[n % queries.length]!).then((ms) => {
        if (!importDone) answeredBefore++;
        return ms;
      }),
    );
    await Promise.race([importing, new Promise((resolve) => setTimeout(resolve, paceMs))]);
  }
  const importEnd = await importing;
  const during = await Promise.all(latencies);
  const seconds = (importEnd - t0) / 1000;
  return {
    idle_p95_ms: percentile(idle, 95),
    during_import_p95_ms: percentile(during, 95),
    during_import_p50_ms: percentile(during, 50),
    during_import_max_ms: Math.max(...during),
    queries_during_import: during.length,
    answered_during_import: answeredBefore,
    pace_ms: paceMs,
    import_rows: csv.rows,
    import_seconds: seconds,
    import_rows_per_s: csv.rows / seconds,
  };
}

/** For each CSV (one county-day each): import it through the core, then time the first query. */
export async function measureFirstQueryAfterSmallImport(
  client: CoreClient,
  csvs: ImportCsv[],
  query: SliceQuery,
  name: string,
): Promise<SmallImportMeasurement> {
  const runs: number[] = [];
  const imports: number[] = [];
  const seconds: number[] = [];
  for (const csv of csvs) {
    const t0 = performance.now();
    const report = await call(client, 'import', fileInput(csv));
    if (!report.ok || report.files[0]?.facts !== csv.rows)
      throw new Error(`core import of ${basename(csv.path)} did not write its ${csv.rows} facts`);
    imports.push(performance.now() - t0);
    runs.push(await timedQuery(client, query));
    seconds.push(await timedQuery(client, query));
  }
  return { first_query_ms: percentile(runs, 50), runs_ms: runs, import_ms: imports, second_query_ms: seconds, query: name };
}
