// Reads a 督导回传's payload (return-format.ts) trusting nothing: the schema must be exactly the
// frozen one, every row must pass its table's schema (shared/api/return-file.ts), and what rows
// claim of each other (a finding they belong to, an attachment's size and digest) is checked here.
// What needs the receiving database (regions, indicators, existing ids) is checked by the merge.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { UserError } from '../../shared/errors';
import { ATTACHMENTS_PER_FINDING_MAX } from '../../shared/api/inspection';
import {
  RETURN_MAX_CORRECTIONS,
  RETURN_MAX_EVENTS,
  RETURN_MAX_FINDINGS,
  ReturnAttachmentSchema,
  ReturnCorrectionSchema,
  ReturnEventSchema,
  ReturnFindingSchema,
  ReturnOriginSchema,
  type ReturnContents,
} from '../../shared/api/return-file';
import { malformedReturn, memoryDb, RETURN_COLUMNS, RETURN_FORMAT_VERSION, RETURN_SCHEMA_V1, type ReturnTable } from './return-format';

/** A return's payload, already authenticated (unsealed with the passphrase), read strictly. */
export function readReturnPayload(payload: Buffer, fileName: string): ReturnContents {
  let db: Database.Database;
  try {
    db = memoryDb(payload, true);
  } catch {
    throw malformedReturn(fileName, '不是数据库');
  }
  try {
    let version: unknown;
    let schema: string;
    try {
      version = db.pragma('user_version', { simple: true });
      if (version === RETURN_FORMAT_VERSION) {
        if (db.pragma('quick_check', { simple: true }) !== 'ok') throw malformedReturn(fileName, '数据库已损坏');
      }
      schema = schemaOf(db);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw malformedReturn(fileName, '数据库已损坏');
    }
    if (version !== RETURN_FORMAT_VERSION)
      throw new UserError(`${fileName} 的督导回传格式版本为 ${String(version)}，本程序只能读取版本 ${RETURN_FORMAT_VERSION}：请升级程序`);
    if (schema !== expectedSchema()) throw malformedReturn(fileName, '表结构不符');
    return readContents(db, fileName);
  } finally {
    db.close();
  }
}

/** The schema a version-1 return must have, exactly (tables, their SQL, their automatic indexes). */
function expectedSchema(): string {
  const db = memoryDb(null);
  try {
    db.exec(RETURN_SCHEMA_V1);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

function schemaOf(db: Database.Database): string {
  return JSON.stringify(db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all());
}

/** A table's rows, unchecked; more than `max` refuses the return before any is read. */
function rowsOf(db: Database.Database, table: ReturnTable, max: number, fileName: string): unknown[] {
  const count = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  if (count > max) throw malformedReturn(fileName, `${table} 有 ${count} 行，上限 ${max}`);
  return db.prepare(`SELECT ${RETURN_COLUMNS[table].join(', ')} FROM ${table}`).all();
}

/** One row checked against its table's schema; the first problem names the row and its column. */
function checkedRow<S extends z.ZodType>(schema: S, row: unknown, fileName: string, table: ReturnTable, index: number): z.output<S> {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const column = issue?.path[0];
  const where = column === undefined ? `${table} 第 ${index + 1} 行` : `${table} 第 ${index + 1} 行 ${String(column)}`;
  throw malformedReturn(fileName, `${where}：${issue?.message ?? '格式不对'}`);
}

function readContents(db: Database.Database, fileName: string): ReturnContents {
  const originRows = rowsOf(db, 'return_origin', 1, fileName);
  if (originRows.length !== 1) throw malformedReturn(fileName, '缺少来源信息');
  const origin = checkedRow(ReturnOriginSchema, originRows[0], fileName, 'return_origin', 0);
  if (origin.toDay < origin.fromDay) throw malformedReturn(fileName, '来源信息的日期范围颠倒');

  const findings = rowsOf(db, 'finding', RETURN_MAX_FINDINGS, fileName).map((row, i) =>
    checkedRow(ReturnFindingSchema, row, fileName, 'finding', i),
  );
  const findingIds = unique(
    findings.map((f) => f.id),
    fileName,
    'finding',
  );

  const events = rowsOf(db, 'finding_event', RETURN_MAX_EVENTS, fileName).map((row, i) => {
    const e = checkedRow(ReturnEventSchema, row, fileName, 'finding_event', i);
    if (!findingIds.has(e.finding_id)) throw malformedReturn(fileName, `finding_event 第 ${i + 1} 行：所属督导发现不在回传中`);
    return e;
  });
  unique(
    events.map((e) => e.id),
    fileName,
    'finding_event',
  );

  const perFinding = new Map<string, number>();
  const attachmentsMax = RETURN_MAX_FINDINGS * ATTACHMENTS_PER_FINDING_MAX;
  const attachments = rowsOf(db, 'finding_attachment', attachmentsMax, fileName).map((row, i) => {
    const a = checkedRow(ReturnAttachmentSchema, row, fileName, 'finding_attachment', i);
    if (!findingIds.has(a.finding_id)) throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：所属督导发现不在回传中`);
    // The bytes are what they claim to be: the size and the digest are recomputed, never believed.
    if (a.data.byteLength !== a.bytes) throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：附件大小不符`);
    if (createHash('sha256').update(a.data).digest('hex') !== a.sha256)
      throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：附件摘要不符`);
    const n = (perFinding.get(a.finding_id) ?? 0) + 1;
    if (n > ATTACHMENTS_PER_FINDING_MAX) throw malformedReturn(fileName, `一条督导发现的附件超过 ${ATTACHMENTS_PER_FINDING_MAX} 个`);
    perFinding.set(a.finding_id, n);
    return a;
  });
  unique(
    attachments.map((a) => `${a.finding_id}/${a.sha256}`),
    fileName,
    'finding_attachment',
  );

  const corrections = rowsOf(db, 'correction', RETURN_MAX_CORRECTIONS, fileName).map((row, i) =>
    checkedRow(ReturnCorrectionSchema, row, fileName, 'correction', i),
  );
  unique(
    corrections.map((c) => c.id),
    fileName,
    'correction',
  );
  return { origin, findings, events, attachments, corrections };
}

function unique(keys: string[], fileName: string, table: string): Set<string> {
  const set = new Set(keys);
  if (set.size !== keys.length) throw malformedReturn(fileName, `${table} 有重复编号`);
  return set;
}
