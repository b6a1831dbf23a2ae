// A one-shot `campaign query`: a fresh process through bin/campaign.js, as an analyst or a script
// runs it, timed by wall clock from spawn to exit.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SliceQuery } from '../shared/api/slice';
import { percentile } from './timing';
import { currentCliBundle } from '../bin/cli-bundle.js';

export interface CliMeasurement {
  /** Median wall time of the runs. */
  cli_query_ms: number;
  runs_ms: number[];
  rows: number;
  args: string[];
  /** Whether the runs went through the built bundle (dist/cli) rather than tsx. */
  bundled: boolean;
}

/** The command-line arguments that ask `query`. */
export function cliArgs(query: SliceQuery): string[] {
  const args: string[] = [];
  if (query.phase !== undefined) args.push('--phase', query.phase);
  if (query.from !== undefined) args.push('--from', query.from);
  if (query.to !== undefined) args.push('--to', query.to);
  for (const r of query.regions ?? []) args.push('--region', r);
  for (const d of query.departments ?? []) args.push('--department', d);
  for (const i of query.indicators ?? []) args.push('--indicator', i);
  for (const k of query.by ?? []) args.push('--by', k);
  if (query.compare) args.push('--compare', query.compare);
  return args;
}

function runOnce(root: string, argv: string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'campaign.js'), ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`campaign query exited ${code}: ${stderr.trim()}`));
      else resolve({ ms, stdout });
    });
  });
}

/** Runs `campaign query` `repeat` times on `dbPath`; checks it returns `expectedRows` rows each time. */
export async function measureCliQuery(
  root: string,
  dbPath: string,
  query: SliceQuery,
  expectedRows: number,
  repeat = 3,
): Promise<CliMeasurement> {
  const argv = ['query', '--db', dbPath, ...cliArgs(query), '--format', 'json'];
  // As installed: the bundle, built now if missing or older than the sources (else the bin runs tsx).
  if (!currentCliBundle(root)) spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'ignore' });
  const bundled = currentCliBundle(root) !== null;
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < repeat; i++) {
    const { ms, stdout } = await runOnce(root, argv);
    rows = (JSON.parse(stdout) as { rows: unknown[] }).rows.length;
    if (rows !== expectedRows) throw new Error(`campaign query returned ${rows} rows, the engine ${expectedRows}`);
    runs.push(ms);
  }
  return { cli_query_ms: percentile(runs, 50), runs_ms: runs, rows, args: argv.slice(3), bundled };
}
