// The 督导回传's payload: a small SQLite database of its own, frozen and versioned (PRAGMA user_version),
// built in memory and serialized, then sealed (sealed-file.ts). It holds where the bundle came from,
// the bundle's findings with their whole history and attachments, and the corrections applied on the
// bundle with the values they replaced. Reading it trusts nothing: the schema must be exactly this
// one, and every value is checked for type, form and bounds before anything is merged.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { UserError } from '../../shared/errors';
import type { FindingEventRow } from '../store/inspection-rows';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_CHARS,
  ATTACHMENTS_PER_FINDING_MAX,
  FINDING_CATEGORIES,
  FINDING_NOTE_MAX_CHARS,
  FINDING_OWNER_MAX_CHARS,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  FINDING_TEXT_MAX_CHARS,
  type FindingCategory,
  type FindingSeverity,
  type FindingStatus,
} from '../../shared/api/inspection';

/** Version 1 of the return's schema. FROZEN: a change is a new version, read beside this one. */
export const RETURN_FORMAT_VERSION = 1;

const SCHEMA_V1 = `
  CREATE TABLE return_origin (
    return_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    city_code INTEGER NOT NULL,
    from_day INTEGER NOT NULL,
    to_day INTEGER NOT NULL,
    province_database_id TEXT NOT NULL,
    team TEXT NOT NULL,
    made_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE finding (
    id TEXT PRIMARY KEY,
    region_code INTEGER NOT NULL,
    department_id INTEGER,
    indicator_id INTEGER,
    from_day INTEGER,
    to_day INTEGER,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    text TEXT NOT NULL,
    owner TEXT,
    due_day INTEGER,
    status TEXT NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE finding_event (
    id TEXT PRIMARY KEY,
    finding_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    what TEXT NOT NULL,
    status TEXT,
    note TEXT,
    due_day INTEGER,
    attachment_sha256 TEXT
  ) STRICT;
  CREATE TABLE finding_attachment (
    finding_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (finding_id, sha256)
  ) STRICT;
  CREATE TABLE correction (
    id TEXT PRIMARY KEY,
    region_code INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    day INTEGER NOT NULL,
    original_value REAL,
    value REAL NOT NULL,
    reason TEXT NOT NULL,
    finding_id TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  ) STRICT;
`;

export interface ReturnOrigin {
  returnId: string;
  bundleId: string;
  cityCode: number;
  fromDay: number;
  toDay: number;
  provinceDatabaseId: string;
  team: string;
  madeAt: string;
}

export interface ReturnFinding {
  id: string;
  region_code: number;
  department_id: number | null;
  indicator_id: number | null;
  from_day: number | null;
  to_day: number | null;
  category: FindingCategory;
  severity: FindingSeverity;
  text: string;
  owner: string | null;
  due_day: number | null;
  status: FindingStatus;
  closed_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** A finding's change, as the `finding_event` table holds it. */
export type ReturnEvent = FindingEventRow;

export interface ReturnAttachment {
  finding_id: string;
  sha256: string;
  name: string;
  mime: string;
  bytes: number;
  data: Buffer;
  added_at: string;
  added_by: string;
}

export interface ReturnCorrection {
  id: string;
  region_code: number;
  indicator_id: number;
  day: number;
  original_value: number | null;
  value: number;
  reason: string;
  finding_id: string | null;
  created_at: string;
  created_by: string;
}

export interface ReturnContents {
  origin: ReturnOrigin;
  findings: ReturnFinding[];
  events: ReturnEvent[];
  attachments: ReturnAttachment[];
  corrections: ReturnCorrection[];
}

const FINDING_COLUMNS = 'id, region_code, department_id, indicator_id, from_day, to_day, category, severity, text, owner, due_day, status, closed_at, created_at, created_by, updated_at';
const EVENT_COLUMNS = 'id, finding_id, at, actor, what, status, note, due_day, attachment_sha256';
const ATTACHMENT_COLUMNS = 'finding_id, sha256, name, mime, bytes, data, added_at, added_by';
const CORRECTION_COLUMNS = 'id, region_code, indicator_id, day, original_value, value, reason, finding_id, created_at, created_by';

function placeholders(columns: string): string {
  return columns.split(',').map(() => '?').join(', ');
}

/** An in-memory database, with the Electron build of better-sqlite3 when the app names one. */
function memoryDb(payload: Buffer | null, readonly = false): Database.Database {
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  const options = { ...(nativeBinding ? { nativeBinding } : {}), ...(readonly ? { readonly } : {}) };
  return payload === null ? new Database(':memory:', options) : new Database(payload, options);
}

/** The return's payload bytes (a serialized SQLite database). */
export function writeReturnPayload(contents: ReturnContents): Buffer {
  const db = memoryDb(null);
  try {
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${RETURN_FORMAT_VERSION}`);
    const o = contents.origin;
    const write = db.transaction(() => {
      db.prepare('INSERT INTO return_origin VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(o.returnId, o.bundleId, o.cityCode, o.fromDay, o.toDay, o.provinceDatabaseId, o.team, o.madeAt);
      const f = db.prepare(`INSERT INTO finding (${FINDING_COLUMNS}) VALUES (${placeholders(FINDING_COLUMNS)})`);
      for (const x of contents.findings) {
        f.run(x.id, x.region_code, x.department_id, x.indicator_id, x.from_day, x.to_day, x.category, x.severity, x.text, x.owner, x.due_day, x.status, x.closed_at, x.created_at, x.created_by, x.updated_at);
      }
      const e = db.prepare(`INSERT INTO finding_event (${EVENT_COLUMNS}) VALUES (${placeholders(EVENT_COLUMNS)})`);
      for (const x of contents.events) e.run(x.id, x.finding_id, x.at, x.actor, x.what, x.status, x.note, x.due_day, x.attachment_sha256);
      const a = db.prepare(`INSERT INTO finding_attachment (${ATTACHMENT_COLUMNS}) VALUES (${placeholders(ATTACHMENT_COLUMNS)})`);
      for (const x of contents.attachments) a.run(x.finding_id, x.sha256, x.name, x.mime, x.bytes, x.data, x.added_at, x.added_by);
      const c = db.prepare(`INSERT INTO correction (${CORRECTION_COLUMNS}) VALUES (${placeholders(CORRECTION_COLUMNS)})`);
      for (const x of contents.corrections) c.run(x.id, x.region_code, x.indicator_id, x.day, x.original_value, x.value, x.reason, x.finding_id, x.created_at, x.created_by);
    });
    write();
    return db.serialize();
  } finally {
    db.close();
  }
}

// ---- reading, strictly ----

/** Bounds on what one return may hold: far above one team's work, far below exhausting memory. */
export const RETURN_MAX_FINDINGS = 10_000;
export const RETURN_MAX_EVENTS = 200_000;
export const RETURN_MAX_CORRECTIONS = 100_000;
const ACTOR_MAX_CHARS = 100;
const WHAT_MAX_CHARS = 100;
const MIME_MAX_CHARS = 100;
/** Day numbers from 1970 to 2243: anything outside is not a campaign day. */
const DAY_MAX = 100_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
// Control characters other than tab and line breaks have no place in stored text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Row = Record<string, unknown>;

/** The one error a malformed return gives, naming what was wrong (for the analyst and for support). */
export function malformedReturn(fileName: string, what: string): UserError {
  return new UserError(`${fileName} 的内容不合规（${what}），未做任何更改`);
}

class RowReader {
  constructor(
    private readonly fileName: string,
    private readonly table: string,
    private readonly row: Row,
    private readonly index: number,
  ) {}

  private fail(column: string, why: string): never {
    throw malformedReturn(this.fileName, `${this.table} 第 ${this.index + 1} 行 ${column}：${why}`);
  }

  text(column: string, max: number): string {
    const v = this.row[column];
    if (typeof v !== 'string') this.fail(column, '应为文字');
    if (v.trim().length === 0) this.fail(column, '为空');
    if (v.length > max) this.fail(column, `超过 ${max} 字`);
    if (CONTROL.test(v)) this.fail(column, '含控制字符');
    return v;
  }

  optionalText(column: string, max: number): string | null {
    return this.row[column] === null ? null : this.text(column, max);
  }

  uuid(column: string): string {
    const v = this.row[column];
    if (typeof v !== 'string' || !UUID.test(v)) this.fail(column, '应为小写 UUID');
    return v;
  }

  optionalUuid(column: string): string | null {
    return this.row[column] === null ? null : this.uuid(column);
  }

  instant(column: string): string {
    const v = this.row[column];
    if (typeof v !== 'string' || !INSTANT.test(v) || Number.isNaN(Date.parse(v))) this.fail(column, '应为 ISO 时间');
    return v;
  }

  optionalInstant(column: string): string | null {
    return this.row[column] === null ? null : this.instant(column);
  }

  integer(column: string, min: number, max: number): number {
    const v = this.row[column];
    // better-sqlite3 gives INTEGER as number (no safeIntegers here); a REAL or a text is refused.
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) this.fail(column, `应为 ${min} 至 ${max} 的整数`);
    return v;
  }

  day(column: string): number {
    return this.integer(column, 0, DAY_MAX);
  }

  optionalDay(column: string): number | null {
    return this.row[column] === null ? null : this.day(column);
  }

  optionalInteger(column: string, min: number, max: number): number | null {
    return this.row[column] === null ? null : this.integer(column, min, max);
  }

  figure(column: string): number {
    const v = this.row[column];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(column, '应为非负数');
    return v;
  }

  optionalFigure(column: string): number | null {
    return this.row[column] === null ? null : this.figure(column);
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const v = this.row[column];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(column, `只能是 ${allowed.join('、')}`);
    return v as T;
  }

  optionalOneOf<T extends string>(column: string, allowed: readonly T[]): T | null {
    return this.row[column] === null ? null : this.oneOf(column, allowed);
  }

  sha256(column: string): string {
    const v = this.row[column];
    if (typeof v !== 'string' || !SHA256.test(v)) this.fail(column, '应为 64 位小写十六进制摘要');
    return v;
  }

  optionalSha256(column: string): string | null {
    return this.row[column] === null ? null : this.sha256(column);
  }

  blob(column: string): Buffer {
    const v = this.row[column];
    if (!Buffer.isBuffer(v)) this.fail(column, '应为二进制数据');
    return v;
  }

  attachmentName(column: string): string {
    const v = this.text(column, ATTACHMENT_NAME_MAX_CHARS);
    // Saved as a file on request: a name that walks out of the chosen folder is refused here already.
    if (/[/\\]/.test(v) || v === '.' || v === '..') this.fail(column, '文件名不能含路径');
    return v;
  }

  mime(column: string): string {
    const v = this.text(column, MIME_MAX_CHARS);
    if (!MIME.test(v)) this.fail(column, '不是文件类型');
    return v;
  }
}

function readRows(db: Database.Database, table: string, columns: string, max: number, fileName: string): Row[] {
  const count = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  if (count > max) throw malformedReturn(fileName, `${table} 有 ${count} 行，上限 ${max}`);
  return db.prepare(`SELECT ${columns} FROM ${table}`).all() as Row[];
}

/** The schema a version-1 return must have, exactly (tables, their SQL, their automatic indexes). */
function expectedSchema(): string {
  const db = memoryDb(null);
  try {
    db.exec(SCHEMA_V1);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

function schemaOf(db: Database.Database): string {
  return JSON.stringify(db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all());
}

/**
 * Reads a return's payload (already authenticated: made by someone holding the passphrase, but not
 * therefore well-formed). Every row is checked here; what needs the receiving database (regions,
 * indicators, existing ids) is checked by the merge.
 */
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
    if (version !== RETURN_FORMAT_VERSION) throw new UserError(`${fileName} 的督导回传格式版本为 ${String(version)}，本程序只能读取版本 ${RETURN_FORMAT_VERSION}：请升级程序`);
    if (schema !== expectedSchema()) throw malformedReturn(fileName, '表结构不符');
    return readContents(db, fileName);
  } finally {
    db.close();
  }
}

function readContents(db: Database.Database, fileName: string): ReturnContents {
  const originRows = readRows(db, 'return_origin', 'return_id, bundle_id, city_code, from_day, to_day, province_database_id, team, made_at', 1, fileName);
  if (originRows.length !== 1) throw malformedReturn(fileName, '缺少来源信息');
  const r = new RowReader(fileName, 'return_origin', originRows[0]!, 0);
  const origin: ReturnOrigin = {
    returnId: r.uuid('return_id'),
    bundleId: r.uuid('bundle_id'),
    cityCode: r.integer('city_code', 100000, 999999),
    fromDay: r.day('from_day'),
    toDay: r.day('to_day'),
    provinceDatabaseId: r.uuid('province_database_id'),
    team: r.text('team', ACTOR_MAX_CHARS),
    madeAt: r.instant('made_at'),
  };
  if (origin.toDay < origin.fromDay) throw malformedReturn(fileName, '来源信息的日期范围颠倒');

  const findings = readRows(db, 'finding', FINDING_COLUMNS, RETURN_MAX_FINDINGS, fileName).map((row, i): ReturnFinding => {
    const x = new RowReader(fileName, 'finding', row, i);
    const f: ReturnFinding = {
      id: x.uuid('id'),
      region_code: x.integer('region_code', 100000, 999999),
      department_id: x.optionalInteger('department_id', 1, 2 ** 31 - 1),
      indicator_id: x.optionalInteger('indicator_id', 1, 2 ** 31 - 1),
      from_day: x.optionalDay('from_day'),
      to_day: x.optionalDay('to_day'),
      category: x.oneOf('category', FINDING_CATEGORIES),
      severity: x.oneOf('severity', FINDING_SEVERITIES),
      text: x.text('text', FINDING_TEXT_MAX_CHARS),
      owner: x.optionalText('owner', FINDING_OWNER_MAX_CHARS),
      due_day: x.optionalDay('due_day'),
      status: x.oneOf('status', FINDING_STATUSES),
      closed_at: x.optionalInstant('closed_at'),
      created_at: x.instant('created_at'),
      created_by: x.text('created_by', ACTOR_MAX_CHARS),
      updated_at: x.instant('updated_at'),
    };
    if (f.from_day !== null && f.to_day !== null && f.to_day < f.from_day) throw malformedReturn(fileName, `finding 第 ${i + 1} 行：日期范围颠倒`);
    return f;
  });
  const findingIds = unique(findings.map((f) => f.id), fileName, 'finding');

  const events = readRows(db, 'finding_event', EVENT_COLUMNS, RETURN_MAX_EVENTS, fileName).map((row, i): ReturnEvent => {
    const x = new RowReader(fileName, 'finding_event', row, i);
    const e: ReturnEvent = {
      id: x.uuid('id'),
      finding_id: x.uuid('finding_id'),
      at: x.instant('at'),
      actor: x.text('actor', ACTOR_MAX_CHARS),
      what: x.text('what', WHAT_MAX_CHARS),
      status: x.optionalOneOf('status', FINDING_STATUSES),
      note: x.optionalText('note', FINDING_NOTE_MAX_CHARS),
      due_day: x.optionalDay('due_day'),
      attachment_sha256: x.optionalSha256('attachment_sha256'),
    };
    if (!findingIds.has(e.finding_id)) throw malformedReturn(fileName, `finding_event 第 ${i + 1} 行：所属督导发现不在回传中`);
    return e;
  });
  unique(events.map((e) => e.id), fileName, 'finding_event');

  const perFinding = new Map<string, number>();
  const attachments = readRows(db, 'finding_attachment', ATTACHMENT_COLUMNS, RETURN_MAX_FINDINGS * ATTACHMENTS_PER_FINDING_MAX, fileName).map((row, i): ReturnAttachment => {
    const x = new RowReader(fileName, 'finding_attachment', row, i);
    const a: ReturnAttachment = {
      finding_id: x.uuid('finding_id'),
      sha256: x.sha256('sha256'),
      name: x.attachmentName('name'),
      mime: x.mime('mime'),
      bytes: x.integer('bytes', 1, ATTACHMENT_MAX_BYTES),
      data: x.blob('data'),
      added_at: x.instant('added_at'),
      added_by: x.text('added_by', ACTOR_MAX_CHARS),
    };
    if (!findingIds.has(a.finding_id)) throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：所属督导发现不在回传中`);
    // The bytes are what they claim to be: the size and the digest are recomputed, never believed.
    if (a.data.byteLength !== a.bytes) throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：附件大小不符`);
    if (createHash('sha256').update(a.data).digest('hex') !== a.sha256) throw malformedReturn(fileName, `finding_attachment 第 ${i + 1} 行：附件摘要不符`);
    const n = (perFinding.get(a.finding_id) ?? 0) + 1;
    if (n > ATTACHMENTS_PER_FINDING_MAX) throw malformedReturn(fileName, `一条督导发现的附件超过 ${ATTACHMENTS_PER_FINDING_MAX} 个`);
    perFinding.set(a.finding_id, n);
    return a;
  });
  unique(attachments.map((a) => `${a.finding_id}/${a.sha256}`), fileName, 'finding_attachment');

  const corrections = readRows(db, 'correction', CORRECTION_COLUMNS, RETURN_MAX_CORRECTIONS, fileName).map((row, i): ReturnCorrection => {
    const x = new RowReader(fileName, 'correction', row, i);
    return {
      id: x.uuid('id'),
      region_code: x.integer('region_code', 100000, 999999),
      indicator_id: x.integer('indicator_id', 1, 2 ** 31 - 1),
      day: x.day('day'),
      original_value: x.optionalFigure('original_value'),
      value: x.figure('value'),
      reason: x.text('reason', FINDING_NOTE_MAX_CHARS),
      finding_id: x.optionalUuid('finding_id'),
      created_at: x.instant('created_at'),
      created_by: x.text('created_by', ACTOR_MAX_CHARS),
    };
  });
  unique(corrections.map((c) => c.id), fileName, 'correction');
  return { origin, findings, events, attachments, corrections };
}

function unique(keys: string[], fileName: string, table: string): Set<string> {
  const set = new Set(keys);
  if (set.size !== keys.length) throw malformedReturn(fileName, `${table} 有重复编号`);
  return set;
}
