// 核实更正: one figure found wrong on site, corrected with its original kept. The corrections made
// here form one local batch, written as an `--replace` import writes (fact_replaced keeps what each
// replaced), so that undoing the batch puts every original back — and removes a figure that had
// never been reported.
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../store/workspace';
import type { CorrectInput, CorrectionJson, CorrectionList, CorrectionState } from '../../shared/api/inspection';
import { isoDay, parseIsoDay } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import { bundleInfoOf } from '../store/bundle-origin';
import { rebuildDayColumnsOf } from '../store/day-columns';
import { sha256Hex } from './attachments';
import { regionLabels, reportingUnit, resolveIndicator } from './resolve';

/**
 * The live local corrections batch: not undone, holding only facts that corrections made here
 * wrote, and none of them replaced since by a later live batch (that later batch would have to be
 * undone first, so a new batch is started instead).
 */
function liveCorrectionBatch(ws: Workspace): number | null {
  const id = ws.db
    .prepare(
      `SELECT b.id FROM batch b
        WHERE b.undone_at IS NULL
          AND EXISTS (SELECT 1 FROM correction c WHERE c.batch_id = b.id AND c.return_id IS NULL)
          AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.batch_id = b.id AND c.return_id IS NOT NULL)
          AND NOT EXISTS (
            SELECT 1 FROM fact f WHERE f.batch_id = b.id AND NOT EXISTS (
              SELECT 1 FROM correction c WHERE c.batch_id = b.id AND c.return_id IS NULL
                 AND c.region_code = f.region_code AND c.indicator_id = f.indicator_id AND c.day = f.day))
          AND NOT EXISTS (
            SELECT 1 FROM fact_replaced r JOIN batch later ON later.id = r.batch_id
             WHERE r.old_batch_id = b.id AND later.undone_at IS NULL)
        ORDER BY b.id DESC LIMIT 1`,
    )
    .pluck()
    .get() as number | undefined;
  return id ?? null;
}

function newCorrectionBatch(ws: Workspace, actor: string, now: string): number {
  // A digest of nothing a file could hold: an import never takes it for a file imported before.
  const sha = sha256Hex(Buffer.from(`核实更正:${randomUUID()}`));
  return Number(
    ws.db
      .prepare('INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, 0, 0, ?)')
      .run(`核实更正（${actor}）`, sha, now).lastInsertRowid,
  );
}

function formatValue(v: number | null): string {
  return v === null ? '未填报' : String(v);
}

export function correctFigure(ws: Workspace, input: CorrectInput, actor: string): { correction: CorrectionJson; days: number[] } {
  const db = ws.db;
  const region = reportingUnit(ws, input.region);
  const indicator = resolveIndicator(ws, input.indicator);
  const day = parseIsoDay(input.day)!;
  const bundle = bundleInfoOf(db);
  if (bundle !== null && (input.day < bundle.from || input.day > bundle.to)) {
    throw new UserError(`本督导包只含 ${bundle.from} 至 ${bundle.to} 的数据，${input.day} 不在其中`);
  }
  const code = Number(region.code);
  const id = randomUUID();
  db.transaction(() => {
    if (input.finding !== undefined && db.prepare('SELECT 1 FROM finding WHERE id = ?').get(input.finding) === undefined) {
      throw new UserError(`没有编号为 ${input.finding} 的督导发现（campaign finding list 列出全部编号）`);
    }
    const now = new Date().toISOString();
    const existing = db
      .prepare('SELECT value, batch_id FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?')
      .get(day, code, indicator.id) as { value: number; batch_id: number } | undefined;
    if (existing && existing.value === input.value) {
      throw new UserError(`${ws.resolver.fullRegionName(region)} ${input.day} ${indicator.key} 已是 ${input.value}，无需更正`);
    }
    const batchId = liveCorrectionBatch(ws) ?? newCorrectionBatch(ws, actor, now);
    if (!existing) {
      db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES (?, ?, ?, ?, ?, NULL)').run(
        day,
        code,
        indicator.id,
        input.value,
        batchId,
      );
      db.prepare('UPDATE batch SET fact_count = fact_count + 1 WHERE id = ?').run(batchId);
    } else if (existing.batch_id === batchId) {
      // Corrected before in this batch: fact_replaced keeps the first original, undo restores that.
      db.prepare('UPDATE fact SET value = ? WHERE day = ? AND region_code = ? AND indicator_id = ?').run(
        input.value,
        day,
        code,
        indicator.id,
      );
    } else {
      db.prepare(
        `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
         SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?`,
      ).run(batchId, day, code, indicator.id);
      db.prepare('UPDATE fact SET value = ?, batch_id = ?, note = NULL WHERE day = ? AND region_code = ? AND indicator_id = ?').run(
        input.value,
        batchId,
        day,
        code,
        indicator.id,
      );
      db.prepare('UPDATE batch SET fact_count = fact_count + 1, replaced_count = replaced_count + 1 WHERE id = ?').run(batchId);
    }
    rebuildDayColumnsOf(db, [day]);
    db.prepare(
      `INSERT INTO correction (id, region_code, indicator_id, day, original_value, value, reason, finding_id, created_at, created_by, batch_id, conflict_value, return_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
    ).run(id, code, indicator.id, day, existing?.value ?? null, input.value, input.reason, input.finding ?? null, now, actor, batchId);
  }).immediate();
  return { correction: correctionsJson(ws, 'WHERE c.id = ?', [id])[0]!, days: [day] };
}

/** What a correction did, in words: 太原市本级 2023-07-06 禁毒/出动警力：12 → 15（批次 7）. */
export function describeCorrection(c: CorrectionJson): string {
  return `${c.region_name} ${c.day} ${c.department}/${c.indicator}：${formatValue(c.original_value)} → ${c.value}${c.batch === null ? '' : `（批次 ${c.batch}）`}`;
}

interface CorrectionRow {
  id: string;
  region_code: number;
  department: string;
  indicator: string;
  day: number;
  original_value: number | null;
  value: number;
  reason: string;
  finding_id: string | null;
  created_at: string;
  created_by: string;
  batch_id: number | null;
  undone_at: string | null;
  conflict_value: number | null;
}

function correctionsJson(ws: Workspace, where: string, args: (string | number)[]): CorrectionJson[] {
  const rows = ws.db
    .prepare(
      `SELECT c.id, c.region_code, d.name AS department, i.name AS indicator, c.day, c.original_value, c.value, c.reason, c.finding_id,
              c.created_at, c.created_by, c.batch_id, b.undone_at, c.conflict_value
         FROM correction c
         JOIN indicator i ON i.id = c.indicator_id
         JOIN department d ON d.id = i.department_id
         LEFT JOIN batch b ON b.id = c.batch_id
        ${where}
        ORDER BY c.created_at, c.rowid`,
    )
    .all(...args) as CorrectionRow[];
  const labels = regionLabels(ws);
  return rows.map((r) => {
    const code = String(r.region_code);
    const state: CorrectionState = r.batch_id === null ? '冲突未采用' : r.undone_at !== null ? '已撤销' : '已更正';
    return {
      id: r.id,
      region_code: code,
      region_name: labels.reportingUnit(code),
      city_name: labels.city(code),
      department: r.department,
      indicator: r.indicator,
      day: isoDay(r.day),
      original_value: r.original_value,
      value: r.value,
      reason: r.reason,
      finding: r.finding_id,
      created_at: r.created_at,
      user: r.created_by,
      state,
      batch: r.batch_id,
      conflict_value: r.conflict_value,
    };
  });
}

export function listCorrections(ws: Workspace, input: { region?: string | undefined }): CorrectionList {
  if (input.region === undefined) return { corrections: correctionsJson(ws, '', []) };
  const selected = ws.resolver.resolveRegionSelection(input.region);
  if (!selected.ok) throw new UserError(selected.reason);
  const r = selected.value.region;
  if (r.level === 'province') return { corrections: correctionsJson(ws, '', []) };
  if (r.level === 'county' || selected.value.ownUnits)
    return { corrections: correctionsJson(ws, 'WHERE c.region_code = ?', [Number(r.code)]) };
  return { corrections: correctionsJson(ws, 'WHERE c.region_code IN (SELECT code FROM region WHERE city_code = ?)', [Number(r.code)]) };
}
