// The server schema: created from empty, re-run without change, refused when newer, portable types
// only, and the same catalogue as a new workstation database.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { UserError } from '../../shared/errors';
import { openWorkspace } from '../../electron/store/workspace';
import { CENTRAL_LATEST_VERSION, CENTRAL_MIGRATIONS } from '../../electron/central/migrations';
import { centralSchemaVersion, migrateCentral, requireCurrentSchema } from '../../electron/central/schema';
import { inTransaction } from '../../electron/central/pg-pool';
import { createTestDatabase } from '../support/pg-cluster';
import { runCli } from '../support/cli';
import { useTestDatabase } from './support';

const db = useTestDatabase();

async function tableCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const tables = await pool.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    counts[table_name] = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table_name}`)).rows[0]!.n);
  }
  return counts;
}

describe('server schema', () => {
  it('is created from empty by `server init`, and a second init changes nothing', async () => {
    const first = runCli(['server', 'init', '--pg', db.url()]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`已建立到版本 ${CENTRAL_LATEST_VERSION}`);
    const pool = db.pool();
    expect(await centralSchemaVersion(pool)).toBe(CENTRAL_LATEST_VERSION);
    const before = await tableCounts(pool);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'account',
        'audit_log',
        'batch',
        'change_log',
        'fact',
        'fact_replaced',
        'login_attempt',
        'region',
        'session_token',
        'submission',
        'submission_fact',
      ]),
    );
    expect(before.region).toBe(1 + 11 + 117);

    const again = runCli(['server', 'init', '--pg', db.url()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('已是最新');
    expect(await migrateCentral(pool)).toEqual({ from: CENTRAL_LATEST_VERSION, to: CENTRAL_LATEST_VERSION });
    expect(await tableCounts(pool)).toEqual(before);
  });

  it('holds the catalogue a new workstation database holds', async () => {
    const ws = openWorkspace(':memory:');
    try {
      const pool = db.pool();
      const same = async (sql: string, mapPg: (row: Record<string, unknown>) => unknown[] = (r) => Object.values(r)) => {
        const local = ws.db.prepare(sql).raw().all();
        const server = (await pool.query(sql)).rows.map(mapPg);
        expect(server).toEqual(local);
        return server.length;
      };
      expect(await same('SELECT code, name, level, parent_code, city_code, sort FROM region ORDER BY code')).toBe(129);
      await same('SELECT id, name, full_name, sort FROM department ORDER BY id');
      await same('SELECT alias, department_id FROM department_alias ORDER BY alias');
      const indicators = await same(
        'SELECT id, department_id, name, unit, phrase, display, from_article, sort FROM indicator ORDER BY id',
        (r) => Object.values({ ...r, from_article: r.from_article ? 1 : 0 }),
      );
      expect(indicators).toBeGreaterThan(40);
      await same('SELECT alias, indicator_id FROM indicator_alias ORDER BY alias, indicator_id');
      await same('SELECT id, name, year, from_day, to_day FROM campaign ORDER BY id');
      await same('SELECT id, campaign_id, name, from_day, to_day FROM phase ORDER BY id');
    } finally {
      ws.close();
    }
  });

  it('uses only column types KingbaseES, HighGo and openGauss also have', async () => {
    const r = await db
      .pool()
      .query<{ table_name: string; column_name: string; data_type: string }>(
        'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name',
      );
    expect(r.rows.length).toBeGreaterThan(50);
    const portable = new Set(['integer', 'bigint', 'text', 'boolean', 'bytea', 'timestamp with time zone', 'double precision']);
    expect(r.rows.filter((c) => !portable.has(c.data_type)).map((c) => `${c.table_name}.${c.column_name}: ${c.data_type}`)).toEqual([]);
    const extensions = await db.pool().query("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'");
    expect(extensions.rows).toEqual([]);
  });

  it('refuses a database whose schema is newer than the program, and touches nothing', async () => {
    const pool = db.pool();
    await pool.query('INSERT INTO schema_version (version, applied_at) VALUES (99, now())');
    try {
      const before = await tableCounts(pool);
      await expect(migrateCentral(pool)).rejects.toThrow(UserError);
      await expect(migrateCentral(pool)).rejects.toThrow(`版本 99 比本程序支持的版本 ${CENTRAL_LATEST_VERSION} 新`);
      await expect(requireCurrentSchema(pool)).rejects.toThrow(/版本 99/);
      const init = runCli(['server', 'init', '--pg', db.url()]);
      expect(init.code).toBe(1);
      expect(init.stderr).toContain('请先升级本程序');
      const list = runCli(['server', 'user', 'list', '--pg', db.url()]);
      expect(list.code).toBe(1);
      expect(list.stderr).toContain('版本 99');
      expect(await tableCounts(pool)).toEqual(before);
    } finally {
      await pool.query('DELETE FROM schema_version WHERE version = 99');
    }
  });

  it('is created once when two inits race on an empty database', async () => {
    const other = await createTestDatabase(inject('postgres'));
    const a = new pg.Pool({ connectionString: other.url, max: 2 });
    const b = new pg.Pool({ connectionString: other.url, max: 2 });
    try {
      const results = await Promise.all([migrateCentral(a), migrateCentral(b)]);
      expect(results.map((r) => r.to)).toEqual([CENTRAL_LATEST_VERSION, CENTRAL_LATEST_VERSION]);
      expect(Number((await a.query('SELECT count(*) AS n FROM region')).rows[0].n)).toBe(129);
      expect((await a.query('SELECT version FROM schema_version')).rows).toEqual(CENTRAL_MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await a.end();
      await b.end();
      await other.drop();
    }
  });

  it('says what is wrong with the connection, without a stack', () => {
    const refused = runCli(['server', 'init', '--pg', 'postgres://nobody:secret@127.0.0.1:1/none']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('无法连接数据库');
    expect(refused.stderr).not.toContain('secret');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const notPg = runCli(['server', 'init', '--pg', 'mysql://x@127.0.0.1/db']);
    expect(notPg.stderr).toContain('postgres://');
    const missing = runCli(['server', 'init']);
    expect(missing.stderr).toContain('--pg');
  });
});

describe('server migration 2', () => {
  it('keeps a version-1 database’s data, gives the server an id once, and a second database another', async () => {
    const v1 = await createTestDatabase(inject('postgres'));
    const pool = new pg.Pool({ connectionString: v1.url, max: 2 });
    try {
      // Version 1 as `server init` of that version left it, holding a record.
      await pool.query('CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamp with time zone NOT NULL)');
      const first = CENTRAL_MIGRATIONS.find((m) => m.version === 1)!;
      await inTransaction(pool, async (c) => {
        await first.up(c);
        await c.query('INSERT INTO schema_version (version, applied_at) VALUES (1, now())');
      });
      const at = new Date('2025-05-06T07:08:09Z');
      const account = (
        await pool.query<{ id: string }>(
          "INSERT INTO account (name, role, region_code, password_hash, created_at, created_by) VALUES ('jz.wang', 'city', 140700, 'scrypt$x', $1, 'cli') RETURNING id",
          [at],
        )
      ).rows[0]!.id;
      const sub = (
        await pool.query<{ id: string }>(
          "INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, status, row_count, report, submitted_at) VALUES ('return', $1, 140700, '晋中.csv', 'f0', '\\x00', '待审核', 1, '[]', $2) RETURNING id",
          [account, at],
        )
      ).rows[0]!.id;
      await pool.query(
        'INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value, note) VALUES ($1, 20214, 140702, 3, 12.5, NULL)',
        [sub],
      );
      const batch = (
        await pool.query<{ id: string }>(
          "INSERT INTO batch (submission_id, city_code, source, sha256, fact_count, accepted_at, accepted_by) VALUES ($1, 140700, '晋中.csv', 'f0', 1, $2, $3) RETURNING id",
          [sub, at, account],
        )
      ).rows[0]!.id;
      await pool.query("UPDATE submission SET status = '已采用', batch_id = $1, decided_at = $2 WHERE id = $3", [batch, at, sub]);
      await pool.query('INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES (20214, 140702, 3, 12.5, $1)', [batch]);
      await pool.query("INSERT INTO change_log (at, kind, batch_id, city_code) VALUES ($1, 'batch_accepted', $2, 140700)", [at, batch]);
      await pool.query(
        "INSERT INTO audit_log (at, account_name, action, outcome, address) VALUES ($1, 'jz.wang', 'POST /api/login', 'ok', '10.1.2.3')",
        [at],
      );
      const before = await tableCounts(pool);
      const rows = async () => ({
        fact: (await pool.query('SELECT * FROM fact')).rows,
        change_log: (await pool.query('SELECT * FROM change_log')).rows,
        submission: (await pool.query('SELECT id, status, batch_id FROM submission')).rows,
      });
      const rowsBefore = await rows();

      expect(await migrateCentral(pool)).toEqual({ from: 1, to: 2 });
      const after = await tableCounts(pool);
      expect(after).toEqual({ ...before, schema_version: 2, server_identity: 1 });
      expect(await rows()).toEqual(rowsBefore);
      const id = (await pool.query<{ id: string }>('SELECT id FROM server_identity')).rows[0]!.id;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await migrateCentral(pool);
      expect((await pool.query('SELECT id FROM server_identity')).rows).toEqual([{ id }]);
      // This file's own database was made at version 2 separately: another server, another id.
      const other = (await db.pool().query<{ id: string }>('SELECT id FROM server_identity')).rows[0]!.id;
      expect(other).not.toBe(id);
    } finally {
      await pool.end();
      await v1.drop();
    }
  });
});
