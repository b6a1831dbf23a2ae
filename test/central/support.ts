// What the provincial server's tests share: a database of their own on the run's PostgreSQL, the
// `campaign server start` process, and JSON calls to a running API.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { CAMPAIGN_BIN } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/pg-cluster';

/** A fresh database for this test file (made before its tests, dropped after), and a pool on it. */
export function useTestDatabase(): { url(): string; pool(): pg.Pool } {
  let db: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(inject('postgres'));
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  return {
    url: () => db!.url,
    pool: () => pool!,
  };
}

/** A password file in a temp folder (removed at the end of the file). */
const folders: string[] = [];
afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-central-'));
  folders.push(dir);
  return dir;
}
export function passwordFile(password: string): string {
  const path = join(scratchFolder(), 'password.txt');
  writeFileSync(path, password + '\n');
  return path;
}

/** `campaign server start` as a child process; resolves with its URL once it prints it. */
export function startServerProcess(args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [CAMPAIGN_BIN, 'server', 'start', ...args], {
    env: { ...process.env, CAMPAIGN_PG_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /省厅服务器已启动：(https?:\/\/\S+?)（/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before starting:\n${output}`));
    });
  });
}

/** Stops a server process with SIGTERM (a clean stop) and resolves with its exit code. */
export function stopServerProcess(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
