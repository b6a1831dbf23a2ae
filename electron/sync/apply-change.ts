// One change of the provincial record applied to the local copy, in ONE immediate transaction that
// also writes sync_state.last_seq: a cut connection or a killed process leaves either the whole
// change or none of it, and a change already applied (its batch in server_batch) is only skipped.
import type { Db } from '../store/database';
import type { BatchFact, ChangeJson } from '../../shared/api/sync-feed';
import { UserError } from '../../shared/errors';
import { FactBuffer } from '../store/facts/fact-buffer';
import { mergeIntoDayColumns } from '../store/facts/day-columns-update';
import { undoInTransaction } from '../store/facts/undo';
import { factKey } from '../store/fact-key';
import { advanceLastSeq } from '../store/sync-state';

export type Applied =
  | { kind: 'skipped' }
  | { kind: 'added'; localBatchId: number; facts: number; localSuperseded: number; days: number[] }
  | { kind: 'undone'; localBatchId: number; removed: number; restored: number; days: number[] };

interface ServerBatchRow {
  batch_id: number;
  undone_seq: number | null;
}

function serverBatchOf(db: Db, serverBatchId: number): ServerBatchRow | undefined {
  return db.prepare('SELECT batch_id, undone_seq FROM server_batch WHERE server_batch_id = ?').get(serverBatchId) as
    ServerBatchRow | undefined;
}

/**
 * batch_accepted: a local batch (the server's file name, sha256 and acceptance time) marked in
 * server_batch, and its facts with replace semantics: a key another batch holds — a local-only
 * import or another server batch — is superseded into fact_replaced, so undoing this batch puts
 * it back. `facts` must be the batch's complete list, fetched before this is called.
 */
export function applyBatchAccepted(db: Db, change: ChangeJson, facts: readonly BatchFact[]): Applied {
  const run = db.transaction((): Applied => {
    if (serverBatchOf(db, change.batch.id)) {
      advanceLastSeq(db, change.seq);
      return { kind: 'skipped' };
    }
    const b = change.batch;
    const localBatchId = Number(
      db
        .prepare('INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, ?, 0, ?)')
        .run(b.source, b.sha256, facts.length, b.accepted_at).lastInsertRowid,
    );
    const keepReplaced = db.prepare(
      `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
       SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?`,
    );
    const write = db.prepare(
      `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, region_code, indicator_id) DO UPDATE SET value = excluded.value, batch_id = excluded.batch_id, note = excluded.note`,
    );
    const buffer = new FactBuffer();
    const days = new Set<number>();
    for (const [day, region, indicator, value, note] of facts) {
      keepReplaced.run(localBatchId, day, region, indicator);
      write.run(day, region, indicator, value, localBatchId, note);
      buffer.push(factKey(day, region, indicator), day, region, indicator, value, note, 0, 0, 0);
      days.add(day);
    }
    mergeIntoDayColumns(db, [buffer]);
    const replaced = db.prepare('SELECT COUNT(*) FROM fact_replaced WHERE batch_id = ?').pluck().get(localBatchId) as number;
    // Figures of local-only imports (batches without a server mark) that the server's now hold.
    const localSuperseded = db
      .prepare(
        'SELECT COUNT(*) FROM fact_replaced r WHERE r.batch_id = ? AND NOT EXISTS (SELECT 1 FROM server_batch s WHERE s.batch_id = r.old_batch_id)',
      )
      .pluck()
      .get(localBatchId) as number;
    db.prepare('UPDATE batch SET replaced_count = ? WHERE id = ?').run(replaced, localBatchId);
    db.prepare(
      'INSERT INTO server_batch (batch_id, server_batch_id, accepted_seq, undone_seq, submission_id, city_code, accepted_at, accepted_by) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)',
    ).run(localBatchId, b.id, change.seq, b.submission_id, b.city_code, b.accepted_at, b.accepted_by);
    advanceLastSeq(db, change.seq);
    return { kind: 'added', localBatchId, facts: facts.length, localSuperseded, days: [...days].sort((x, y) => x - y) };
  });
  return run.immediate();
}

/** batch_undone: the mapped local batch undone exactly as the workstation's undo does it. */
export function applyBatchUndone(db: Db, change: ChangeJson): Applied {
  const run = db.transaction((): Applied => {
    const mapped = serverBatchOf(db, change.batch.id);
    if (!mapped) {
      // Its acceptance comes before it in the feed, so this copy holds it unless the copy lost it.
      throw new UserError(
        `服务器撤销了批次 ${change.batch.id}（${change.batch.source}），但本数据库中没有这个批次：数据库可能已被改动，请另用一个新数据库文件重新同步`,
      );
    }
    if (mapped.undone_seq !== null) {
      advanceLastSeq(db, change.seq);
      return { kind: 'skipped' };
    }
    let undone: { removed: number; restored: number; days: number[] };
    try {
      undone = undoInTransaction(db, mapped.batch_id, change.at);
    } catch (e) {
      // A local-only import replaced some of its figures: that import must go first (it says which).
      if (e instanceof UserError)
        throw new UserError(`服务器已撤销批次 ${change.batch.id}（${change.batch.source}），本机无法照办：${e.message}`);
      throw e;
    }
    db.prepare('UPDATE server_batch SET undone_seq = ? WHERE batch_id = ?').run(change.seq, mapped.batch_id);
    advanceLastSeq(db, change.seq);
    return { kind: 'undone', localBatchId: mapped.batch_id, ...undone };
  });
  return run.immediate();
}
