// The provincial record: accepting a submission makes a batch (its submission_fact rows become
// facts, under the same conflict and replace rules as the workstation's import: a key another live
// batch holds is a conflict unless the submission replaces, and what it replaces goes to
// fact_replaced); undoing a batch puts back what it replaced, as the workstation's undo does. Each
// writes one change_log row in the caller's transaction, after LOCK TABLE change_log IN EXCLUSIVE
// MODE (see migration 001): the lock also serialises every writer of the record, so the conflict
// check and the writes see the same facts.
//
// Set-based SQL only (INSERT … SELECT, UPDATE … FROM): a batch may hold 100k+ facts.
import type { PoolClient } from './pg-pool';
import type { SubmissionKind, SubmissionProblem } from '../../shared/api/central';
import { MAX_ISSUES_PER_FILE } from '../ingest/issues';
import { isoDay } from '../../shared/dates';

export interface AcceptedBatch {
  batchId: number;
  seq: number;
  facts: number;
  replaced: number;
}

export interface UndoneBatch {
  seq: number;
  /** Facts of earlier batches put back. */
  restored: number;
  /** Facts of this batch taken out of the record. */
  removed: number;
}

/** Thrown when a submission that does not replace meets figures another live batch holds. */
export class RecordConflict extends Error {
  constructor(
    readonly problems: SubmissionProblem[],
    readonly count: number,
  ) {
    super(`与已采用的数据冲突 ${count} 处`);
  }
}

/** The record refuses the change as asked (not waiting, already undone, replaced later): 409 with this message. */
export class RecordRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordRefused';
  }
}

async function lockChangeLog(db: PoolClient): Promise<void> {
  await db.query('LOCK TABLE change_log IN EXCLUSIVE MODE');
}

/** A unit as people name it: 太原市小店区, 太原市本级, 省厅直属 (SQL, over region r and its city c). */
const UNIT_NAME_SQL = `CASE WHEN r.level = 'county' THEN c.name || r.name WHEN r.level = 'city' THEN r.name || '本级' ELSE '省厅直属' END`;

interface ConflictRow {
  day: number;
  unit: string;
  indicator: string;
  value: number;
  old_value: number;
  batch_id: string;
  source: string;
}

/** The conflicts of a submission that does not replace, listed as the import lists them (bounded). */
async function conflictsOf(
  db: PoolClient,
  submissionId: number,
  fileName: string,
): Promise<{ count: number; problems: SubmissionProblem[] }> {
  const counted = await db.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM submission_fact s
       JOIN fact f ON f.day = s.day AND f.region_code = s.region_code AND f.indicator_id = s.indicator_id
      WHERE s.submission_id = $1`,
    [submissionId],
  );
  const count = Number(counted.rows[0]?.n ?? 0);
  if (count === 0) return { count, problems: [] };
  const listed = await db.query<ConflictRow>(
    `SELECT s.day, ${UNIT_NAME_SQL} AS unit, d.name || '·' || i.name AS indicator, s.value, f.value AS old_value,
            f.batch_id, b.source
       FROM submission_fact s
       JOIN fact f ON f.day = s.day AND f.region_code = s.region_code AND f.indicator_id = s.indicator_id
       JOIN batch b ON b.id = f.batch_id
       JOIN region r ON r.code = s.region_code
       LEFT JOIN region c ON c.code = r.city_code
       JOIN indicator i ON i.id = s.indicator_id
       JOIN department d ON d.id = i.department_id
      WHERE s.submission_id = $1
      ORDER BY s.day, r.sort, i.sort
      LIMIT $2`,
    [submissionId, MAX_ISSUES_PER_FILE],
  );
  const problems: SubmissionProblem[] = listed.rows.map((row) => ({
    kind: 'conflict',
    file: fileName,
    sheet: null,
    row: null,
    column: null,
    value: String(row.value),
    reason: `${row.unit}·${row.indicator}·${isoDay(row.day)} 已有数值 ${row.old_value}（批次 ${row.batch_id}，来源“${row.source}”）`,
  }));
  if (count > problems.length) {
    problems.push({
      kind: 'more',
      file: fileName,
      sheet: null,
      row: null,
      column: null,
      value: null,
      reason: `另有 ${(count - problems.length).toLocaleString('en-US')} 处冲突未列出（共 ${count.toLocaleString('en-US')} 处）`,
    });
  }
  return { count, problems };
}

interface SubmissionRow {
  id: string;
  kind: SubmissionKind;
  city_code: number;
  file_name: string;
  file_sha256: string;
  status: string;
  replace_existing: boolean;
}

/**
 * The submission (待审核) becomes a batch; the caller's transaction commits both. A submission
 * replaces when it asked to (replace_existing) and always as a 督导回传 (verified corrections).
 * Throws RecordConflict (nothing written) when it does not replace and meets accepted figures,
 * RecordRefused when it is not 待审核.
 */
export async function acceptIntoRecord(db: PoolClient, submissionId: number, acceptedBy: number, now: Date): Promise<AcceptedBatch> {
  await lockChangeLog(db);
  const found = await db.query<SubmissionRow>(
    'SELECT id, kind, city_code, file_name, file_sha256, status, replace_existing FROM submission WHERE id = $1 FOR UPDATE',
    [submissionId],
  );
  const sub = found.rows[0];
  if (!sub) throw new RecordRefused(`报送 ${submissionId} 不存在`);
  if (sub.status !== '待审核') throw new RecordRefused(`报送 ${submissionId} 的状态是“${sub.status}”，只有“待审核”的报送可以采用`);
  const replace = sub.replace_existing || sub.kind === 'inspection_return';
  if (!replace) {
    const { count, problems } = await conflictsOf(db, submissionId, sub.file_name);
    if (count > 0) throw new RecordConflict(problems, count);
  }
  const batch = await db.query<{ id: string }>(
    `INSERT INTO batch (submission_id, city_code, source, sha256, fact_count, replaced_count, accepted_at, accepted_by)
     VALUES ($1, $2, $3, $4, 0, 0, $5, $6) RETURNING id`,
    [submissionId, sub.city_code, sub.file_name, sub.file_sha256, now, acceptedBy],
  );
  const batchId = Number(batch.rows[0]!.id);
  let replaced = 0;
  if (replace) {
    // The old figures (with the batch that brought them and their note) first, then overwritten.
    const kept = await db.query(
      `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
       SELECT $1, f.day, f.region_code, f.indicator_id, f.value, f.batch_id, f.note
         FROM fact f JOIN submission_fact s ON s.day = f.day AND s.region_code = f.region_code AND s.indicator_id = f.indicator_id
        WHERE s.submission_id = $2`,
      [batchId, submissionId],
    );
    replaced = kept.rowCount ?? 0;
    if (replaced > 0) {
      await db.query(
        `UPDATE fact SET value = s.value, batch_id = $1, note = s.note
           FROM submission_fact s
          WHERE s.submission_id = $2 AND s.day = fact.day AND s.region_code = fact.region_code AND s.indicator_id = fact.indicator_id`,
        [batchId, submissionId],
      );
    }
  }
  await db.query(
    `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note)
     SELECT s.day, s.region_code, s.indicator_id, s.value, $1, s.note FROM submission_fact s
      WHERE s.submission_id = $2
        AND NOT EXISTS (SELECT 1 FROM fact f WHERE f.day = s.day AND f.region_code = s.region_code AND f.indicator_id = s.indicator_id)`,
    [batchId, submissionId],
  );
  const counted = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM submission_fact WHERE submission_id = $1', [submissionId]);
  const facts = Number(counted.rows[0]!.n);
  await db.query('UPDATE batch SET fact_count = $1, replaced_count = $2 WHERE id = $3', [facts, replaced, batchId]);
  await db.query("UPDATE submission SET status = '已采用', decided_at = $1, decided_by = $2, batch_id = $3 WHERE id = $4", [
    now,
    acceptedBy,
    batchId,
    submissionId,
  ]);
  const change = await db.query<{ seq: string }>(
    "INSERT INTO change_log (at, kind, batch_id, city_code) VALUES ($1, 'batch_accepted', $2, $3) RETURNING seq",
    [now, batchId, sub.city_code],
  );
  return { batchId, seq: Number(change.rows[0]!.seq), facts, replaced };
}

/**
 * Undoes a batch exactly as the workstation's undo does: its facts go, the facts it replaced come
 * back with their own batch ids; refused when it is unknown, already undone, or a later live batch
 * replaced some of its facts (that one must be undone first). The submission stays 已采用 (it
 * names its batch); the batch's undone_at says the record no longer holds it.
 */
export async function undoInRecord(db: PoolClient, batchId: number, undoneBy: number, now: Date): Promise<UndoneBatch> {
  await lockChangeLog(db);
  const found = await db.query<{ source: string; city_code: number | null; undone_at: Date | null }>(
    'SELECT source, city_code, undone_at FROM batch WHERE id = $1 FOR UPDATE',
    [batchId],
  );
  const batch = found.rows[0];
  if (!batch) throw new RecordRefused(`批次 ${batchId} 不存在`);
  if (batch.undone_at !== null)
    throw new RecordRefused(`批次 ${batchId}（${batch.source}）已于 ${batch.undone_at.toISOString()} 撤销，无需再次撤销`);
  const later = await db.query<{ id: string; source: string; n: string }>(
    `SELECT b.id, b.source, COUNT(*) AS n FROM fact_replaced r JOIN batch b ON b.id = r.batch_id
      WHERE r.old_batch_id = $1 AND b.undone_at IS NULL
      GROUP BY b.id, b.source ORDER BY b.id DESC`,
    [batchId],
  );
  if (later.rows.length > 0) {
    const list = later.rows.map((b) => `批次 ${b.id}（${b.source}，替换了 ${b.n} 条）`).join('、');
    const first = later.rows.map((b) => b.id).join('、');
    throw new RecordRefused(
      `不能撤销批次 ${batchId}：它的部分数据已被后来采用的${list}替换。请先撤销批次 ${first}，再撤销批次 ${batchId}。`,
    );
  }
  const removed = (await db.query('DELETE FROM fact WHERE batch_id = $1', [batchId])).rowCount ?? 0;
  const restored =
    (
      await db.query(
        `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note)
         SELECT day, region_code, indicator_id, value, old_batch_id, note FROM fact_replaced WHERE batch_id = $1`,
        [batchId],
      )
    ).rowCount ?? 0;
  await db.query('UPDATE batch SET undone_at = $1, undone_by = $2 WHERE id = $3', [now, undoneBy, batchId]);
  const change = await db.query<{ seq: string }>(
    "INSERT INTO change_log (at, kind, batch_id, city_code) VALUES ($1, 'batch_undone', $2, $3) RETURNING seq",
    [now, batchId, batch.city_code],
  );
  return { seq: Number(change.rows[0]!.seq), restored, removed };
}
