// The server the bench (and the fault tests) run against, set up as a province would: a database on
// a PostgreSQL (a throwaway cluster, or the one --pg names), `campaign server init`, accounts made
// with `campaign server user add`, and `campaign server start` as a child process on a free port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentCliBundle } from '../../bin/cli-bundle.js';
import { createTestDatabase, startThrowawayCluster, type TestDatabase, type ThrowawayCluster } from '../../test/support/pg-cluster';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CAMPAIGN_BIN = join(ROOT, 'bin', 'campaign.js');

/** The CLI bundle rebuilt when the sources changed, so `campaign` runs as users run it (and starts fast). */
export function ensureCliBundle(): void {
  if (!currentCliBundle(ROOT)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `campaign ARGS` as a child process (asynchronous, so several can run at once). */
export function runCampaign(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CAMPAIGN_BIN, ...args], {
      env: { ...process.env, CAMPAIGN_DB: '', CAMPAIGN_PG_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

export async function mustRun(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCampaign(args, env);
  if (r.status !== 0) throw new Error(`campaign ${args.slice(0, 3).join(' ')} … failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A PostgreSQL database of its own: on a throwaway cluster, or on the server `pgUrl` names. */
export async function benchDatabase(pgUrl: string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  let cluster: ThrowawayCluster | null = null;
  const maintenance = pgUrl ?? (cluster = await startThrowawayCluster()).url;
  let db: TestDatabase;
  try {
    db = await createTestDatabase({ url: maintenance });
  } catch (e) {
    cluster?.stop();
    throw e;
  }
  return {
    url: db.url,
    async close() {
      try {
        await db.drop();
      } finally {
        cluster?.stop();
      }
    },
  };
}

export interface BenchAccount {
  name: string;
  role: 'admin' | 'analyst' | 'city' | 'inspector';
  region?: string;
  password: string;
  passwordFile: string;
}

/** Accounts added through `campaign server user add`, a few at a time. */
export async function addAccounts(
  pg: string,
  folder: string,
  accounts: Omit<BenchAccount, 'passwordFile'>[],
  parallel = 3,
): Promise<BenchAccount[]> {
  mkdirSync(folder, { recursive: true });
  const made = accounts.map((a) => {
    const passwordFile = join(folder, `${a.name}.pw`);
    writeFileSync(passwordFile, a.password + '\n', { mode: 0o600 });
    return { ...a, passwordFile };
  });
  const queue = [...made];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        await mustRun([
          'server',
          'user',
          'add',
          '--pg',
          pg,
          '--name',
          a.name,
          '--role',
          a.role,
          ...(a.region ? ['--region', a.region] : []),
          '--password-file',
          a.passwordFile,
        ]);
      }
    }),
  );
  return made;
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (kill -9): no cleanup of any kind. */
  kill9(): Promise<void>;
}

/** `campaign server start` on a free port (port 0: the system picks one; the URL is read from its output). */
export function startServer(pg: string, env: Record<string, string> = {}, onOutput?: (text: string) => void): Promise<RunningServer> {
  const child = spawn(process.execPath, [CAMPAIGN_BIN, 'server', 'start', '--pg', pg, '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, CAMPAIGN_PG_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    let started = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      onOutput?.(text);
      const m = /省厅服务器已启动：(https?:\/\/\S+?)（/.exec(output);
      if (m && !started) {
        started = true;
        clearTimeout(timer);
        resolvePromise({
          url: m[1]!,
          child,
          output: () => output,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
          async kill9() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`server exited (${code}) before starting:\n${output}`));
    });
  });
}
