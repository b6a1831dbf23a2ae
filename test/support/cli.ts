// The `campaign` command for tests, run as users run it: `node bin/campaign.js` in a child process
// (the CLI bundle that test/support/setup/cli-bundle.ts builds). One helper instead of a copy per file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** bin/campaign.js of this checkout. */
export const CAMPAIGN_BIN = join(import.meta.dirname, '..', '..', 'bin', 'campaign.js');

export interface CliResult {
  /** The exit code; null when the process was killed (e.g. by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the environment; CAMPAIGN_DB and CAMPAIGN_PG_URL are cleared unless given here. */
  env?: Record<string, string>;
  /** Written to the command's standard input. */
  input?: string | Buffer;
  cwd?: string;
  /** Milliseconds before the command is killed (default 120 s). */
  timeout?: number;
}

/** `campaign ARGS…` in a child process, its output captured. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CAMPAIGN_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CAMPAIGN_DB: '', CAMPAIGN_PG_URL: '', ...options.env },
    input: options.input,
    cwd: options.cwd,
    timeout: options.timeout ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `campaign ARGS… --format json`, parsed; throws with the command's stderr unless it exited 0 and wrote no error. */
export function runCliJson<T>(args: readonly string[], options: CliOptions = {}): T {
  const r = runCli([...args, '--format', 'json'], options);
  if (r.code !== 0 || r.stderr !== '') throw new Error(`campaign ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
