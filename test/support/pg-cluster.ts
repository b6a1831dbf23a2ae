// A throwaway PostgreSQL for the provincial server's tests: initdb into a temp folder owned by the
// `postgres` user (the server refuses to run as root), started on a free port on 127.0.0.1 with its
// socket in that folder, stopped and removed by the global teardown. CAMPAIGN_TEST_PG_URL points
// the tests at an existing server instead (its user needs CREATEDB). Each test file gets a database
// of its own (`testDatabase()`), made from template0 and dropped when the file finishes.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Debian's PostgreSQL programs: 15 where it is there (what the server is tested on), else the newest installed. */
function debianPgBin(): string {
  const root = '/usr/lib/postgresql';
  const preferred = join(root, '15', 'bin');
  if (existsSync(join(preferred, 'initdb'))) return preferred;
  let versions: number[] = [];
  try {
    versions = readdirSync(root)
      .map(Number)
      .filter((v) => Number.isInteger(v) && existsSync(join(root, String(v), 'bin', 'initdb')));
  } catch {
    // no PostgreSQL installed: startThrowawayCluster says so
  }
  return versions.length > 0 ? join(root, String(Math.max(...versions)), 'bin') : preferred;
}

export const PG_BIN = process.env.CAMPAIGN_TEST_PG_BIN ?? debianPgBin();

/** What the global setup hands the tests: a server's maintenance URL, or why there is none. */
export type PgProvision = { url: string } | { error: string };

export interface ThrowawayCluster {
  url: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Runs a PostgreSQL program: as `postgres` when we are root (PostgreSQL refuses root), else as ourselves. */
function pgCommand(bin: string, program: string, args: string[], asPostgres: boolean): [string, string[]] {
  const path = join(bin, program);
  return asPostgres ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/** Asynchronous, so that the global setup builds the demo database while initdb runs. */
async function runPg(bin: string, program: string, args: string[], asPostgres: boolean): Promise<void> {
  const [file, argv] = pgCommand(bin, program, args, asPostgres);
  await promisify(execFile)(file, argv, { timeout: 60_000 });
}

function runPgSync(bin: string, program: string, args: string[], asPostgres: boolean): void {
  const [file, argv] = pgCommand(bin, program, args, asPostgres);
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

export async function startThrowawayCluster(bin: string = PG_BIN): Promise<ThrowawayCluster> {
  if (!existsSync(join(bin, 'initdb'))) {
    throw new Error(
      `PostgreSQL 程序不在 ${bin}（找不到 initdb）：请安装 Debian 的 postgresql 软件包（apt-get install postgresql，.ci/run 会安装），` +
        '或用 CAMPAIGN_TEST_PG_URL 指向一个已有的 PostgreSQL（其用户须能建库）。',
    );
  }
  const root = process.getuid?.() === 0;
  const owner = root ? uidOf('postgres') : null;
  if (root && owner === null) throw new Error('以 root 运行测试时须有系统用户 postgres（安装 postgresql 软件包即有）');
  const dir = mkdtempSync(join(tmpdir(), 'campaign-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  mkdirSync(socket);
  if (owner) {
    for (const path of [dir, socket]) chownSync(path, owner.uid, owner.gid);
  }
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    // No fsync anywhere: the cluster lives for one test run.
    await runPg(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], owner !== null);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
      try {
        await runPg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start'], owner !== null);
      } catch (e) {
        lastError = e; // the port was taken between our probe and the start: try another
        continue;
      }
      const stop = () => {
        try {
          runPgSync(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], owner !== null);
        } finally {
          cleanup();
        }
      };
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
    }
    throw lastError;
  } catch (e) {
    cleanup();
    const stderr = e instanceof Error && 'stderr' in e ? String(e.stderr) : '';
    throw new Error(`无法启动测试用的 PostgreSQL：${e instanceof Error ? e.message : String(e)}\n${stderr}`, { cause: e });
  }
}

/** The global setup's part: a server for the run (started here, or the one CAMPAIGN_TEST_PG_URL names). */
export async function provisionPostgres(): Promise<{ provision: PgProvision; stop: () => void }> {
  const given = process.env.CAMPAIGN_TEST_PG_URL;
  if (given) return { provision: { url: given }, stop: () => {} };
  try {
    const cluster = await startThrowawayCluster();
    return { provision: { url: cluster.url }, stop: () => cluster.stop() };
  } catch (e) {
    // Not thrown here, which would fail every test of the run: the PostgreSQL tests fail with it.
    return { provision: { error: e instanceof Error ? e.message : String(e) }, stop: () => {} };
  }
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the run's server (made from template0: fast, and no leftovers of template1). */
export async function createTestDatabase(provision: PgProvision): Promise<TestDatabase> {
  if ('error' in provision) throw new Error(provision.error);
  const name = `campaign_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: provision.url });
  await admin.connect();
  try {
    // FILE_COPY (PostgreSQL 15+) copies the small template in a fraction of WAL_LOG's time.
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' STRATEGY FILE_COPY`);
    } catch {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    }
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(provision.url, name),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: provision.url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
