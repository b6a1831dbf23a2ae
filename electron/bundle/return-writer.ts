// Writes a 督导回传's payload (return-format.ts): the frozen schema, its version, and the rows as
// the bundle holds them, serialized from an in-memory database.
import type Database from 'better-sqlite3';
import type { ReturnContents } from '../../shared/api/return-file';
import { memoryDb, RETURN_COLUMNS, RETURN_FORMAT_VERSION, RETURN_SCHEMA_V1, type ReturnTable } from './return-format';

/** The return's payload bytes (a serialized SQLite database). */
export function writeReturnPayload(contents: ReturnContents): Buffer {
  const db = memoryDb(null);
  try {
    db.exec(RETURN_SCHEMA_V1);
    db.pragma(`user_version = ${RETURN_FORMAT_VERSION}`);
    const o = contents.origin;
    const write = db.transaction(() => {
      db.prepare('INSERT INTO return_origin VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        o.returnId,
        o.bundleId,
        o.cityCode,
        o.fromDay,
        o.toDay,
        o.provinceDatabaseId,
        o.team,
        o.madeAt,
      );
      insertRows(db, 'finding', contents.findings);
      insertRows(db, 'finding_event', contents.events);
      insertRows(db, 'finding_attachment', contents.attachments);
      insertRows(db, 'correction', contents.corrections);
    });
    write();
    return db.serialize();
  } finally {
    db.close();
  }
}

function insertRows(db: Database.Database, table: ReturnTable, rows: readonly Readonly<Record<string, unknown>>[]): void {
  const columns = RETURN_COLUMNS[table];
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(...columns.map((c) => row[c]));
}
