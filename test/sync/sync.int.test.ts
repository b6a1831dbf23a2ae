// Workstation sync against a real PostgreSQL and real SQLite files: the feed's paging and city
// scope, a first and an incremental sync, idempotence, undone batches and the figures they put
// back, local-only imports kept local, a city's copy holding its city only, refusals (another
// server, another scope, a 督导包), a connection cut mid-sync, a `campaign sync` killed mid-way, and
// two workstations agreeing with the server's own aggregates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import pg from 'pg';
import { migrateCentral } from '../../electron/central/schema';
import type { CentralServer } from '../../electron/central/api-server';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { syncDatabase, syncStateOf } from '../../electron/sync/sync-database';
import { applyBatchAccepted } from '../../electron/sync/apply-change';
import { listBatches } from '../../electron/store/facts/undo';
import { createCoreEntry } from '../../electron/core/entry';
import { isoDay } from '../../shared/dates';
import type { SyncProgress, SyncResult } from '../../shared/api/central';
import type { BatchFactsJson, ChangesJson } from '../../shared/api/sync-feed';
import { createTestDatabase, type TestDatabase } from '../support/pg-cluster';
import { runCliAsync } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { returnsCsv } from '../support/returns-csv';
import { call, passwordFile, startServerProcess, useTestDatabase } from '../central/support';
import {
  dayColumnsAndFacts,
  figures,
  localFacts,
  localServerFacts,
  loggedIn,
  recordOn,
  serverFacts,
  startApi,
  unitsOf,
  type ServerRecord,
} from './support';

const TAIYUAN = 140100;
const DATONG = 140200;
const JINZHONG = 140700;
const PASSWORD = 'tb-sync-pass-4417';
const D0 = 20_251; // 2025-06-13

const db = useTestDatabase();
let record: ServerRecord;
let api: CentralServer;
let units: Map<number, number[]>;

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  api = await startApi(pool);
  record = await recordOn(pool, api.url, PASSWORD);
  units = new Map();
  for (const c of [TAIYUAN, DATONG, JINZHONG]) units.set(c, await unitsOf(pool, c));
});
afterAll(async () => {
  await api?.close();
});

const days = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

async function analystClient() {
  return loggedIn(api.url, record.analyst.name, PASSWORD);
}

function copyAt(dir: string, name = 'copy.db'): Workspace {
  return openWorkspace(join(dir, name));
}

async function sync(
  ws: Workspace,
  client: Awaited<ReturnType<typeof analystClient>>,
  progress?: (p: SyncProgress) => void,
  factsPageSize?: number,
): Promise<SyncResult> {
  return (await syncDatabase(ws, client, progress, factsPageSize ? { factsPageSize } : {})).result;
}

function expectDayColumnsRight(ws: Workspace): void {
  const { columns, facts } = dayColumnsAndFacts(ws);
  expect(columns).toEqual(facts);
}

describe('the changes feed', () => {
  it('lists changes in seq order with their batch, pages them, and holds a city account to its city', async () => {
    const a = await record.accept(TAIYUAN, 'feed-太原.csv', figures(units.get(TAIYUAN)!.slice(0, 3), [1, 2], days(D0 - 40, 2), 11));
    const b = await record.accept(DATONG, 'feed-大同.csv', figures(units.get(DATONG)!.slice(0, 2), [3], days(D0 - 40, 3), 12));
    const c = await record.accept(TAIYUAN, 'feed-太原2.csv', figures(units.get(TAIYUAN)!.slice(3, 5), [4], days(D0 - 40, 1), 13));
    const analyst = await call(api.url, 'POST', '/api/login', { body: { name: record.analyst.name, password: PASSWORD } });
    const token = analyst.body.token as string;
    const all = (await call(api.url, 'GET', `/api/changes?after=${a.seq - 1}`, { token })).body as unknown as ChangesJson;
    expect(all.changes.map((x) => [x.seq, x.kind, x.batch.id, x.batch.city_code])).toEqual([
      [a.seq, 'batch_accepted', a.batchId, TAIYUAN],
      [b.seq, 'batch_accepted', b.batchId, DATONG],
      [c.seq, 'batch_accepted', c.batchId, TAIYUAN],
    ]);
    expect(all.changes[1]!.batch).toMatchObject({ source: 'feed-大同.csv', fact_count: 6, accepted_by: record.analyst.name });
    expect(all.last_seq).toBe(c.seq);
    const health = await call(api.url, 'GET', '/api/health');
    expect(all.server_id).toBe(health.body.server_id);
    const paged = (await call(api.url, 'GET', `/api/changes?after=${a.seq - 1}&limit=2`, { token })).body as unknown as ChangesJson;
    expect(paged.changes.map((x) => x.seq)).toEqual([a.seq, b.seq]);
    expect((await call(api.url, 'GET', '/api/changes?limit=1001', { token })).status).toBe(400);
    expect((await call(api.url, 'GET', '/api/changes?after=-1', { token })).status).toBe(400);

    const datong = await record.cityUser(DATONG);
    const cityToken = (await call(api.url, 'POST', '/api/login', { body: { name: datong.name, password: PASSWORD } })).body.token as string;
    const own = (await call(api.url, 'GET', '/api/changes?after=0', { token: cityToken })).body as unknown as ChangesJson;
    expect(own.changes.map((x) => x.batch.id)).toEqual([b.batchId]);
    expect(own.last_seq).toBe(b.seq);

    // A batch's facts, in key order, paged by key.
    const first = (await call(api.url, 'GET', `/api/batch-facts?id=${b.batchId}&limit=4`, { token: cityToken }))
      .body as unknown as BatchFactsJson;
    expect(first.facts).toHaveLength(4);
    expect(first.next).not.toBeNull();
    const rest = (await call(api.url, 'GET', `/api/batch-facts?id=${b.batchId}&limit=4&after=${first.next}`, { token: cityToken }))
      .body as unknown as BatchFactsJson;
    expect(rest.next).toBeNull();
    const got = [...first.facts, ...rest.facts];
    const sorted = [...got].sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    expect(got).toEqual(sorted);
    expect(got).toEqual(
      (
        await db
          .pool()
          .query('SELECT day, region_code, indicator_id, value, note FROM fact WHERE batch_id = $1 ORDER BY 1, 2, 3', [b.batchId])
      ).rows.map((r) => [r.day, r.region_code, r.indicator_id, r.value, r.note]),
    );
    expect((await call(api.url, 'GET', `/api/batch-facts?id=${b.batchId}&limit=50001`, { token })).status).toBe(400);
    expect((await call(api.url, 'GET', `/api/batch-facts?id=${b.batchId}&after=1;2`, { token })).status).toBe(400);
    expect((await call(api.url, 'GET', '/api/batch-facts?id=987654', { token })).status).toBe(404);

    // Another city's batch: refused, and the refusal is in the audit log.
    const refused = await call(api.url, 'GET', `/api/batch-facts?id=${a.batchId}`, { token: cityToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('太原市');
    const logged = await db
      .pool()
      .query("SELECT outcome, reason FROM audit_log WHERE account_name = $1 AND action = 'GET /api/batch-facts' ORDER BY id DESC LIMIT 1", [
        datong.name,
      ]);
    expect(logged.rows[0]).toEqual({ outcome: 'refused', reason: refused.body.error });
  });
});

describe('an analyst workstation', () => {
  it('pulls every batch, then only the new changes; a re-run pulls nothing; undone batches propagate and restore what they replaced', async () => {
    const dir = tempDir();
    const ws = copyAt(dir);
    try {
      const client = await analystClient();
      const t = units.get(TAIYUAN)!;
      const first = await record.accept(TAIYUAN, '太原-6月.csv', figures(t, [1, 2, 5, 47], days(D0, 6), 21));
      const progress: SyncProgress[] = [];
      const r1 = await sync(ws, client, (p) => progress.push(p));
      expect(r1.from_seq).toBe(0);
      expect(r1.to_seq).toBe(first.seq);
      expect(r1.batches_added).toBeGreaterThanOrEqual(4); // the feed test's three and this one
      expect(r1.changes_skipped).toBe(0);
      expect(r1.local_facts_superseded).toBe(0);
      expect(progress.filter((p) => p.stage === 'changes').map((p) => p.done)).toEqual(
        Array.from({ length: r1.batches_added }, (_, i) => i + 1),
      );
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool()));
      expect(r1.facts_added).toBe(localFacts(ws).length);
      expectDayColumnsRight(ws);
      const state = syncStateOf(ws)!;
      expect(state).toMatchObject({
        serverUrl: api.url,
        userName: record.analyst.name,
        role: 'analyst',
        cityCode: null,
        lastSeq: first.seq,
        lastPulled: r1.batches_added,
      });
      expect(state.serverId).toMatch(/^[0-9a-f-]{36}$/);

      // Incremental: a second batch (replacing some of the first's figures) and nothing else.
      const replacing = figures(t.slice(0, 2), [2, 5], days(D0 + 2, 2), 22).map((r): typeof r => [r[0], r[1], r[2], r[3] + 1000, '更正']);
      const second = await record.accept(TAIYUAN, '太原-更正.csv', replacing, { replace: true });
      const r2 = await sync(ws, client);
      expect(r2).toMatchObject({
        from_seq: first.seq,
        to_seq: second.seq,
        batches_added: 1,
        batches_undone: 0,
        facts_added: replacing.length,
        changes_skipped: 0,
        local_facts_superseded: 0,
      });
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool()));
      expectDayColumnsRight(ws);
      const local = ws.db
        .prepare(
          'SELECT b.replaced_count, b.source, b.imported_at FROM batch b JOIN server_batch s ON s.batch_id = b.id WHERE s.server_batch_id = ?',
        )
        .get(second.batchId);
      const acceptedAt = (await db.pool().query<{ accepted_at: Date }>('SELECT accepted_at FROM batch WHERE id = $1', [second.batchId]))
        .rows[0]!.accepted_at;
      expect(local).toEqual({ replaced_count: replacing.length, source: '太原-更正.csv', imported_at: acceptedAt.toISOString() });

      // Idempotent: a re-run pulls nothing and changes nothing.
      const before = localFacts(ws);
      const r3 = await sync(ws, client);
      expect(r3).toMatchObject({
        from_seq: second.seq,
        to_seq: second.seq,
        batches_added: 0,
        batches_undone: 0,
        facts_added: 0,
        changes_skipped: 0,
      });
      expect(localFacts(ws)).toEqual(before);

      // Undone on the server: undone here, the first batch's figures are back.
      const undoneSeq = await record.undo(second.batchId);
      const r4 = await sync(ws, client);
      expect(r4).toMatchObject({ from_seq: second.seq, to_seq: undoneSeq, batches_added: 0, batches_undone: 1 });
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool()));
      expect(localFacts(ws).filter((f) => f[4] === '更正')).toEqual([]);
      expectDayColumnsRight(ws);
      const mark = ws.db
        .prepare('SELECT s.undone_seq, b.undone_at FROM server_batch s JOIN batch b ON b.id = s.batch_id WHERE s.server_batch_id = ?')
        .get(second.batchId) as {
        undone_seq: number;
        undone_at: string;
      };
      expect(mark.undone_seq).toBe(undoneSeq);
      expect(mark.undone_at).not.toBeNull();
      expect(existsSync(dir) && (await import('node:fs')).readdirSync(dir).filter((f) => f.includes('before-undo'))).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('applies the same change twice only once: a copy whose last_seq went back skips what it holds', async () => {
    const ws = copyAt(tempDir());
    try {
      const client = await analystClient();
      await record.accept(JINZHONG, '晋中-周报.csv', figures(units.get(JINZHONG)!, [7], days(D0, 3), 31));
      const r1 = await sync(ws, client);
      const facts = localFacts(ws);
      const batches = listBatches(ws).length;
      ws.db.prepare('UPDATE sync_state SET last_seq = 0').run();
      const again = await sync(ws, client);
      expect(again).toMatchObject({
        from_seq: 0,
        to_seq: r1.to_seq,
        batches_added: 0,
        changes_skipped: r1.batches_added + r1.batches_undone,
      });
      expect(localFacts(ws)).toEqual(facts);
      expect(listBatches(ws)).toHaveLength(batches);
      // And applied directly: the batch is already marked, so nothing is written but the seq.
      const page = (await client.get<ChangesJson>('/api/changes', { after: 0, limit: 1 })).changes[0]!;
      expect(applyBatchAccepted(ws.db, page, [])).toEqual({ kind: 'skipped' });
      expect(localFacts(ws)).toEqual(facts);
    } finally {
      ws.close();
    }
  });

  it('keeps local-only imports local, reports the figures a server batch supersedes, and gives them back when it is undone', async () => {
    const ws = copyAt(tempDir());
    try {
      const client = await analystClient();
      await sync(ws, client);
      const dt = units.get(DATONG)!;
      const day = D0 + 20;
      const core = createCoreEntry(ws);
      const csv = returnsCsv(ws, [
        [day, dt[0]!, 3, 41],
        [day, dt[1]!, 3, 42],
        [day, dt[2]!, 3, 43],
      ]);
      const imported = await core.import({
        files: [{ name: '大同-本地补录.csv', bytes: new TextEncoder().encode(csv) }],
        replace: false,
        rejects: false,
      });
      expect(imported.ok).toBe(true);
      const localBatch = imported.files[0]!.batchId!;
      // The server's batch holds two of the three figures.
      const server = await record.accept(DATONG, '大同-省厅采用.csv', [
        [day, dt[0]!, 3, 410, null],
        [day, dt[1]!, 3, 420, null],
        [day, dt[3]!, 3, 440, null],
      ]);
      const r = await sync(ws, client);
      expect(r).toMatchObject({ batches_added: 1, facts_added: 3, local_facts_superseded: 2 });
      const at = (region: number) =>
        ws.db.prepare('SELECT value FROM fact WHERE day = ? AND region_code = ? AND indicator_id = 3').pluck().get(day, region);
      expect([at(dt[0]!), at(dt[1]!), at(dt[2]!), at(dt[3]!)]).toEqual([410, 420, 43, 440]);
      const batches = listBatches(ws);
      expect(batches.find((b) => b.id === localBatch)).toMatchObject({ origin: 'local', serverBatchId: null, source: '大同-本地补录.csv' });
      const mapped = batches.find((b) => b.serverBatchId === server.batchId)!;
      expect(mapped).toMatchObject({ origin: 'server', source: '大同-省厅采用.csv', facts: 3, replaced: 2 });
      expect(
        core
          .info({})
          .batches.filter((b) => b.origin === 'local')
          .map((b) => b.id),
      ).toEqual([localBatch]);
      // A server batch is undone on the server only: here it is refused, and nothing changes.
      await expect(Promise.resolve().then(() => core.undo({ batchId: mapped.id }))).rejects.toThrow(/只能由省厅在服务器上撤销/);
      expect(at(dt[0]!)).toBe(410);
      // Nor the local batch the server batch partly replaced: the message says where that one is undone.
      await expect(Promise.resolve().then(() => core.undo({ batchId: localBatch }))).rejects.toThrow(
        /是省厅批次，须由省厅在服务器上撤销并同步到本机后/,
      );
      expectDayColumnsRight(ws);

      await record.undo(server.batchId);
      const back = await sync(ws, client);
      expect(back.batches_undone).toBe(1);
      expect([at(dt[0]!), at(dt[1]!), at(dt[2]!), at(dt[3]!)]).toEqual([41, 42, 43, undefined]);
      expect(
        ws.db.prepare('SELECT batch_id FROM fact WHERE day = ? AND region_code = ? AND indicator_id = 3').pluck().get(day, dt[0]!),
      ).toBe(localBatch);
      expect(localServerFacts(ws)).toEqual(await serverFacts(db.pool()));
      expectDayColumnsRight(ws);

      // A local import (replace) over a server batch's figure; the server then undoes that batch:
      // sync stops there and names the local batch to undo first; after that it completes.
      const later = await record.accept(DATONG, '大同-再报.csv', [[day + 1, dt[4]!, 3, 77, null]]);
      await sync(ws, client);
      const over = await core.import({
        files: [{ name: '大同-本地更正.csv', bytes: new TextEncoder().encode(returnsCsv(ws, [[day + 1, dt[4]!, 3, 78]])) }],
        replace: true,
        rejects: false,
      });
      const overBatch = over.files[0]!.batchId!;
      const seqBefore = syncStateOf(ws)!.lastSeq;
      await record.undo(later.batchId);
      await expect(sync(ws, client)).rejects.toThrow(
        new RegExp(`服务器已撤销批次 ${later.batchId}（大同-再报\\.csv），本机无法照办：.*请先撤销批次 ${overBatch}`),
      );
      expect(syncStateOf(ws)!.lastSeq).toBe(seqBefore);
      core.undo({ batchId: overBatch });
      const done = await sync(ws, client);
      expect(done.batches_undone).toBe(1);
      expect(localServerFacts(ws)).toEqual(await serverFacts(db.pool()));
      expect(
        ws.db
          .prepare('SELECT COUNT(*) FROM fact WHERE day = ? AND region_code = ?')
          .pluck()
          .get(day + 1, dt[4]!),
      ).toBe(0);
      expectDayColumnsRight(ws);
    } finally {
      ws.close();
    }
  });
});

describe('a city workstation', () => {
  it('holds its city only; a copy is refused to another scope but taken by another user of the same city', async () => {
    const dir = tempDir();
    const ws = copyAt(dir);
    try {
      const datong = await record.cityUser(DATONG);
      const r = await sync(ws, await loggedIn(api.url, datong.name, PASSWORD));
      expect(r.batches_added).toBeGreaterThan(0);
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool(), DATONG));
      const cities = ws.db.prepare('SELECT DISTINCT r.city_code FROM fact f JOIN region r ON r.code = f.region_code').pluck().all();
      expect(cities).toEqual([DATONG]);
      expect(syncStateOf(ws)).toMatchObject({ cityCode: DATONG, role: 'city', userName: datong.name });
      expectDayColumnsRight(ws);
      const facts = localFacts(ws);

      await expect(sync(ws, await analystClient())).rejects.toThrow(/本数据库是大同市的数据副本.*全省/);
      const taiyuan = await record.cityUser(TAIYUAN);
      await expect(sync(ws, await loggedIn(api.url, taiyuan.name, PASSWORD))).rejects.toThrow(/大同市的数据副本.*太原市/);
      expect(localFacts(ws)).toEqual(facts);

      // Another 大同 account (an inspector of the city) continues the same copy.
      const inspectorName = `dd-${process.pid}`;
      await db.pool().query('SELECT 1');
      const { addAccount } = await import('../../electron/central/accounts');
      await addAccount(
        db.pool(),
        { name: inspectorName, role: 'inspector', region: '大同市', password: PASSWORD, createdBy: 'test' },
        new Date(),
      );
      await record.accept(DATONG, '大同-新.csv', figures(units.get(DATONG)!.slice(0, 1), [8], days(D0 + 30, 2), 41));
      const next = await sync(ws, await loggedIn(api.url, inspectorName, PASSWORD));
      expect(next.batches_added).toBe(1);
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool(), DATONG));
      expect(syncStateOf(ws)).toMatchObject({ cityCode: DATONG, userName: inspectorName });

      // The province's copy is not thinned to a city either.
      const province = copyAt(dir, 'province.db');
      try {
        await sync(province, await analystClient());
        await expect(sync(province, await loggedIn(api.url, datong.name, PASSWORD))).rejects.toThrow(/全省的数据副本.*大同市/);
      } finally {
        province.close();
      }
    } finally {
      ws.close();
    }
  });
});

describe('refusals', () => {
  let other: TestDatabase | undefined;
  let otherPool: pg.Pool | undefined;
  let otherApi: CentralServer | undefined;
  afterAll(async () => {
    await otherApi?.close();
    await otherPool?.end();
    await other?.drop();
  });

  it('refuses a copy that follows another server, naming both', async () => {
    other = await createTestDatabase(inject('postgres'));
    otherPool = new pg.Pool({ connectionString: other.url, max: 4 });
    await migrateCentral(otherPool);
    otherApi = await startApi(otherPool);
    const otherRecord = await recordOn(otherPool, otherApi.url, PASSWORD);
    const ws = copyAt(tempDir());
    try {
      await sync(ws, await analystClient());
      const facts = localFacts(ws);
      const mine = syncStateOf(ws)!.serverId!;
      const theirs = (await call(otherApi.url, 'GET', '/api/health')).body.server_id as string;
      const refused = sync(ws, await loggedIn(otherApi.url, otherRecord.analyst.name, PASSWORD));
      await expect(refused).rejects.toThrow(mine);
      await expect(sync(ws, await loggedIn(otherApi.url, otherRecord.analyst.name, PASSWORD))).rejects.toThrow(theirs);
      expect(localFacts(ws)).toEqual(facts);
      expect(syncStateOf(ws)!.serverId).toBe(mine);
    } finally {
      ws.close();
    }
  });

  it('refuses a copy synced further than the server holds (a server restored from an older backup), and writes nothing', async () => {
    // The other server of the test above: a copy follows it to its last change, which the server then loses.
    const otherRecord = await recordOn(otherPool!, otherApi!.url, PASSWORD);
    const d = units.get(DATONG)!;
    await otherRecord.accept(DATONG, '大同-备份前.csv', figures(d, [1, 3], days(D0, 2), 71));
    await otherRecord.accept(DATONG, '大同-备份后.csv', figures(d, [1, 3], days(D0 + 2, 2), 72));
    const client = await loggedIn(otherApi!.url, otherRecord.analyst.name, PASSWORD);
    const ws = copyAt(tempDir());
    try {
      await sync(ws, client);
      const state = syncStateOf(ws)!;
      expect(state.lastSeq).toBeGreaterThan(0);
      const facts = localFacts(ws);
      await otherPool!.query('DELETE FROM change_log WHERE seq = $1', [state.lastSeq]);
      await expect(sync(ws, client)).rejects.toThrow(`本机数据库已同步到变更序号 ${state.lastSeq}`);
      expect(localFacts(ws)).toEqual(facts);
      expect(syncStateOf(ws)!.lastSeq).toBe(state.lastSeq);
    } finally {
      ws.close();
    }
  });

  it('stops on a malformed answer (a fact outside the copy’s scope, a mistyped change) and writes nothing', async () => {
    const health = (await call(api.url, 'GET', '/api/health')).body;
    let changes: unknown = null;
    let facts: unknown = null;
    const fake = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body =
        path === '/api/health'
          ? health
          : path === '/api/login'
            ? {
                token: 't',
                expires_at: new Date(Date.now() + 3_600_000).toISOString(),
                user: { name: 'jc.zhao', role: 'city', region: '晋城市', disabled: false, created_at: '' },
              }
            : path === '/api/changes'
              ? changes
              : facts;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((done) => fake.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const ws = copyAt(tempDir());
    try {
      const batch = {
        id: 7,
        submission_id: 9,
        city_code: 140500,
        source: 'x.csv',
        sha256: 'ab',
        fact_count: 1,
        accepted_at: '2025-07-01T00:00:00Z',
        accepted_by: 'fx',
      };
      changes = {
        server_id: health.server_id,
        changes: [{ seq: 3, kind: 'batch_accepted', at: '2025-07-01T00:00:00Z', batch }],
        last_seq: 3,
      };
      // A 太原市 unit in a 晋城市 copy.
      facts = { batch_id: 7, facts: [[D0, 140105, 2, 5, null]], next: null };
      await expect(sync(ws, await loggedIn(url, 'jc.zhao', 'x'))).rejects.toThrow(/范围以外的地区（140105）/);
      changes = {
        server_id: health.server_id,
        changes: [{ seq: 3, kind: 'batch_accepted', at: '2025-07-01T00:00:00Z', batch: { ...batch, fact_count: '1' } }],
        last_seq: 3,
      };
      await expect(sync(ws, await loggedIn(url, 'jc.zhao', 'x'))).rejects.toThrow(/变更列表格式不对（changes\.0\.batch\.fact_count）/);
      expect(localFacts(ws)).toEqual([]);
      expect(listBatches(ws)).toEqual([]);
      expect(syncStateOf(ws)!.lastSeq).toBe(0);
    } finally {
      ws.close();
      await new Promise((done) => fake.close(done));
    }
  });

  it('refuses a 督导包', async () => {
    const ws = copyAt(tempDir());
    try {
      ws.db
        .prepare(
          `INSERT INTO bundle_origin (bundle_id, city_code, from_day, to_day, province_database_id, province_facts, province_batch_max, made_at, made_by)
           VALUES ('b-1', ?, ?, ?, 'p-1', 0, 0, 'x', '督导组')`,
        )
        .run(DATONG, D0, D0 + 9);
      await expect(sync(ws, await analystClient())).rejects.toThrow(/督导包.*不能与省厅服务器同步/);
      expect(syncStateOf(ws)).toBeNull();
    } finally {
      ws.close();
    }
  });

  it('refuses the demo database: the record never mixes with invented figures', async () => {
    const path = join(tempDir(), 'demo-copy.db');
    copyFileSync(inject('demoDb'), path);
    const ws = openWorkspace(path);
    try {
      const before = ws.db.prepare('SELECT COUNT(*) FROM batch').pluck().get();
      await expect(sync(ws, await analystClient())).rejects.toThrow('演示数据库不与省厅服务器同步');
      expect(syncStateOf(ws)).toBeNull();
      expect(ws.db.prepare('SELECT COUNT(*) FROM batch').pluck().get()).toBe(before);
    } finally {
      ws.close();
    }
  });
});

describe('a cut connection', () => {
  it('stops with a clear error (mid-way through a batch’s pages), leaves whole changes only, and the next sync completes', async () => {
    const pool = db.pool();
    for (let i = 0; i < 4; i++)
      await record.accept(JINZHONG, `晋中-第${i + 1}批.csv`, figures(units.get(JINZHONG)!, [10 + i], days(D0 + 40, 3), 50 + i));
    const ws = copyAt(tempDir());
    let server: CentralServer = await startApi(pool);
    try {
      const client = await loggedIn(server.url, record.analyst.name, PASSWORD);
      let stopping = null as Promise<void> | null; // `as`: assigned in a callback, so not narrowed to null
      // Facts 4 a page: the server goes away when a batch's facts are half downloaded (its 2nd page).
      let pages = 0;
      let pagesOf = -1;
      let cutAt = -1;
      const cut = sync(
        ws,
        client,
        (p) => {
          if (p.stage !== 'facts' || stopping) return;
          if (p.done !== pagesOf) [pagesOf, pages] = [p.done, 0];
          if (++pages === 2 && p.done >= 2) {
            cutAt = p.done;
            stopping = server.close();
          }
        },
        4,
      );
      await expect(cut).rejects.toThrow(/无法连接省厅服务器[\s\S]*同步中断：已完成的 \d+ 项变更已保存/);
      await stopping;
      expect(cutAt).toBeGreaterThanOrEqual(2);
      await expect(cut).rejects.toThrow(`已完成的 ${cutAt} 项变更已保存`);
      const state = syncStateOf(ws)!;
      const held = ws.db
        .prepare(
          'SELECT s.server_batch_id, b.fact_count, (SELECT COUNT(*) FROM fact f WHERE f.batch_id = b.id) AS n FROM server_batch s JOIN batch b ON b.id = s.batch_id',
        )
        .all() as {
        server_batch_id: number;
        fact_count: number;
        n: number;
      }[];
      // Whole batches only, and exactly those up to last_seq.
      const upTo = (
        await pool.query<{ batch_id: string }>("SELECT batch_id FROM change_log WHERE seq <= $1 AND kind = 'batch_accepted' ORDER BY seq", [
          state.lastSeq,
        ])
      ).rows.map((r) => Number(r.batch_id));
      expect(held.map((h) => h.server_batch_id).sort((a, b) => a - b)).toEqual(upTo.sort((a, b) => a - b));
      expect(held.length).toBe(cutAt);
      expectDayColumnsRight(ws);

      server = await startApi(pool);
      const resumed = await sync(ws, await loggedIn(server.url, record.analyst.name, PASSWORD));
      expect(resumed.from_seq).toBe(state.lastSeq);
      expect(resumed.changes_skipped).toBe(0);
      expect(localFacts(ws)).toEqual(await serverFacts(pool));
      expectDayColumnsRight(ws);
    } finally {
      ws.close();
      await server.close();
    }
  });
});

/** Until the killed process has let go of its sockets (gone, or a zombie). */
function waitUntilDead(pid: number): void {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return;
    }
    if (/^\d+ \(.*\) Z/.test(stat)) return;
  }
  throw new Error(`process ${pid} did not die`);
}

describe('the server killed (-9) mid-sync', () => {
  it('leaves the copy at a whole change; the next sync, against the restarted server, completes and equals', async () => {
    const pool = db.pool();
    for (let i = 0; i < 3; i++)
      await record.accept(DATONG, `大同-补报${i + 1}.csv`, figures(units.get(DATONG)!, [30 + i, 40 + i], days(D0 + 50, 4), 80 + i));
    const ws = copyAt(tempDir());
    let server = await startServerProcess(['--pg', db.url(), '--port', '0']);
    try {
      const client = await loggedIn(server.url, record.analyst.name, PASSWORD);
      const killed = sync(ws, client, (p) => {
        // While the second change's facts are about to be fetched.
        if (p.stage === 'facts' && p.done === 1 && server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill('SIGKILL');
          waitUntilDead(server.child.pid!);
        }
      });
      await expect(killed).rejects.toThrow(/无法连接省厅服务器|连接中断|连接被中断/);
      expect(syncStateOf(ws)!.lastSeq).toBeGreaterThan(0);
      expect(ws.db.prepare('SELECT COUNT(*) FROM server_batch').pluck().get()).toBe(1);
      expect(localServerFacts(ws).length).toBe(ws.db.prepare('SELECT SUM(fact_count) FROM batch').pluck().get());
      expectDayColumnsRight(ws);

      server = await startServerProcess(['--pg', db.url(), '--port', '0']);
      const resumed = await sync(ws, await loggedIn(server.url, record.analyst.name, PASSWORD));
      expect(resumed.changes_skipped).toBe(0);
      expect(localFacts(ws)).toEqual(await serverFacts(pool));
      expectDayColumnsRight(ws);
    } finally {
      ws.close();
      server.child.kill('SIGKILL');
    }
  });
});

describe('`campaign sync`', () => {
  it('creates a missing --db, prints what it pulled, and resumes after being killed (-9) mid-way; the copy then equals the server', async () => {
    for (let i = 0; i < 5; i++)
      await record.accept(
        TAIYUAN,
        `太原-日报${i + 1}.csv`,
        figures(units.get(TAIYUAN)!.slice(i * 2, i * 2 + 2), [24], days(D0 + 90, 2), 90 + i),
      );
    const dir = tempDir();
    const path = join(dir, 'new-copy.db');
    const pw = passwordFile(PASSWORD);
    const args = ['sync', '--db', path, '--server', api.url, '--user', record.analyst.name, '--password-file', pw];
    const killed = await runCliAsync(args, {
      env: { CAMPAIGN_TEST_HOOKS: '1', CAMPAIGN_TEST_SYNC_PAUSE_AFTER: '4' },
      onStderr: (text, child) => {
        if (text.includes('SYNC-PAUSED 4')) child.kill('SIGKILL');
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(path)).toBe(true);
    const half = openWorkspace(path);
    const stoppedAt = syncStateOf(half)!.lastSeq;
    expect(half.db.prepare('SELECT COUNT(*) FROM server_batch').pluck().get()).toBe(4);
    half.close();

    const json = await runCliAsync([...args, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as SyncResult;
    expect(Object.keys(result).sort()).toEqual(
      [
        'server_url',
        'from_seq',
        'to_seq',
        'batches_added',
        'batches_undone',
        'facts_added',
        'local_facts_superseded',
        'changes_skipped',
        'finished_at',
      ].sort(),
    );
    expect(result.from_seq).toBe(stoppedAt);
    expect(result.changes_skipped).toBe(0);
    const ws = openWorkspace(path);
    try {
      expect(localFacts(ws)).toEqual(await serverFacts(db.pool()));
      expectDayColumnsRight(ws);
    } finally {
      ws.close();
    }

    const table = await runCliAsync(args);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('已是最新');
    const info = await runCliAsync(['info', '--db', path]);
    expect(info.stdout).toMatch(/太原-日报5\.csv\s+省厅 \d+/);
    expect(info.stdout).not.toContain('本地');

    // Wrong password: a clear error, exit 1, no stack.
    const wrong = await runCliAsync([...args.slice(0, -1), passwordFile('not-the-password-1')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('用户名或密码错误');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    // A 督导包 is refused before anything is asked of it.
    const bundle = join(dir, '大同.cwb');
    writeFileSync(bundle, 'x');
    const refused = await runCliAsync(['sync', '--db', bundle, '--server', api.url, '--user', record.analyst.name, '--password-file', pw]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('督导包');
  });
});

describe('two workstations', () => {
  it('one synced along the way and one fresh agree with each other and with the server’s own aggregates', async () => {
    const pool = db.pool();
    const dir = tempDir();
    const along = copyAt(dir, 'along.db');
    const fresh = copyAt(dir, 'fresh.db');
    try {
      const client = await analystClient();
      await sync(along, client);
      await record.accept(TAIYUAN, '太原-7月上旬.csv', figures(units.get(TAIYUAN)!, [1, 2, 3, 24], days(D0 + 60, 10), 71));
      await sync(along, client);
      await record.accept(DATONG, '大同-7月上旬.csv', figures(units.get(DATONG)!, [1, 2, 3, 24], days(D0 + 60, 10), 72));
      const correction = await record.accept(
        TAIYUAN,
        '太原-7月更正.csv',
        figures(units.get(TAIYUAN)!.slice(0, 4), [2, 24], days(D0 + 63, 2), 73),
        { replace: true },
      );
      await sync(along, client);
      await record.accept(JINZHONG, '晋中-7月上旬.csv', figures(units.get(JINZHONG)!, [1, 2, 3, 24], days(D0 + 60, 10), 74));
      await record.undo(correction.batchId);
      await sync(along, client);
      await sync(fresh, client);

      expect(localFacts(along)).toEqual(await serverFacts(pool));
      expect(localFacts(fresh)).toEqual(localFacts(along));

      const from = D0 + 60;
      const to = D0 + 69;
      const sql = await pool.query<{ city_code: number; indicator_id: number; total: number }>(
        `SELECT r.city_code, f.indicator_id, SUM(f.value) AS total FROM fact f JOIN region r ON r.code = f.region_code
          WHERE f.day BETWEEN $1 AND $2 AND f.indicator_id IN (1, 2, 3, 24) GROUP BY r.city_code, f.indicator_id`,
        [from, to],
      );
      const expected = new Map(sql.rows.map((r) => [`${r.city_code}/${r.indicator_id}`, Number(r.total)]));
      const names = new Map(along.catalogue.indicators.map((i) => [`${i.department}/${i.name}`, i.id]));
      for (const ws of [along, fresh]) {
        const answer = createCoreEntry(ws).query({
          from: isoDay(from),
          to: isoDay(to),
          indicators: ['1', '2', '3', '24'].map((id) => indicatorName(ws, Number(id))),
          by: ['region:city', 'indicator'],
        });
        const got = new Map(
          answer.rows
            .filter((row) => row.value !== null)
            .map((row) => [`${row.region_code}/${names.get(`${row.department}/${row.indicator}`)}`, row.value as number]),
        );
        expect(got.size).toBe(expected.size);
        for (const [k, v] of expected) expect(got.get(k)).toBeCloseTo(v, 6);
      }
    } finally {
      along.close();
      fresh.close();
    }
  });
});

function indicatorName(ws: Workspace, id: number): string {
  const i = ws.catalogue.indicators.find((x) => x.id === id)!;
  return `${i.department}/${i.name}`;
}
