// Corrections of a 督导回传 applied to this copy as ONE import batch, exactly as `import --replace`
// writes: the fact it replaces is kept in fact_replaced, so `campaign undo <batch>` puts the
// provincial figure back. A correction is applied only where this copy still holds the figure the
// bundle had (its original value; null: not reported, no fact); otherwise it is stored unapplied
// with the figure found here, and reported as a conflict.
import type { Workspace } from '../store/workspace';
import type { MergeConflict } from '../../shared/api/inspection';
import { isoDay } from '../../shared/dates';
import { rebuildDayColumnsOf } from '../store/day-columns';
import type { ReturnCorrection } from '../../shared/api/return-file';
import { reportingUnitName } from './return-checks';

export interface CorrectionsMerged {
  applied: number;
  skipped: number;
  conflicts: MergeConflict[];
  batchId: number | null;
  /** Fact days the applied corrections changed. */
  days: number[];
}

interface FactRow {
  value: number;
  batch_id: number;
}

export function mergeCorrections(
  ws: Workspace,
  corrections: readonly ReturnCorrection[],
  batch: { source: string; sha256: string; at: string },
  returnId: string,
): CorrectionsMerged {
  const db = ws.db;
  const known = db.prepare('SELECT 1 FROM correction WHERE id = ?').pluck();
  const factOf = db.prepare('SELECT value, batch_id FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?');
  const insertBatch = db.prepare('INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, 0, 0, ?)');
  const keepReplaced = db.prepare(
    `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
     SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?`,
  );
  // As a correction on the bundle writes it: the reason lives in the correction, not in the fact's note.
  const updateFact = db.prepare('UPDATE fact SET value = ?, batch_id = ?, note = ? WHERE day = ? AND region_code = ? AND indicator_id = ?');
  const insertFact = db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES (?, ?, ?, ?, ?, ?)');
  const insertCorrection = db.prepare(
    `INSERT INTO correction (id, region_code, indicator_id, day, original_value, value, reason, finding_id, created_at, created_by, batch_id, conflict_value, return_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Every correction is recorded: with the batch it wrote, or with the provincial value it met instead.
  const recordCorrection = (c: ReturnCorrection, batchId: number | null, conflictValue: number | null) =>
    insertCorrection.run(
      c.id,
      c.region_code,
      c.indicator_id,
      c.day,
      c.original_value,
      c.value,
      c.reason,
      c.finding_id,
      c.created_at,
      c.created_by,
      batchId,
      conflictValue,
      returnId,
    );
  const indicatorKey = new Map(ws.catalogue.indicators.map((i) => [i.id, i.key]));

  const result: CorrectionsMerged = { applied: 0, skipped: 0, conflicts: [], batchId: null, days: [] };
  const written = new Set<string>();
  const days = new Set<number>();
  let replaced = 0;
  // In the order they were made: a figure corrected twice on site ends at the second value.
  const ordered = [...corrections].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const c of ordered) {
    if (known.get(c.id) !== undefined) {
      result.skipped++;
      continue;
    }
    const fact = factOf.get(c.day, c.region_code, c.indicator_id) as FactRow | undefined;
    const current = fact?.value ?? null;
    if (current !== c.original_value) {
      recordCorrection(c, null, current);
      result.conflicts.push({
        correction: c.id,
        region_code: String(c.region_code),
        region_name: reportingUnitName(ws, c.region_code),
        indicator: indicatorKey.get(c.indicator_id) ?? String(c.indicator_id),
        day: isoDay(c.day),
        bundle_value: c.original_value,
        province_value: current,
        corrected_value: c.value,
      });
      continue;
    }
    if (result.batchId === null) result.batchId = Number(insertBatch.run(batch.source, batch.sha256, batch.at).lastInsertRowid);
    const batchId = result.batchId;
    if (fact) {
      // The provincial figure is kept once, the first time this batch replaces it: undo restores it.
      if (fact.batch_id !== batchId) {
        keepReplaced.run(batchId, c.day, c.region_code, c.indicator_id);
        replaced++;
      }
      updateFact.run(c.value, batchId, null, c.day, c.region_code, c.indicator_id);
    } else {
      insertFact.run(c.day, c.region_code, c.indicator_id, c.value, batchId, null);
    }
    recordCorrection(c, batchId, null);
    written.add(`${c.day}/${c.region_code}/${c.indicator_id}`);
    days.add(c.day);
    result.applied++;
  }
  if (result.batchId !== null) {
    db.prepare('UPDATE batch SET fact_count = ?, replaced_count = ? WHERE id = ?').run(written.size, replaced, result.batchId);
    rebuildDayColumnsOf(db, days);
  }
  result.days = [...days].sort((a, b) => a - b);
  return result;
}
