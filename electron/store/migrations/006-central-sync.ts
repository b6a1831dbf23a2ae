// Version 6: the copy of the provincial server's record (issue 14 §2). A database synced from the
// server remembers which server and account it follows and the last change it applied; each batch
// that came from the server is marked with the server's batch id, so a batch without a mark is a
// local-only import and stays so (sync never takes it for the server's, nor the reverse).
// FROZEN: a change to these tables is a new migration, never an edit here.
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    -- At most one row: the server this copy follows. last_seq is the last change_log seq applied,
    -- written in the same transaction as that change, so a cut sync resumes after it.
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      server_url TEXT NOT NULL,
      server_id TEXT, -- the server's own id, so a copy is never synced from two different servers
      user_name TEXT NOT NULL,
      role TEXT NOT NULL,
      city_code INTEGER REFERENCES region (code), -- set for a city or inspector account: its slice only
      last_seq INTEGER NOT NULL DEFAULT 0,
      last_sync_at TEXT, -- ISO time the last sync finished
      last_pulled INTEGER NOT NULL DEFAULT 0 -- changes applied by the last sync
    ) STRICT;

    -- The local batches that are the server's: one row per server batch applied here.
    CREATE TABLE server_batch (
      batch_id INTEGER PRIMARY KEY REFERENCES batch (id),
      server_batch_id INTEGER NOT NULL UNIQUE,
      accepted_seq INTEGER NOT NULL, -- the change that brought it
      undone_seq INTEGER, -- the change that undid it
      submission_id INTEGER, -- the server's submission it was accepted from
      city_code INTEGER REFERENCES region (code),
      accepted_at TEXT NOT NULL,
      accepted_by TEXT NOT NULL
    ) STRICT;
  `);
}
