// The tests' PostgreSQL: missing programs make the PostgreSQL tests fail with what to install,
// never skip them silently; the run's server is reachable and gives each file its own database.
import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, startThrowawayCluster } from '../support/pg-cluster';

describe('the tests’ PostgreSQL', () => {
  it('fails with what to install when the PostgreSQL programs are missing', async () => {
    await expect(startThrowawayCluster('/nonexistent/postgresql/bin')).rejects.toThrow(/找不到 initdb.*apt-get install postgresql/);
    await expect(createTestDatabase({ error: '测试用 PostgreSQL 不可用：原因' })).rejects.toThrow('测试用 PostgreSQL 不可用：原因');
  });

  it('is there for this run, as PostgreSQL 15 or later, with a database of its own per file', async () => {
    const provision = inject('postgres');
    if ('error' in provision) throw new Error(provision.error);
    const db = await createTestDatabase(provision);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const version = Number((await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]!.server_version_num);
      expect(version).toBeGreaterThanOrEqual(150000);
      expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe(db.name);
      expect((await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0].n).toBe(
        0,
      );
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
