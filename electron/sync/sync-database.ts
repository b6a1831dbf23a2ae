// Bringing a local SQLite copy up to date with the provincial record (issue 14 §2): the changes
// after sync_state.last_seq, each applied in its own local transaction together with the new
// last_seq (resumable after a cut connection or a killed process, idempotent), server batches marked
// in server_batch so local-only imports stay local. A city-bound account's copy gets its city only.
import type { Workspace } from '../store/workspace';
import type { SyncProgress, SyncResult } from '../../shared/api/central';
import { CHANGES_PAGE_MAX, type BatchFact, type ChangeJson } from '../../shared/api/sync-feed';
import { UserError } from '../../shared/errors';
import type { CentralClient } from '../central-client/http-client';
import { bundleInfoOf } from '../store/bundle-origin';
import { holdsDemoData } from '../demo/marker';
import { applyBatchAccepted, applyBatchUndone } from './apply-change';
import { checkSyncAllowed, readSyncState, recordSyncFinished, rememberServer, type SyncAccount, type SyncState } from '../store/sync-state';
import { pauseForTestIfAsked } from './sync-test-hooks';
import { checkBatchFacts, checkChanges } from './feed-answers';

export type { SyncState } from '../store/sync-state';

export interface SyncOutcome {
  result: SyncResult;
  /** Days whose facts changed (for the slice engine's in-place update). */
  days: number[];
}

/**
 * A server restored from a backup older than this copy's last sync keeps its id but has lost the
 * changes after the backup, and would hand out their sequence numbers again: those new changes would
 * be taken as already applied. So the last change this copy applied must still be on the server,
 * with the same batch; else the copy is refused (a new file syncs afresh).
 */
async function checkServerNotBehind(ws: Workspace, client: CentralClient, fromSeq: number): Promise<void> {
  if (fromSeq === 0) return;
  const mine = ws.db
    .prepare('SELECT server_batch_id FROM server_batch WHERE accepted_seq = ? OR undone_seq = ?')
    .pluck()
    .get(fromSeq, fromSeq) as number | undefined;
  if (mine === undefined) return;
  const page = checkChanges(await client.get<unknown>('/api/changes', { after: fromSeq - 1, limit: 1 }));
  const theirs = page.changes[0];
  if (!theirs || theirs.seq !== fromSeq || theirs.batch.id !== mine) {
    throw new UserError(
      `本机数据库已同步到变更序号 ${fromSeq}，但服务器上${theirs && theirs.seq === fromSeq ? '该序号对应的批次不同' : `只到序号 ${page.last_seq}`}：服务器可能已从较早的备份恢复。` +
        '本机数据库保持不动；请另建一个新数据库文件重新同步，再核对两者的差异。',
    );
  }
}

/** What this copy remembers of its server (null: never synced). */
export function syncStateOf(ws: Workspace): SyncState | null {
  return readSyncState(ws.db);
}

function accountOf(ws: Workspace, client: CentralClient, serverId: string): SyncAccount {
  const user = client.user;
  if (!user) throw new UserError('尚未登录省厅服务器');
  let cityCode: number | null = null;
  if (user.role === 'city' || user.role === 'inspector') {
    if (user.region === null) throw new UserError(`账号 ${user.name} 没有所属地市，无法确定同步范围`);
    const code = ws.db.prepare("SELECT code FROM region WHERE name = ? AND level = 'city'").pluck().get(user.region) as number | undefined;
    if (code === undefined) throw new UserError(`账号 ${user.name} 的所属地市“${user.region}”不在本机的地区目录中`);
    cityCode = code;
  }
  return { serverUrl: client.url, serverId, userName: user.name, role: user.role, cityCode, cityName: user.region };
}

export interface SyncOptions {
  /** Facts asked for per page of a batch (default: the server's page, 50,000); tests page finer. */
  factsPageSize?: number;
}

/** The batch's facts, every page, before its local transaction opens. */
async function fetchBatchFacts(
  client: CentralClient,
  change: ChangeJson,
  pageSize: number | undefined,
  units: ReadonlySet<number> | null,
  onPage: () => void,
): Promise<BatchFact[]> {
  const facts: BatchFact[] = [];
  let after: string | null = null;
  for (;;) {
    onPage();
    const page = checkBatchFacts(
      await client.get<unknown>('/api/batch-facts', { id: change.batch.id, after: after ?? undefined, limit: pageSize }),
      change.batch.id,
    );
    if (page.batch_id !== change.batch.id) throw new UserError(`服务器对批次 ${change.batch.id} 数据的回答不对，同步已停止`);
    for (const f of page.facts) {
      if (units && !units.has(f[1]))
        throw new UserError(`服务器发来的批次 ${change.batch.id} 含有本数据库范围以外的地区（${f[1]}），同步已停止`);
      facts.push(f);
    }
    if (page.next === null) break;
    if (page.next === after) throw new UserError(`服务器对批次 ${change.batch.id} 数据的分页不前进，同步已停止`);
    after = page.next;
  }
  if (facts.length !== change.batch.fact_count) {
    throw new UserError(
      `服务器批次 ${change.batch.id} 应有 ${change.batch.fact_count} 条数据，实际收到 ${facts.length} 条，同步已停止（已同步的部分保留，可重试）`,
    );
  }
  return facts;
}

export async function syncDatabase(
  ws: Workspace,
  client: CentralClient,
  onProgress?: (p: SyncProgress) => void,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const db = ws.db;
  if (ws.kind === 'bundle' || bundleInfoOf(db)) {
    throw new UserError('督导包只用于督导组现场核查，不能与省厅服务器同步：请打开全省数据库或一个新数据库文件再同步');
  }
  // The demo is invented: the province's record never goes into it, nor it into the record's copy.
  if (holdsDemoData(db)) {
    throw new UserError('演示数据库不与省厅服务器同步（演示数据与正式数据不混在一起）：请新建一个数据库文件，或打开正式数据库后再同步');
  }
  const health = await client.health();
  const who = accountOf(ws, client, health.server_id);
  const before = readSyncState(db);
  checkSyncAllowed(db, before, who);
  db.transaction(() => rememberServer(db, who)).immediate();

  // A city's copy takes its city's units only (the server holds it to them too).
  const units =
    who.cityCode === null
      ? null
      : new Set(db.prepare('SELECT code FROM region WHERE code = ? OR city_code = ?').pluck().all(who.cityCode, who.cityCode) as number[]);
  const fromSeq = before?.lastSeq ?? 0;
  await checkServerNotBehind(ws, client, fromSeq);
  let lastSeq = fromSeq;
  const result: SyncResult = {
    server_url: client.url,
    from_seq: fromSeq,
    to_seq: fromSeq,
    batches_added: 0,
    batches_undone: 0,
    facts_added: 0,
    local_facts_superseded: 0,
    changes_skipped: 0,
    finished_at: '',
  };
  const days = new Set<number>();
  let done = 0;
  try {
    for (;;) {
      const page = checkChanges(await client.get<unknown>('/api/changes', { after: lastSeq, limit: CHANGES_PAGE_MAX }));
      if (page.server_id !== health.server_id) throw new UserError('服务器在同步过程中换了一台（服务器编号不同），同步已停止');
      const total = done + page.changes.length;
      for (const change of page.changes) {
        if (change.seq <= lastSeq) throw new UserError('服务器返回的变更序号没有递增，同步已停止');
        if (change.kind === 'batch_accepted') {
          const already = db.prepare('SELECT 1 FROM server_batch WHERE server_batch_id = ?').get(change.batch.id) !== undefined;
          // 'facts' once per page: a large batch shows it is still downloading.
          const facts = already
            ? []
            : await fetchBatchFacts(client, change, options.factsPageSize, units, () => onProgress?.({ stage: 'facts', done, total }));
          onProgress?.({ stage: 'apply', done, total });
          const applied = applyBatchAccepted(db, change, facts);
          if (applied.kind === 'added') {
            result.batches_added++;
            result.facts_added += applied.facts;
            result.local_facts_superseded += applied.localSuperseded;
            for (const d of applied.days) days.add(d);
          } else result.changes_skipped++;
        } else {
          onProgress?.({ stage: 'apply', done, total });
          const applied = applyBatchUndone(db, change);
          if (applied.kind === 'undone') {
            result.batches_undone++;
            for (const d of applied.days) days.add(d);
          } else result.changes_skipped++;
        }
        lastSeq = change.seq;
        done++;
        onProgress?.({ stage: 'changes', done, total });
        await pauseForTestIfAsked(done);
      }
      if (page.changes.length < CHANGES_PAGE_MAX || lastSeq >= page.last_seq) break;
    }
  } catch (e) {
    if (e instanceof UserError && lastSeq !== fromSeq) {
      throw new UserError(`${e.message}\n同步中断：已完成的 ${done} 项变更已保存（到序号 ${lastSeq}），再次同步会从这里继续。`);
    }
    throw e;
  }
  result.to_seq = lastSeq;
  result.finished_at = new Date().toISOString();
  db.transaction(() => recordSyncFinished(db, result.finished_at, done - result.changes_skipped)).immediate();
  return { result, days: [...days].sort((a, b) => a - b) };
}
