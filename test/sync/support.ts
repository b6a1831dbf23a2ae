// What the sync tests share: the provincial record filled through its real accept and undo
// (electron/central/record.ts), figures made from a seed, a running API, local copies compared
// with the server fact by fact, and `campaign sync` run as a child process (asynchronously: the
// API answering it runs in this process).
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { addAccount, type Account } from '../../electron/central/accounts';
import { inTransaction } from '../../electron/central/pg-pool';
import { acceptIntoRecord, undoInRecord } from '../../electron/central/record';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { CentralClient } from '../../electron/central-client/http-client';
import type { Workspace } from '../../electron/store/workspace';
import { readDayColumns } from '../../electron/store/day-columns';
import { BIN } from '../central/support';

export const NOW = new Date('2025-07-14T02:00:00Z');

/** [day, region, indicator, value, note] as the record and the copy hold them. */
export type Row = [number, number, number, number, string | null];

/** A small deterministic generator (figures nobody has seen: not the examples). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A city's reporting units: its counties and its own unit (市本级). */
export async function unitsOf(pool: pg.Pool, city: number): Promise<number[]> {
  const r = await pool.query<{ code: number }>("SELECT code FROM region WHERE city_code = $1 ORDER BY code", [city]);
  return r.rows.map((x) => x.code);
}

/** Facts of `units` × `indicators` × `days`, values from `seed`, a note now and then. */
export function figures(units: number[], indicators: number[], days: number[], seed: number): Row[] {
  const next = seeded(seed);
  const rows: Row[] = [];
  for (const day of days) {
    for (const unit of units) {
      for (const indicator of indicators) {
        const value = Math.floor(next() * 900) + (indicator % 3 === 0 ? 0.5 : 0);
        rows.push([day, unit, indicator, value, next() < 0.05 ? `核实${Math.floor(next() * 100)}` : null]);
      }
    }
  }
  return rows;
}

export interface ServerRecord {
  pool: pg.Pool;
  analyst: Account;
  /** A city user per city code, made on first use. */
  cityUser(city: number): Promise<Account>;
  /** A 待审核 submission of `city` holding `rows`, accepted through record.ts: the batch and its seq. */
  accept(city: number, name: string, rows: Row[], options?: { replace?: boolean }): Promise<{ batchId: number; seq: number }>;
  undo(batchId: number): Promise<number>;
}

let serial = 0;

export async function recordOn(pool: pg.Pool, password: string): Promise<ServerRecord> {
  const tag = `${process.pid}-${serial++}`;
  const analyst = await addAccount(pool, { name: `fx-${tag}`, role: 'analyst', password, createdBy: 'test' }, NOW);
  const users = new Map<number, Account>();
  const cityUser = async (city: number) => {
    let u = users.get(city);
    if (!u) {
      const name = (await pool.query<{ name: string }>('SELECT name FROM region WHERE code = $1', [city])).rows[0]!.name;
      u = await addAccount(pool, { name: `bs-${city}-${tag}`, role: 'city', region: name, password, createdBy: 'test' }, NOW);
      users.set(city, u);
    }
    return u;
  };
  return {
    pool,
    analyst,
    cityUser,
    async accept(city, name, rows, options = {}) {
      const by = await cityUser(city);
      const r = await pool.query<{ id: string }>(
        `INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, replace_existing, status, row_count, report, submitted_at)
         VALUES ('return', $1, $2, $3, $4, $5, $6, '待审核', $7, '[]', $8) RETURNING id`,
        [by.id, city, name, `sha-${tag}-${name}`, Buffer.from(name), options.replace ?? false, rows.length, NOW],
      );
      const id = Number(r.rows[0]!.id);
      // One multi-row insert per 1000 rows: batches of thousands of facts stay quick.
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const values = part.map((_, k) => `($1, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}, $${k * 5 + 5}, $${k * 5 + 6})`).join(', ');
        await pool.query(`INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value, note) VALUES ${values}`, [id, ...part.flat()]);
      }
      const done = await inTransaction(pool, (c) => acceptIntoRecord(c, id, analyst.id, NOW));
      return { batchId: done.batchId, seq: done.seq };
    },
    async undo(batchId) {
      return (await inTransaction(pool, (c) => undoInRecord(c, batchId, analyst.id, NOW))).seq;
    },
  };
}

export async function startApi(pool: pg.Pool): Promise<CentralServer> {
  return startCentralServer({ pool, logBug: (id, e) => process.stderr.write(`bug ${id}: ${e instanceof Error ? e.stack : String(e)}\n`) });
}

export async function loggedIn(url: string, user: string, password: string): Promise<CentralClient> {
  const client = new CentralClient(url);
  await client.login(user, password);
  return client;
}

/** The server's current facts (of one city, or all), sorted by key. */
export async function serverFacts(pool: pg.Pool, city: number | null = null): Promise<Row[]> {
  const r = await pool.query<{ day: number; region_code: number; indicator_id: number; value: number; note: string | null }>(
    `SELECT f.day, f.region_code, f.indicator_id, f.value, f.note FROM fact f JOIN region r ON r.code = f.region_code
      WHERE $1::integer IS NULL OR r.city_code = $1 ORDER BY f.day, f.region_code, f.indicator_id`,
    [city],
  );
  return r.rows.map((f) => [f.day, f.region_code, f.indicator_id, f.value, f.note]);
}

/** The copy's facts of server batches only (local-only imports left out), sorted by key. */
export function localServerFacts(ws: Workspace): Row[] {
  return ws.db
    .prepare(
      `SELECT f.day, f.region_code, f.indicator_id, f.value, f.note FROM fact f
        WHERE EXISTS (SELECT 1 FROM server_batch s WHERE s.batch_id = f.batch_id) ORDER BY f.day, f.region_code, f.indicator_id`,
    )
    .raw()
    .all() as Row[];
}

export function localFacts(ws: Workspace): Row[] {
  return ws.db.prepare('SELECT day, region_code, indicator_id, value, note FROM fact ORDER BY day, region_code, indicator_id').raw().all() as Row[];
}

/** fact_day_column as [day, region, indicator, value], and the same read from the fact table. */
export function dayColumnsAndFacts(ws: Workspace): { columns: number[][]; facts: number[][] } {
  const columns: number[][] = [];
  for (const d of readDayColumns(ws.db)) {
    for (let i = 0; i < d.values.length; i++) columns.push([d.day, d.regions[i]!, d.indicators[i]!, d.values[i]!]);
  }
  const facts = ws.db.prepare('SELECT day, region_code, indicator_id, value FROM fact ORDER BY day, region_code, indicator_id').raw().all() as number[][];
  return { columns, facts };
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `campaign ARGS` as a child process, not blocking this process's event loop (the API runs here). */
export function runCampaign(args: string[], env: { [k: string]: string } = {}, onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CAMPAIGN_DB: '', CAMPAIGN_PG_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    onStderr?.(stderr, child);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
