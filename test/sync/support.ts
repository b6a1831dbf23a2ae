// What the sync tests share: the provincial record filled through the real path (a city's CSV
// uploaded, validated and accepted over the API; undo over the API), figures made from a seed, a running API, local copies compared
// with the server fact by fact, and `campaign sync` run as a child process (asynchronously: the
// API answering it runs in this process).
import type pg from 'pg';
import { addAccount, type Account } from '../../electron/central/accounts';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { CentralClient } from '../../electron/central-client/http-client';
import type { Workspace } from '../../electron/store/workspace';
import { readDayColumns } from '../../electron/store/day-columns';
import { isoDay } from '../../shared/dates';
import type { DecisionJson, SubmitResultJson } from '../../shared/api/central';

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
  const r = await pool.query<{ code: number }>('SELECT code FROM region WHERE city_code = $1 ORDER BY code', [city]);
  return r.rows.map((x) => x.code);
}

/** Facts of `units` × `indicators` × `days`, values from `seed`, a note now and then. */
export function figures(units: number[], indicators: number[], days: number[], seed: number): Row[] {
  const next = seeded(seed);
  const rows: Row[] = [];
  for (const day of days) {
    for (const unit of units) {
      for (const indicator of indicators) {
        // Decimals only where the unit takes them (克, 万元): the import refuses them elsewhere.
        const value = Math.floor(next() * 900) + (indicator === 24 || indicator === 47 ? 0.25 : 0);
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
  /**
   * A return of `city` holding `rows`, uploaded as a CSV by the city's user (POST /api/submissions,
   * validated by the import's code) and accepted by the analyst (POST /api/submissions/accept):
   * the batch it became and its seq.
   */
  accept(city: number, name: string, rows: Row[], options?: { replace?: boolean }): Promise<{ batchId: number; seq: number }>;
  /** POST /api/batches/undo: the seq of the change. */
  undo(batchId: number): Promise<number>;
}

let serial = 0;

/** A long-format return (日期, 地区, 部门, 指标, 数值, 单位, 备注) of `rows`, labelled from the server's catalogue. */
async function returnCsv(pool: pg.Pool, rows: Row[]): Promise<Buffer> {
  const regions = await pool.query<{ code: number; label: string }>(
    "SELECT r.code, CASE WHEN r.level = 'county' THEN c.name || r.name ELSE r.name || '本级' END AS label FROM region r LEFT JOIN region c ON c.code = r.city_code WHERE r.level <> 'province'",
  );
  const indicators = await pool.query<{ id: number; department: string; name: string; unit: string }>(
    'SELECT i.id, d.name AS department, i.name, i.unit FROM indicator i JOIN department d ON d.id = i.department_id',
  );
  const label = new Map(regions.rows.map((r) => [r.code, r.label]));
  const indicator = new Map(indicators.rows.map((i) => [i.id, i]));
  const lines = ['日期,地区,部门,指标,数值,单位,备注'];
  for (const [day, region, id, value, note] of rows) {
    const i = indicator.get(id)!;
    lines.push([isoDay(day), label.get(region)!, i.department, i.name, String(value), i.unit, note ?? ''].join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

async function api(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body: Uint8Array | object,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const raw = body instanceof Uint8Array;
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': raw ? 'application/octet-stream' : 'application/json', ...headers },
    body: raw ? new Uint8Array(body) : JSON.stringify(body),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
  return answer;
}

export async function recordOn(pool: pg.Pool, base: string, password: string): Promise<ServerRecord> {
  const tag = `${process.pid}-${serial++}`;
  const analyst = await addAccount(pool, { name: `fx-${tag}`, role: 'analyst', password, createdBy: 'test' }, NOW);
  const users = new Map<number, Account>();
  const tokens = new Map<string, string>();
  const tokenOf = async (name: string) => {
    let t = tokens.get(name);
    if (!t) {
      const res = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      t = ((await res.json()) as { token: string }).token;
      tokens.set(name, t);
    }
    return t;
  };
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
      const submitted = (await api(
        base,
        'POST',
        `/api/submissions${options.replace ? '?replace=1' : ''}`,
        await tokenOf(by.name),
        await returnCsv(pool, rows),
        {
          'x-file-name': encodeURIComponent(name),
        },
      )) as unknown as SubmitResultJson;
      if (submitted.status !== '待审核')
        throw new Error(`${name}: ${submitted.status} ${JSON.stringify(submitted.problems).slice(0, 500)}`);
      const decided = (await api(base, 'POST', '/api/submissions/accept', await tokenOf(analyst.name), {
        id: submitted.id,
      })) as unknown as DecisionJson;
      const batchId = decided.submission.batch_id!;
      const seq = (
        await pool.query<{ seq: string }>("SELECT seq FROM change_log WHERE batch_id = $1 AND kind = 'batch_accepted'", [batchId])
      ).rows[0]!.seq;
      return { batchId, seq: Number(seq) };
    },
    async undo(batchId) {
      const done = await api(base, 'POST', '/api/batches/undo', await tokenOf(analyst.name), { id: batchId });
      return Number(done.seq);
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
  return ws.db
    .prepare('SELECT day, region_code, indicator_id, value, note FROM fact ORDER BY day, region_code, indicator_id')
    .raw()
    .all() as Row[];
}

/** fact_day_column as [day, region, indicator, value], and the same read from the fact table. */
export function dayColumnsAndFacts(ws: Workspace): { columns: number[][]; facts: number[][] } {
  const columns: number[][] = [];
  for (const d of readDayColumns(ws.db)) {
    for (let i = 0; i < d.values.length; i++) columns.push([d.day, d.regions[i]!, d.indicators[i]!, d.values[i]!]);
  }
  const facts = ws.db
    .prepare('SELECT day, region_code, indicator_id, value FROM fact ORDER BY day, region_code, indicator_id')
    .raw()
    .all() as number[][];
  return { columns, facts };
}
