// Undo of an import batch, and the list of batches. Undo reverses a batch exactly: its facts go,
// and the facts it replaced come back with their own batch ids (and the day columns of the days
// touched are rebuilt). A backup of the database is taken first. A batch some of whose facts a
// later live batch replaced cannot be undone before that one.
import type { Workspace } from '../workspace';
import type { Db } from '../database';
import type { BatchInfo, UndoResult } from '../../../shared/api/import';
import { UserError } from '../../../shared/errors';
import { backupDatabase } from '../backup';
import { rebuildDayColumnsOf } from '../day-columns';

interface BatchRow {
  id: number;
  source: string;
  sha256: string;
  fact_count: number;
  replaced_count: number;
  imported_at: string;
  undone_at: string | null;
  server_batch_id?: number | null;
}

function toInfo(b: BatchRow): BatchInfo {
  return {
    id: b.id,
    source: b.source,
    sha256: b.sha256,
    facts: b.fact_count,
    replaced: b.replaced_count,
    importedAt: b.imported_at,
    undoneAt: b.undone_at,
    origin: b.server_batch_id == null ? 'local' : 'server',
    serverBatchId: b.server_batch_id ?? null,
  };
}

export function listBatches(ws: Workspace): BatchInfo[] {
  const rows = ws.db
    .prepare(
      `SELECT b.id, b.source, b.sha256, b.fact_count, b.replaced_count, b.imported_at, b.undone_at, s.server_batch_id
         FROM batch b LEFT JOIN server_batch s ON s.batch_id = b.id ORDER BY b.id`,
    )
    .all() as BatchRow[];
  return rows.map(toInfo);
}

/** Throws a UserError when the batch cannot be undone (now). */
function checkUndoable(db: Db, batchId: number): BatchRow {
  const batch = db
    .prepare('SELECT id, source, sha256, fact_count, replaced_count, imported_at, undone_at FROM batch WHERE id = ?')
    .get(batchId) as BatchRow | undefined;
  if (!batch) throw new UserError(`批次 ${batchId} 不存在（“导入批次”列表或 info 命令列出全部批次）`);
  if (batch.undone_at !== null) throw new UserError(`批次 ${batchId}（${batch.source}）已于 ${batch.undone_at} 撤销，无需再次撤销`);
  const later = db
    .prepare(
      `SELECT b.id, b.source, COUNT(*) AS n, s.server_batch_id FROM fact_replaced r JOIN batch b ON b.id = r.batch_id
         LEFT JOIN server_batch s ON s.batch_id = b.id
        WHERE r.old_batch_id = ? AND b.undone_at IS NULL
        GROUP BY b.id ORDER BY b.id DESC`,
    )
    .all(batchId) as { id: number; source: string; n: number; server_batch_id: number | null }[];
  if (later.length > 0) {
    const list = later.map((b) => `批次 ${b.id}（${b.source}，替换了 ${b.n} 条）`).join('、');
    const first = later.map((b) => b.id).join('、');
    const fromServer = later.filter((b) => b.server_batch_id !== null);
    // A server batch is undone on the server only (refuseServerBatch): say so rather than ask for it here.
    const how =
      fromServer.length > 0
        ? `其中${fromServer.map((b) => `批次 ${b.id}`).join('、')}是省厅批次，须由省厅在服务器上撤销并同步到本机后，才能撤销批次 ${batchId}。`
        : `请先撤销批次 ${first}，再撤销批次 ${batchId}。`;
    throw new UserError(`不能撤销批次 ${batchId}：它的部分数据已被后来导入的${list}替换。${how}`);
  }
  return batch;
}

export function undoBatch(ws: Workspace, batchId: number): UndoResult {
  return undoBatchTouching(ws, batchId).result;
}

/**
 * A batch of the provincial record (brought by sync) is undone on the server, never here: undone
 * locally, the copy would disagree with the server and the server's own undo could not be applied.
 */
function refuseServerBatch(db: Db, batchId: number): void {
  const mark = db.prepare('SELECT server_batch_id FROM server_batch WHERE batch_id = ?').pluck().get(batchId) as number | undefined;
  if (mark !== undefined) {
    throw new UserError(
      `批次 ${batchId} 是从省厅服务器同步的（省厅批次 ${mark}），只能由省厅在服务器上撤销；撤销后再同步，本机会随之撤销。`,
    );
  }
}

/** The undo, and the days whose facts it changed (for the slice engine's update). */
export function undoBatchTouching(ws: Workspace, batchId: number): { result: UndoResult; days: number[] } {
  const db = ws.db;
  refuseServerBatch(db, batchId);
  checkUndoable(db, batchId);
  // VACUUM INTO cannot run inside a transaction, so the copy is taken just before it.
  // A 督导包 gets no backup: it would be a readable copy, and its sealed file is the state before.
  const backup = ws.kind === 'bundle' ? null : backupDatabase(db, ws.path, `before-undo-${batchId}`);
  const run = db.transaction(() => undoInTransaction(db, batchId, new Date().toISOString()));
  const { removed, restored, days } = run.immediate();
  return { result: { batchId, removed, restored, backup }, days };
}

/**
 * The undo itself, inside the caller's transaction (the workstation's undo, and sync applying a
 * batch the server undid, with its sync_state in the same transaction). Checks again that the batch
 * can be undone: nothing may have changed since the caller looked.
 */
export function undoInTransaction(db: Db, batchId: number, undoneAt: string): { removed: number; restored: number; days: number[] } {
  if (!db.inTransaction) throw new Error('undoInTransaction runs inside a transaction');
  checkUndoable(db, batchId);
  const days = db
    .prepare('SELECT day FROM fact WHERE batch_id = ? UNION SELECT day FROM fact_replaced WHERE batch_id = ?')
    .pluck()
    .all(batchId, batchId) as number[];
  const removed = db.prepare('DELETE FROM fact WHERE batch_id = ?').run(batchId).changes;
  const restored = db
    .prepare(
      `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note)
       SELECT day, region_code, indicator_id, value, old_batch_id, note FROM fact_replaced WHERE batch_id = ?`,
    )
    .run(batchId).changes;
  rebuildDayColumnsOf(db, days);
  db.prepare('UPDATE batch SET undone_at = ? WHERE id = ?').run(undoneAt, batchId);
  return { removed, restored, days };
}
