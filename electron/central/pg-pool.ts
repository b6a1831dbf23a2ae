// The connection to the provincial server's PostgreSQL (or KingbaseES / HighGo / openGauss through
// the same protocol): a pool, its errors in words an administrator can act on, and transactions.
import pg from 'pg';
import { UserError } from '../../shared/errors';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** What a query runs on: the pool, or one client of it inside a transaction. */
export type Db = Pool | PoolClient;

/** The URL with any password blanked, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '（无法解析的地址）';
  }
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('--pg 须是 PostgreSQL 连接地址，如 postgres://用户@主机:5432/数据库');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UserError(`--pg 须以 postgres:// 或 postgresql:// 开头（收到 ${redactedUrl(url)}）`);
  }
}

/** A connection failure the administrator can fix, said so; anything else is passed on as it is. */
export function asPgUserError(e: unknown, url: string): unknown {
  if (!(e instanceof Error)) return e;
  const code = 'code' in e ? String(e.code) : '';
  const where = redactedUrl(url);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || /timeout/i.test(e.message)) {
    return new UserError(`无法连接数据库 ${where}：${code || e.message}。请确认 PostgreSQL 已启动、地址和端口正确。`);
  }
  if (code === '28P01' || code === '28000') return new UserError(`数据库拒绝登录 ${where}：用户名或密码错误，或无权连接。`);
  if (code === '3D000') return new UserError(`数据库不存在：${where}。请先用 createdb 建库。`);
  if (code === '42501') return new UserError(`数据库用户权限不足（${e.message}）：${where}`);
  return e;
}

export async function openPool(url: string): Promise<Pool> {
  checkUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle connection the server drops is replaced on next use; it must not end the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw asPgUserError(e, url);
  }
  return pool;
}

/** Runs `fn` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
