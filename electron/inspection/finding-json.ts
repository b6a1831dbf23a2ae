// Findings as they are listed: rows of migration 5's tables turned into FindingJson, key for key
// (shared/api/inspection.ts), with their attachments and their history oldest first.
import type { Db } from '../store/database';
import type { Workspace } from '../store/workspace';
import type { FindingEventRow } from '../store/inspection-rows';
import type {
  FindingAttachmentInfo,
  FindingCategory,
  FindingHistoryEntry,
  FindingJson,
  FindingSeverity,
  FindingStatus,
} from '../../shared/api/inspection';
import { isoDay, parseIsoDay } from '../../shared/dates';
import { beijingDay } from '../../shared/beijing-time';
import { regionLabels } from './resolve';

export interface FindingRow {
  id: string;
  region_code: number;
  department: string | null;
  indicator: string | null;
  from_day: number | null;
  to_day: number | null;
  category: FindingCategory;
  severity: FindingSeverity;
  text: string;
  owner: string | null;
  due_day: number | null;
  status: FindingStatus;
  created_at: string;
}

/** The finding columns with department and indicator names; `f` is the finding. */
export const FINDING_SELECT = `
  SELECT f.id, f.region_code, d.name AS department, i.name AS indicator, f.from_day, f.to_day, f.category, f.severity,
         f.text, f.owner, f.due_day, f.status, f.created_at
    FROM finding f
    LEFT JOIN indicator i ON i.id = f.indicator_id
    LEFT JOIN department d ON d.id = COALESCE(f.department_id, i.department_id)`;

/** Today in Beijing, as a day number: a finding is overdue from the day after its due date. */
export function beijingToday(now = new Date()): number {
  return parseIsoDay(beijingDay(now))!;
}

export function isOverdue(row: { due_day: number | null; status: FindingStatus }, today: number): boolean {
  return row.due_day !== null && row.due_day < today && row.status !== '已销号';
}

const day = (d: number | null) => (d === null ? null : isoDay(d));

/** FindingJson for each row, in the rows' order. */
export function findingsJson(ws: Workspace, rows: readonly FindingRow[], today = beijingToday()): FindingJson[] {
  if (rows.length === 0) return [];
  const db: Db = ws.db;
  const labels = regionLabels(ws);
  const attachmentsOf = db.prepare('SELECT name, sha256, bytes FROM finding_attachment WHERE finding_id = ? ORDER BY added_at, rowid');
  const eventsOf = db.prepare(
    'SELECT id, finding_id, at, actor, what, status, note, due_day, attachment_sha256 FROM finding_event WHERE finding_id = ? ORDER BY at, rowid',
  );
  return rows.map((r) => {
    const code = String(r.region_code);
    const attachments = (attachmentsOf.all(r.id) as FindingAttachmentInfo[]).map((a) => ({
      name: a.name,
      sha256: a.sha256,
      bytes: a.bytes,
    }));
    const history: FindingHistoryEntry[] = (eventsOf.all(r.id) as FindingEventRow[]).map((e) => ({
      id: e.id,
      at: e.at,
      user: e.actor,
      what: e.what,
      status: e.status,
      note: e.note,
      due: day(e.due_day),
      attachment: e.attachment_sha256,
    }));
    return {
      id: r.id,
      region_code: code,
      region_name: labels.unit(code),
      city_name: labels.city(code),
      department: r.department,
      indicator: r.indicator,
      from: day(r.from_day),
      to: day(r.to_day),
      category: r.category,
      severity: r.severity,
      text: r.text,
      owner: r.owner,
      due: day(r.due_day),
      status: r.status,
      overdue: isOverdue(r, today),
      created_at: r.created_at,
      attachments,
      history,
    };
  });
}
