// Fault runs (issue 14 §3): `campaign server start` killed with SIGKILL — no cleanup of any kind —
// at points a test hook makes reproducible (electron/central/test-pause.ts): inside a submission's
// transaction after part of its rows are written, and while a workstation's sync is paging a
// batch's facts. Afterwards: no half submission on the server, the city's resubmission works, the
// interrupted sync failed with a clear message leaving a consistent copy, and the next sync
// completes and equals the server.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { migrateCentral } from '../../electron/central/schema';
import { CentralClient } from '../../electron/central-client/http-client';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { syncDatabase } from '../../electron/sync/sync-database';
import { UserError } from '../../shared/errors';
import type { DecisionJson, SubmitResultJson } from '../../shared/api/central';
import { startServer, type RunningServer } from '../../bench/server/deployment';
import { planCities, ReturnGenerator, type CityPlan, type ReturnFile } from '../../bench/server/returns';
import { scratchFolder, useTestDatabase } from './support';

const db = useTestDatabase();
const CITY = { name: 'bs.jincheng', password: '晋城-报送口令-8812' };
const ANALYST = { name: 'fx.zhao', password: '省厅-分析口令-4471' };
const HOOKS = { CAMPAIGN_TEST_HOOKS: '1' };

let folder: string;
let catalogueWs: Workspace;
let city: CityPlan;
let generator: ReturnGenerator;
const running: RunningServer[] = [];

/** The server with a pause armed; resolves once it has started, and `paused` once the pause is reached. */
async function serverPausingAt(point: string): Promise<{ server: RunningServer; paused: Promise<void> }> {
  let seen = '';
  let onPaused: () => void = () => undefined;
  const paused = new Promise<void>((resolve) => (onPaused = resolve));
  const server = await startServer(db.url(), { ...HOOKS, CAMPAIGN_TEST_SERVER_PAUSE: point }, (text) => {
    seen += text;
    if (seen.includes(`SERVER-PAUSED ${point.split(':')[0]}`)) onPaused();
  });
  running.push(server);
  return { server, paused };
}

async function plainServer(): Promise<RunningServer> {
  const server = await startServer(db.url());
  running.push(server);
  return server;
}

async function loggedIn(url: string, who: { name: string; password: string }): Promise<CentralClient> {
  const client = new CentralClient(url);
  await client.login(who.name, who.password);
  return client;
}

async function submit(client: CentralClient, file: ReturnFile): Promise<SubmitResultJson> {
  return client.postFile<SubmitResultJson>('/api/submissions', file.name, file.bytes);
}

/** Transactions left open on the database (a paused request's, until its server dies). */
async function openTransactions(): Promise<number> {
  const r = await db
    .pool()
    .query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()",
    );
  return Number(r.rows[0]!.n);
}

/** Rows ever inserted into submission_fact, committed or not (PostgreSQL's statistics, reported when a transaction ends). */
async function insertedSubmissionFacts(): Promise<number> {
  const r = await db.pool().query<{ n: string }>("SELECT n_tup_ins AS n FROM pg_stat_user_tables WHERE relname = 'submission_fact'");
  return Number(r.rows[0]?.n ?? 0);
}

/** The open transaction of another session holds a write lock on submission_fact: it has inserted into it. */
async function submissionFactWriteLocked(): Promise<boolean> {
  const r = await db.pool().query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE c.relname = 'submission_fact' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()`,
  );
  return Number(r.rows[0]!.n) > 0;
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every submission complete: its submission_fact rows are as many as it says. */
async function halfSubmissions(): Promise<{ id: string; row_count: number; facts: string }[]> {
  const r = await db
    .pool()
    .query<{ id: string; row_count: number; facts: string }>(
      `SELECT s.id, s.row_count, (SELECT count(*) FROM submission_fact f WHERE f.submission_id = s.id) AS facts FROM submission s`,
    );
  return r.rows.filter((s) => Number(s.facts) !== s.row_count);
}

function localFacts(ws: Workspace): string[] {
  return (
    ws.db.prepare('SELECT day, region_code, indicator_id, value FROM fact ORDER BY day, region_code, indicator_id').all() as {
      day: number;
      region_code: number;
      indicator_id: number;
      value: number;
    }[]
  ).map((f) => `${f.day}|${f.region_code}|${f.indicator_id}|${f.value}`);
}

async function serverFacts(where = 'TRUE', params: unknown[] = []): Promise<string[]> {
  const r = await db
    .pool()
    .query<{ day: number; region_code: number; indicator_id: number; value: number }>(
      `SELECT day, region_code, indicator_id, value FROM fact WHERE ${where} ORDER BY day, region_code, indicator_id`,
      params,
    );
  return r.rows.map((f) => `${f.day}|${f.region_code}|${f.indicator_id}|${f.value}`);
}

beforeAll(async () => {
  await migrateCentral(db.pool());
  const now = new Date();
  await addAccount(db.pool(), { name: CITY.name, role: 'city', region: '晋城市', password: CITY.password, createdBy: 'test' }, now);
  await addAccount(db.pool(), { name: ANALYST.name, role: 'analyst', password: ANALYST.password, createdBy: 'test' }, now);
  folder = scratchFolder();
  catalogueWs = openWorkspace(join(folder, 'catalogue.db'));
  city = planCities(catalogueWs.catalogue, catalogueWs.resolver).find((c) => c.name === '晋城市')!;
  generator = new ReturnGenerator(catalogueWs.catalogue);
});

afterAll(async () => {
  for (const s of running) await s.kill9();
  catalogueWs?.close();
});

// 2025-03-01 onwards: days no other test of this file uses.
const DAY = 20_148;

describe('kill -9 of the server', () => {
  it('during a submission: no half submission is left, and the resubmission works', async () => {
    // Ten days in one file: more rows than one INSERT of the server writes, so the pause falls
    // between two of them.
    const file = await generator.buildSpan(
      city,
      Array.from({ length: 10 }, (_, i) => DAY - 10 + i),
      0,
    );
    expect(file.facts.length).toBeGreaterThan(2000);
    const insertedBefore = await insertedSubmissionFacts();
    const { server, paused } = await serverPausingAt('submission-rows');
    const client = await loggedIn(server.url, CITY);
    const upload = submit(client, file);
    upload.catch(() => undefined);
    await paused;
    // The submission's transaction is open, with part of its rows written, and nothing is visible.
    expect(await openTransactions()).toBe(1);
    expect(await submissionFactWriteLocked()).toBe(true);
    expect(Number((await db.pool().query<{ n: string }>('SELECT count(*) AS n FROM submission')).rows[0]!.n)).toBe(0);

    await server.kill9();
    const failure = await upload.then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toMatch(/连接|中断|无法连接/);
    // PostgreSQL rolls the dead connection's transaction back once it sees the socket close.
    await until('the killed transaction to end', async () => (await openTransactions()) === 0);
    // It had written the first 2,000 rows (one INSERT) and not the rest; all of them rolled back.
    await until('the dead session to report its inserts', async () => (await insertedSubmissionFacts()) > insertedBefore);
    expect((await insertedSubmissionFacts()) - insertedBefore).toBe(2000);
    expect(await halfSubmissions()).toEqual([]);
    expect(Number((await db.pool().query<{ n: string }>('SELECT count(*) AS n FROM submission')).rows[0]!.n)).toBe(0);
    expect(Number((await db.pool().query<{ n: string }>('SELECT count(*) AS n FROM submission_fact')).rows[0]!.n)).toBe(0);

    // Restarted (on another port): the city logs in again and the same file goes in whole.
    const again = await plainServer();
    const city2 = await loggedIn(again.url, CITY);
    const result = await submit(city2, file);
    expect(result).toMatchObject({ status: '待审核', rows: file.facts.length });
    expect(await halfSubmissions()).toEqual([]);
    const analyst = await loggedIn(again.url, ANALYST);
    const decided = await analyst.postJson<DecisionJson>('/api/submissions/accept', { id: result.id });
    expect(decided.submission.status).toBe('已采用');
    expect((await serverFacts()).length).toBe(file.facts.length);
    await again.stop();
  });

  it('during a sync: the sync fails clearly with a consistent copy, and the next sync completes and equals', async () => {
    // Four more accepted returns, through a server without hooks.
    const server = await plainServer();
    const cityClient = await loggedIn(server.url, CITY);
    const analyst = await loggedIn(server.url, ANALYST);
    for (let d = 1; d <= 4; d++) {
      const r = await submit(cityClient, await generator.build(city, DAY + d, 0));
      expect(r.status).toBe('待审核');
      await analyst.postJson('/api/submissions/accept', { id: r.id });
    }
    expect(await server.stop()).toBe(0);
    const seqs = (
      await db
        .pool()
        .query<{ seq: string; batch_id: string; fact_count: number }>(
          'SELECT c.seq, c.batch_id, b.fact_count FROM change_log c JOIN batch b ON b.id = c.batch_id ORDER BY c.seq',
        )
    ).rows;
    // Five when the first test left its batch, four when it ran alone.
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    const last = seqs[seqs.length - 1]!;

    // The server dies while serving the second page of the third batch's facts (pages of 100).
    const PAGE = 100;
    const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
    expect(seqs[2]!.fact_count).toBeGreaterThan(PAGE);
    const pauseAt = pages(seqs[0]!.fact_count) + pages(seqs[1]!.fact_count) + 2;
    const ws = openWorkspace(join(folder, 'analyst.db'));
    try {
      const { server: pausing, paused } = await serverPausingAt(`batch-facts:${pauseAt}`);
      const client = await loggedIn(pausing.url, ANALYST);
      const sync = syncDatabase(ws, client, undefined, { factsPageSize: PAGE });
      sync.catch(() => undefined);
      await paused;
      await pausing.kill9();
      const failure = await sync.then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(UserError);
      const message = (failure as Error).message;
      expect(message).toMatch(/连接/);
      expect(message).toContain('已完成的 2 项变更已保存');
      // Consistent: last_seq is the second change, and the copy holds exactly the first two batches.
      const state = ws.db.prepare('SELECT last_seq FROM sync_state').get() as { last_seq: number };
      expect(state.last_seq).toBe(Number(seqs[1]!.seq));
      expect(ws.db.prepare('SELECT count(*) FROM server_batch').pluck().get()).toBe(2);
      expect(localFacts(ws)).toEqual(await serverFacts('batch_id IN ($1, $2)', [seqs[0]!.batch_id, seqs[1]!.batch_id]));

      // Restarted: the next sync takes the other three and the copy equals the server.
      const again = await plainServer();
      const outcome = await syncDatabase(ws, await loggedIn(again.url, ANALYST), undefined, { factsPageSize: PAGE });
      expect(outcome.result).toMatchObject({ from_seq: Number(seqs[1]!.seq), to_seq: Number(last.seq), batches_added: seqs.length - 2 });
      expect(localFacts(ws)).toEqual(await serverFacts());
      expect(ws.db.prepare('SELECT count(*) FROM server_batch').pluck().get()).toBe(seqs.length);
      // And again: nothing new, nothing changed.
      const idle = await syncDatabase(ws, await loggedIn(again.url, ANALYST));
      expect(idle.result.batches_added).toBe(0);
      expect(localFacts(ws)).toEqual(await serverFacts());
      await again.stop();
    } finally {
      ws.close();
    }
  });
});
