// Findings of a 督导回传 merged into this copy, by id: a new finding is added whole; a known one gets
// the events and attachments it lacks (both histories kept), and its status, due date and 销号 time
// follow the latest event that set them, whichever side it came from.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import type { FindingStatus } from '../../shared/api/inspection';
import type { ReturnContents, ReturnEvent, ReturnFinding } from '../../shared/api/return-file';
import { malformedReturn } from './return-format';

interface StoredFinding {
  id: string;
  region_code: number;
  status: FindingStatus;
  due_day: number | null;
  closed_at: string | null;
  updated_at: string;
}

interface EventMark {
  id: string;
  at: string;
  status: FindingStatus | null;
  due_day: number | null;
}

export interface FindingsMerged {
  added: number;
  updated: number;
  attachments: number;
}

/** Instants compared as times (ISO text with and without milliseconds does not sort as text). */
function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** The latest of the events that satisfy `sets`, by time then id (so both sides agree on a tie). */
function latest(events: readonly EventMark[], sets: (e: EventMark) => boolean): EventMark | null {
  let best: EventMark | null = null;
  for (const e of events) {
    if (!sets(e)) continue;
    const order = best === null ? 1 : compareInstants(e.at, best.at);
    if (order > 0 || (order === 0 && best !== null && e.id > best.id)) best = e;
  }
  return best;
}

export function mergeFindings(db: Db, contents: ReturnContents, fileName: string): FindingsMerged {
  const getFinding = db.prepare('SELECT id, region_code, status, due_day, closed_at, updated_at FROM finding WHERE id = ?');
  const insertFinding = db.prepare(
    `INSERT INTO finding (id, region_code, department_id, indicator_id, from_day, to_day, category, severity, text, owner, due_day, status,
                          closed_at, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateFinding = db.prepare('UPDATE finding SET status = ?, due_day = ?, closed_at = ?, updated_at = ? WHERE id = ?');
  const eventOwner = db.prepare('SELECT finding_id FROM finding_event WHERE id = ?').pluck();
  const eventsOf = db.prepare('SELECT id, at, status, due_day FROM finding_event WHERE finding_id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO finding_event (id, finding_id, at, actor, what, status, note, due_day, attachment_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const hasAttachment = db.prepare('SELECT 1 FROM finding_attachment WHERE finding_id = ? AND sha256 = ?').pluck();
  const insertAttachment = db.prepare(
    'INSERT INTO finding_attachment (finding_id, sha256, name, mime, bytes, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const eventsByFinding = groupBy(contents.events, (e) => e.finding_id);
  const attachmentsByFinding = groupBy(contents.attachments, (a) => a.finding_id);
  const merged: FindingsMerged = { added: 0, updated: 0, attachments: 0 };

  for (const f of contents.findings) {
    const events = eventsByFinding.get(f.id) ?? [];
    const attachments = attachmentsByFinding.get(f.id) ?? [];
    const stored = getFinding.get(f.id) as StoredFinding | undefined;
    if (stored && stored.region_code !== f.region_code) {
      throw malformedReturn(fileName, `督导发现 ${f.id} 在本库中属于另一个单位`);
    }
    const provinceEvents = stored ? (eventsOf.all(f.id) as EventMark[]) : [];
    if (!stored) insertFindingRow(insertFinding, f);

    let newEvents = 0;
    for (const e of events) {
      const owner = eventOwner.get(e.id) as string | undefined;
      if (owner === f.id) continue; // already here: the histories share it
      if (owner !== undefined) throw malformedReturn(fileName, `记录 ${e.id} 在本库中属于另一条督导发现`);
      insertEvent.run(e.id, f.id, e.at, e.actor, e.what, e.status, e.note, e.due_day, e.attachment_sha256);
      newEvents++;
    }
    let newAttachments = 0;
    for (const a of attachments) {
      if (hasAttachment.get(f.id, a.sha256) !== undefined) continue;
      insertAttachment.run(f.id, a.sha256, a.name, a.mime, a.bytes, a.data, a.added_at, a.added_by);
      newAttachments++;
    }
    merged.attachments += newAttachments;

    if (!stored) {
      merged.added++;
      continue;
    }
    const next = reconcile(stored, f, provinceEvents, events);
    const changed =
      next.status !== stored.status ||
      next.due_day !== stored.due_day ||
      next.closed_at !== stored.closed_at ||
      next.updated_at !== stored.updated_at;
    if (changed) updateFinding.run(next.status, next.due_day, next.closed_at, next.updated_at, f.id);
    if (changed || newEvents > 0 || newAttachments > 0) merged.updated++;
  }
  return merged;
}

function insertFindingRow(insert: Statement<unknown[]>, f: ReturnFinding): void {
  insert.run(
    f.id,
    f.region_code,
    f.department_id,
    f.indicator_id,
    f.from_day,
    f.to_day,
    f.category,
    f.severity,
    f.text,
    f.owner,
    f.due_day,
    f.status,
    f.closed_at,
    f.created_at,
    f.created_by,
    f.updated_at,
  );
}

/**
 * A finding known on both sides: the status of the latest status-setting event of either history
 * (with the 销号 time of the side it came from), the due date set last, the later update time.
 */
function reconcile(
  stored: StoredFinding,
  returned: ReturnFinding,
  provinceEvents: EventMark[],
  returnEvents: ReturnEvent[],
): Omit<StoredFinding, 'id' | 'region_code'> {
  const union = [...provinceEvents, ...returnEvents];
  const provinceIds = new Set(provinceEvents.map((e) => e.id));
  const statusEvent = latest(union, (e) => e.status !== null);
  const dueEvent = latest(union, (e) => e.due_day !== null);
  const status = statusEvent?.status ?? stored.status;
  const fromReturn = statusEvent !== null && !provinceIds.has(statusEvent.id);
  const closedAt = status !== '已销号' ? null : ((fromReturn ? returned.closed_at : stored.closed_at) ?? statusEvent?.at ?? null);
  return {
    status,
    due_day: dueEvent?.due_day ?? stored.due_day,
    closed_at: closedAt,
    updated_at: compareInstants(returned.updated_at, stored.updated_at) > 0 ? returned.updated_at : stored.updated_at,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
