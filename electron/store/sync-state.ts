// What a local copy remembers of the provincial server it follows (sync_state, migration 6), and
// the checks that keep one copy to one server and one scope: a copy of 太原市 is never filled with
// the whole province, nor the province's copy thinned to a city, nor two servers' records mixed.
import type { Db } from './database';
import { UserError } from '../../shared/errors';

export interface SyncState {
  serverUrl: string;
  serverId: string | null;
  userName: string;
  role: string;
  cityCode: number | null;
  lastSeq: number;
  lastSyncAt: string | null;
  lastPulled: number;
}

interface StateRow {
  server_url: string;
  server_id: string | null;
  user_name: string;
  role: string;
  city_code: number | null;
  last_seq: number;
  last_sync_at: string | null;
  last_pulled: number;
}

export function readSyncState(db: Db): SyncState | null {
  const r = db
    .prepare('SELECT server_url, server_id, user_name, role, city_code, last_seq, last_sync_at, last_pulled FROM sync_state WHERE id = 1')
    .get() as StateRow | undefined;
  if (!r) return null;
  return {
    serverUrl: r.server_url,
    serverId: r.server_id,
    userName: r.user_name,
    role: r.role,
    cityCode: r.city_code,
    lastSeq: r.last_seq,
    lastSyncAt: r.last_sync_at,
    lastPulled: r.last_pulled,
  };
}

/** Whom a sync runs as: the logged-in account, its city resolved to a code (null: the province). */
export interface SyncAccount {
  serverUrl: string;
  serverId: string;
  userName: string;
  role: string;
  cityCode: number | null;
  cityName: string | null;
}

function scopeName(db: Db, cityCode: number | null): string {
  if (cityCode === null) return '全省';
  const name = db.prepare('SELECT name FROM region WHERE code = ?').pluck().get(cityCode) as string | undefined;
  return name ?? String(cityCode);
}

/**
 * Refuses a sync that would mix records: another server than the one this copy follows (its
 * sequence numbers and batch ids mean something else), or another scope (a city's copy synced as
 * the province or as another city, or the reverse). The same scope with another user is fine.
 */
export function checkSyncAllowed(db: Db, state: SyncState | null, who: SyncAccount): void {
  if (!state) return;
  if (state.serverId !== null && state.serverId !== who.serverId) {
    throw new UserError(
      `本数据库是从另一台省厅服务器同步的（${state.serverUrl}，服务器编号 ${state.serverId}），` +
        `与现在连接的 ${who.serverUrl}（服务器编号 ${who.serverId}）不是同一台：两台服务器的批次和变更序号互不相通，不能混在一个数据库里。请另用一个新数据库文件同步这台服务器。`,
    );
  }
  if (state.cityCode !== who.cityCode) {
    const have = scopeName(db, state.cityCode);
    const want = who.cityCode === null ? '全省' : (who.cityName ?? scopeName(db, who.cityCode));
    throw new UserError(
      `本数据库是${have}的数据副本（由用户 ${state.userName} 同步），用户 ${who.userName} 可同步的范围是${want}，` +
        `两者不同，不能同步到这个数据库：否则会混入或缺少部分地市的数据。请用${have}范围的账号同步，或另用一个新数据库文件。`,
    );
  }
}

/** Records whom this copy follows (kept: last_seq and the last sync's time). */
export function rememberServer(db: Db, who: SyncAccount): void {
  db.prepare(
    `INSERT INTO sync_state (id, server_url, server_id, user_name, role, city_code, last_seq)
     VALUES (1, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, server_id = excluded.server_id,
       user_name = excluded.user_name, role = excluded.role, city_code = excluded.city_code`,
  ).run(who.serverUrl, who.serverId, who.userName, who.role, who.cityCode);
}

/** Inside the change's own transaction: the change at `seq` is applied. */
export function advanceLastSeq(db: Db, seq: number): void {
  db.prepare('UPDATE sync_state SET last_seq = MAX(last_seq, ?) WHERE id = 1').run(seq);
}

export function recordSyncFinished(db: Db, at: string, pulled: number): void {
  db.prepare('UPDATE sync_state SET last_sync_at = ?, last_pulled = ? WHERE id = 1').run(at, pulled);
}
