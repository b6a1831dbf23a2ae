// 督导发现 / 问题清单: adding a finding, changing it (each change one history entry: who, when,
// what), listing and reading its attachments. Every write is one transaction: a refused call
// writes nothing.
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../store/workspace';
import type {
  AddFindingInput,
  AttachmentFile,
  FindingJson,
  FindingList,
  FindingStatus,
  ListFindingsInput,
  UpdateFindingInput,
} from '../../shared/api/inspection';
import { parseIsoDay, isoDay } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import { prepareAttachments, type PreparedAttachment } from './attachments';
import { FINDING_SELECT, beijingToday, findingsJson, type FindingRow } from './finding-json';
import { findingRegion, findingSubject } from './resolve';

const day = (d: string | undefined): number | null => (d === undefined ? null : parseIsoDay(d));

interface NewEvent {
  what: string;
  status?: FindingStatus;
  note?: string;
  due?: number;
  attachment?: string;
}

/** Writes one call's events with strictly increasing times after `after`, so history order never depends on the clock's grain. */
function writeEvents(ws: Workspace, findingId: string, actor: string, events: readonly NewEvent[], after: string | null): string {
  const insert = ws.db.prepare(
    'INSERT INTO finding_event (id, finding_id, at, actor, what, status, note, due_day, attachment_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let t = Date.now();
  if (after !== null) t = Math.max(t, Date.parse(after) + 1);
  let at = new Date(t).toISOString();
  for (const e of events) {
    at = new Date(t++).toISOString();
    insert.run(randomUUID(), findingId, at, actor, e.what, e.status ?? null, e.note ?? null, e.due ?? null, e.attachment ?? null);
  }
  return at;
}

function writeAttachments(ws: Workspace, findingId: string, actor: string, at: string, list: readonly PreparedAttachment[]): void {
  const insert = ws.db.prepare(
    'INSERT INTO finding_attachment (finding_id, sha256, name, mime, bytes, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const a of list) insert.run(findingId, a.sha256, a.name, a.mime, a.data.byteLength, a.data, at, actor);
}

function findingJsonById(ws: Workspace, id: string): FindingJson {
  const row = ws.db.prepare(`${FINDING_SELECT} WHERE f.id = ?`).get(id) as FindingRow | undefined;
  if (!row) throw new UserError(`没有编号为 ${id} 的督导发现`);
  return findingsJson(ws, [row])[0]!;
}

export function addFinding(ws: Workspace, input: AddFindingInput, actor: string): { id: string; finding: FindingJson } {
  const region = findingRegion(ws, input.region);
  const { departmentId, indicatorId } = findingSubject(ws, input.department, input.indicator);
  const attachments = prepareAttachments(input.attachments, new Set());
  const id = randomUUID();
  ws.db
    .transaction(() => {
      const now = new Date().toISOString();
      ws.db
        .prepare(
          `INSERT INTO finding (id, region_code, department_id, indicator_id, from_day, to_day, category, severity, text, owner,
                                due_day, status, closed_at, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '待整改', NULL, ?, ?, ?)`,
        )
        .run(
          id,
          Number(region.code),
          departmentId,
          indicatorId,
          day(input.from),
          day(input.to),
          input.category,
          input.severity,
          input.text,
          input.owner ?? null,
          day(input.due),
          now,
          actor,
          now,
        );
      const due = day(input.due);
      const events: NewEvent[] = [
        { what: '新建', status: '待整改', ...(due === null ? {} : { due }) },
        ...attachments.map((a) => ({ what: '附件', attachment: a.sha256 })),
      ];
      const last = writeEvents(ws, id, actor, events, now);
      writeAttachments(ws, id, actor, last, attachments);
    })
    .immediate();
  return { id, finding: findingJsonById(ws, id) };
}

interface CurrentRow {
  status: FindingStatus;
  due_day: number | null;
  last_at: string | null;
}

export function updateFinding(ws: Workspace, input: UpdateFindingInput, actor: string): { finding: FindingJson } {
  const db = ws.db;
  db.transaction(() => {
    const current = db
      .prepare(
        'SELECT status, due_day, (SELECT MAX(at) FROM finding_event e WHERE e.finding_id = f.id) AS last_at FROM finding f WHERE id = ?',
      )
      .get(input.id) as CurrentRow | undefined;
    if (!current) throw new UserError(`没有编号为 ${input.id} 的督导发现（campaign finding list 列出全部编号）`);
    const held = new Set(db.prepare('SELECT sha256 FROM finding_attachment WHERE finding_id = ?').pluck().all(input.id) as string[]);
    const attachments = prepareAttachments(input.attachments, held);

    const events: NewEvent[] = [];
    const statusChanges = input.status !== undefined && input.status !== current.status;
    if (statusChanges) {
      // The note given with a status change (销号: how it was verified) belongs to that change.
      events.push({ what: '状态', status: input.status!, ...(input.note === undefined ? {} : { note: input.note }) });
    } else if (input.note !== undefined) {
      events.push({ what: '说明', note: input.note });
    }
    const due = day(input.due);
    if (due !== null && due !== current.due_day) events.push({ what: '整改时限', due });
    for (const a of attachments) events.push({ what: '附件', attachment: a.sha256 });
    if (events.length === 0) {
      const same = [
        input.status !== undefined ? `状态已是“${current.status}”` : '',
        due !== null ? `整改时限已是 ${isoDay(due)}` : '',
        input.attachments.length > 0 ? '附件均已在其中' : '',
      ].filter((s) => s !== '');
      throw new UserError(`督导发现 ${input.id} 没有要更改的内容：${same.join('，')}`);
    }

    const last = writeEvents(ws, input.id, actor, events, current.last_at);
    writeAttachments(ws, input.id, actor, last, attachments);
    const status = statusChanges ? input.status! : current.status;
    // 销号 is dated; leaving 已销号 clears the date.
    const closedAt = statusChanges ? (status === '已销号' ? last : null) : undefined;
    db.prepare(
      `UPDATE finding SET status = ?, due_day = ?, updated_at = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END WHERE id = ?`,
    ).run(status, due ?? current.due_day, last, closedAt === undefined ? 0 : 1, closedAt ?? null, input.id);
  }).immediate();
  return { finding: findingJsonById(ws, input.id) };
}

export function listFindings(ws: Workspace, input: ListFindingsInput): FindingList {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (input.region !== undefined) {
    const selected = ws.resolver.resolveRegionSelection(input.region);
    if (!selected.ok) throw new UserError(selected.reason);
    const r = selected.value.region;
    if (r.level === 'county' || (r.level === 'city' && selected.value.ownUnits)) {
      where.push('f.region_code = ?');
      args.push(Number(r.code));
    } else if (r.level === 'city') {
      // A city includes its counties and its own units.
      where.push('f.region_code IN (SELECT code FROM region WHERE city_code = ?)');
      args.push(Number(r.code));
    }
  }
  if (input.status !== undefined) {
    where.push('f.status = ?');
    args.push(input.status);
  }
  const today = beijingToday();
  if (input.overdue) {
    where.push(`f.due_day IS NOT NULL AND f.due_day < ? AND f.status <> '已销号'`);
    args.push(today);
  }
  const sql = `${FINDING_SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY f.created_at, f.id`;
  const rows = ws.db.prepare(sql).all(...args) as FindingRow[];
  return { findings: findingsJson(ws, rows, today) };
}

export function findingAttachment(ws: Workspace, input: { findingId: string; sha256: string }): AttachmentFile {
  const row = ws.db
    .prepare('SELECT name, mime, data FROM finding_attachment WHERE finding_id = ? AND sha256 = ?')
    .get(input.findingId, input.sha256) as { name: string; mime: string; data: Buffer } | undefined;
  if (!row) {
    const exists = ws.db.prepare('SELECT 1 FROM finding WHERE id = ?').get(input.findingId);
    throw new UserError(
      exists ? `督导发现 ${input.findingId} 没有摘要为 ${input.sha256} 的附件` : `没有编号为 ${input.findingId} 的督导发现`,
    );
  }
  return { name: row.name, mime: row.mime, bytes: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
}
