// The 督导回传's payload: a small SQLite database of its own, frozen and versioned (PRAGMA user_version),
// built in memory and serialized, then sealed (sealed-file.ts). It holds where the bundle came from,
// the bundle's findings with their whole history and attachments, and the corrections applied on the
// bundle with the values they replaced. Written by return-writer.ts; read, trusting nothing, by
// return-reader.ts against the row schemas of shared/api/return-file.ts.
import Database from 'better-sqlite3';
import type * as z from 'zod';
import { UserError } from '../../shared/errors';
import {
  ReturnAttachmentSchema,
  ReturnCorrectionSchema,
  ReturnEventSchema,
  ReturnFindingSchema,
  ReturnOriginRowSchema,
} from '../../shared/api/return-file';

/** Version 1 of the return's schema. FROZEN: a change is a new version, read beside this one. */
export const RETURN_FORMAT_VERSION = 1;

export const RETURN_SCHEMA_V1 = `
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

function columnsOf<S extends z.ZodObject>(schema: S): readonly (keyof S['shape'] & string)[] {
  return Object.keys(schema.shape);
}

/** Each table's columns, in its schema's order: a row schema's keys are its table's columns. */
export const RETURN_COLUMNS = {
  return_origin: columnsOf(ReturnOriginRowSchema),
  finding: columnsOf(ReturnFindingSchema),
  finding_event: columnsOf(ReturnEventSchema),
  finding_attachment: columnsOf(ReturnAttachmentSchema),
  correction: columnsOf(ReturnCorrectionSchema),
};
export type ReturnTable = keyof typeof RETURN_COLUMNS;

/** An in-memory database, with the Electron build of better-sqlite3 when the app names one. */
export function memoryDb(payload: Buffer | null, readonly = false): Database.Database {
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  const options = { ...(nativeBinding ? { nativeBinding } : {}), ...(readonly ? { readonly } : {}) };
  return payload === null ? new Database(':memory:', options) : new Database(payload, options);
}

/** The one error a malformed return gives, naming what was wrong (for the analyst and for support). */
export function malformedReturn(fileName: string, what: string): UserError {
  return new UserError(`${fileName} 的内容不合规（${what}），未做任何更改`);
}
