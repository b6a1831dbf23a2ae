// Creating and upgrading the server's schema: each migration in its own transaction, its version
// recorded with it; a database at a newer version than this program knows is refused, never touched.
import { UserError } from '../../shared/errors';
import { CENTRAL_LATEST_VERSION, CENTRAL_MIGRATIONS } from './migrations';
import { inTransaction, type Pool, type PoolClient } from './pg-pool';

async function hasVersionTable(db: Pool | PoolClient): Promise<boolean> {
  const r = await db.query(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'",
  );
  return (r.rowCount ?? 0) > 0;
}

/** The version the database is at: 0 when it has no server schema. */
export async function centralSchemaVersion(db: Pool | PoolClient): Promise<number> {
  if (!(await hasVersionTable(db))) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  return r.rows[0]?.v ?? 0;
}

function newerThanProgram(version: number): UserError {
  return new UserError(`数据库结构版本 ${version} 比本程序支持的版本 ${CENTRAL_LATEST_VERSION} 新：请先升级本程序，不能用旧程序打开。`);
}

/** The advisory lock under which schema_version is created (any number no other code of ours locks). */
const SCHEMA_VERSION_LOCK = 7_301_001;

export interface MigrationResult {
  from: number;
  to: number;
}

/** Brings the schema to the latest version. Safe to run again, and from two processes at once. */
export async function migrateCentral(pool: Pool): Promise<MigrationResult> {
  await inTransaction(pool, async (client) => {
    // Two inits at once on an empty database: IF NOT EXISTS alone lets the second meet the first's
    // uncommitted table in the catalogue (a unique violation on its row type); they take turns here.
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_VERSION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamp with time zone NOT NULL)',
    );
  });
  const from = await centralSchemaVersion(pool);
  if (from > CENTRAL_LATEST_VERSION) throw newerThanProgram(from);
  for (const migration of CENTRAL_MIGRATIONS) {
    await inTransaction(pool, async (client) => {
      // A second `server init` waits here, then finds the version applied and skips it.
      await client.query('LOCK TABLE schema_version IN EXCLUSIVE MODE');
      const at = await centralSchemaVersion(client);
      if (at > CENTRAL_LATEST_VERSION) throw newerThanProgram(at);
      if (at >= migration.version) return;
      await migration.up(client);
      await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [migration.version, new Date()]);
    });
  }
  return { from, to: await centralSchemaVersion(pool) };
}

/** Refuses a database not at this program's version: `server start` and the account commands need it. */
export async function requireCurrentSchema(pool: Pool): Promise<void> {
  const version = await centralSchemaVersion(pool);
  if (version > CENTRAL_LATEST_VERSION) throw newerThanProgram(version);
  if (version < CENTRAL_LATEST_VERSION) {
    throw new UserError(
      version === 0
        ? '数据库中还没有省厅服务器的表：请先运行 campaign server init --pg 地址'
        : `数据库结构版本 ${version} 低于本程序的版本 ${CENTRAL_LATEST_VERSION}：请先运行 campaign server init --pg 地址 升级`,
    );
  }
}
