// Version 3: saved views (a named filter and view of the workstation). FROZEN.
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE saved_view (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL, -- JSON ViewState
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
