// The `campaign` command for tests. runCli runs it as users run it: `node bin/campaign.js` in a
// child process (the CLI bundle that test/support/setup/cli-bundle.ts builds), so only integration
// tests may use it (runCliAsync: the same without blocking the event loop). runCliInProcess calls the same main() in this process, its output captured:
// no process start, for unit tests. One helper instead of a copy per file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';

/** bin/campaign.js of this checkout. */
export const CAMPAIGN_BIN = join(import.meta.dirname, '..', '..', 'bin', 'campaign.js');

export interface CliResult {
  /** The exit code; null when the process was killed (e.g. by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What the command found in its environment, besides this process's: undefined removes a variable. */
export type CliEnv = Record<string, string | undefined>;

export interface CliOptions {
  /**
   * Added to the environment. The variables that point the command at a database, a server or a
   * passphrase (CAMPAIGN_DB, CAMPAIGN_PG_URL, CAMPAIGN_PASSPHRASE) are cleared unless given here:
   * a developer's own settings never reach a test.
   */
  env?: CliEnv;
  /** Written to the command's standard input. */
  input?: string | Buffer;
  cwd?: string;
  /** Milliseconds before the command is killed (default 120 s). */
  timeout?: number;
  /** The file mode creation mask the command starts with, e.g. 0o022 (default: this process's). */
  umask?: number;
  /** Runs the command as this user and group id (setpriv; the tests run as root). */
  asUser?: number;
}

/** The environment a command gets: this process's, the pointers cleared, then `env`. */
function commandEnv(env: CliEnv = {}): NodeJS.ProcessEnv {
  const full: NodeJS.ProcessEnv = { ...process.env, CAMPAIGN_DB: '', CAMPAIGN_PG_URL: '' };
  delete full.CAMPAIGN_PASSPHRASE;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete full[k];
    else full[k] = v;
  }
  return full;
}

/** The argv that starts `campaign ARGS…`: node directly, or through sh for a umask or another user. */
function commandLine(args: readonly string[], options: CliOptions): [string, string[]] {
  const argv = [process.execPath, CAMPAIGN_BIN, ...args];
  if (options.umask === undefined && options.asUser === undefined) return [argv[0]!, argv.slice(1)];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const umask = options.umask === undefined ? '' : `umask ${options.umask.toString(8).padStart(3, '0')} && `;
  const user = options.asUser === undefined ? '' : `setpriv --reuid=${options.asUser} --regid=${options.asUser} --clear-groups `;
  return ['sh', ['-c', `${umask}exec ${user}${quoted}`]];
}

/** `campaign ARGS…` in a child process, its output captured. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const [file, argv] = commandLine(args, options);
  const r = spawnSync(file, argv, {
    encoding: 'utf8',
    env: commandEnv(options.env),
    input: options.input,
    cwd: options.cwd,
    timeout: options.timeout ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `campaign ARGS… --format json`, parsed; throws with the command's stderr unless it exited 0 and wrote no error. */
export function runCliJson<T>(args: readonly string[], options: CliOptions = {}): T {
  return parsedJson<T>(args, runCli([...args, '--format', 'json'], options));
}

export interface AsyncCliResult extends CliResult {
  /** The signal that killed the command, if one did. */
  signal: NodeJS.Signals | null;
}

export interface AsyncCliOptions {
  env?: CliEnv;
  /** Milliseconds before the command is killed (default 120 s). */
  timeout?: number;
  /** Called with all the command has written to stderr so far, each time it writes there. */
  onStderr?: (text: string, child: ChildProcess) => void;
}

/** runCli without blocking this process's event loop: for commands that talk to a server running in this process. */
export function runCliAsync(args: readonly string[], options: AsyncCliOptions = {}): Promise<AsyncCliResult> {
  const child = spawn(process.execPath, [CAMPAIGN_BIN, ...args], { env: commandEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    options.onStderr?.(stderr, child);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 120_000);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface InProcessResult extends CliResult {
  code: number;
}

/**
 * `campaign ARGS…` in this process: electron/cli/main's main(), what bin/campaign.js runs, with
 * stdout and stderr captured and `env` set (as runCli sets it) for the call only.
 */
export async function runCliInProcess(args: readonly string[], options: { env?: CliEnv } = {}): Promise<InProcessResult> {
  // Loaded on first use: the whole CLI, which the tests that spawn it never need in their process.
  const { main } = await import('../../electron/cli/main');
  const wanted = commandEnv(options.env);
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (!(k in wanted)) delete process.env[k];
  Object.assign(process.env, wanted);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main([...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** runCliJson in this process. */
export async function runCliJsonInProcess<T>(args: readonly string[], options: { env?: CliEnv } = {}): Promise<T> {
  return parsedJson<T>(args, await runCliInProcess([...args, '--format', 'json'], options));
}

function parsedJson<T>(args: readonly string[], r: CliResult): T {
  if (r.code !== 0 || r.stderr !== '') throw new Error(`campaign ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
