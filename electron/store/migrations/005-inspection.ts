// Version 5: the inspection (督导) loop. Each database gets an identity (a 督导包 names the provincial
// copy it was made from); findings with their history and attachments; verified corrections; a
// 督导包's origin; and the returns merged into this copy.
// FROZEN: a change to these tables is a new migration, never an edit here.
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export function up(db: Database): void {
  db.exec(`
    -- One row: this database's own id, made once (a copy of the file keeps it).
    CREATE TABLE database_identity (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL
    ) STRICT;

    -- One row in a 督导包, none elsewhere: where the bundle came from.
    CREATE TABLE bundle_origin (
      bundle_id TEXT PRIMARY KEY,
      city_code INTEGER NOT NULL REFERENCES region (code),
      from_day INTEGER NOT NULL,
      to_day INTEGER NOT NULL CHECK (to_day >= from_day),
      province_database_id TEXT NOT NULL,
      province_facts INTEGER NOT NULL,
      province_latest_batch INTEGER,
      -- Batches up to this id came from the province; later ones were made on the bundle.
      province_batch_max INTEGER NOT NULL,
      -- The other cities' (and 省厅直属) daily totals, kept so the city can be ranked on site.
      context_batch_id INTEGER REFERENCES batch (id),
      made_at TEXT NOT NULL,
      made_by TEXT NOT NULL
    ) STRICT;

    -- 督导发现 / 问题清单. Ids are UUIDs: a finding made on a bundle keeps its id in the province.
    CREATE TABLE finding (
      id TEXT PRIMARY KEY,
      region_code INTEGER NOT NULL REFERENCES region (code),
      department_id INTEGER REFERENCES department (id),
      indicator_id INTEGER REFERENCES indicator (id),
      from_day INTEGER,
      to_day INTEGER,
      category TEXT NOT NULL CHECK (category IN ('漏报', '迟报', '数据不实', '工作不落实', '其他')),
      severity TEXT NOT NULL CHECK (severity IN ('一般', '较重', '严重')),
      text TEXT NOT NULL,
      owner TEXT,
      due_day INTEGER,
      status TEXT NOT NULL CHECK (status IN ('待整改', '整改中', '已销号')),
      closed_at TEXT, -- when it was 销号
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (to_day IS NULL OR from_day IS NULL OR to_day >= from_day)
    ) STRICT;
    CREATE INDEX finding_region ON finding (region_code);

    -- Every change to a finding, kept (who, when, what). Ids are UUIDs so that two histories of
    -- the same finding (bundle and province) merge by id.
    CREATE TABLE finding_event (
      id TEXT PRIMARY KEY,
      finding_id TEXT NOT NULL REFERENCES finding (id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      what TEXT NOT NULL, -- 新建 | 状态 | 说明 | 整改时限 | 附件 (the change, in words)
      status TEXT CHECK (status IN ('待整改', '整改中', '已销号')), -- the status it set, if any
      note TEXT,
      due_day INTEGER, -- the due date it set, if any
      attachment_sha256 TEXT -- the attachment it added, if any
    ) STRICT;
    CREATE INDEX finding_event_finding ON finding_event (finding_id, at);

    -- Photos and scanned pages, stored in the database (so in a bundle they are encrypted too).
    CREATE TABLE finding_attachment (
      finding_id TEXT NOT NULL REFERENCES finding (id),
      sha256 TEXT NOT NULL,
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      data BLOB NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL,
      PRIMARY KEY (finding_id, sha256)
    ) STRICT;

    -- 核实更正: one figure found wrong on site, with the value it replaced. batch_id is the batch
    -- that applied it here (undoing that batch undoes the correction); a correction merged from a
    -- return that met a changed provincial figure is kept unapplied, with that figure.
    CREATE TABLE correction (
      id TEXT PRIMARY KEY,
      region_code INTEGER NOT NULL REFERENCES region (code),
      indicator_id INTEGER NOT NULL REFERENCES indicator (id),
      day INTEGER NOT NULL,
      original_value REAL, -- null: the figure had not been reported
      value REAL NOT NULL CHECK (value >= 0),
      reason TEXT NOT NULL,
      finding_id TEXT REFERENCES finding (id),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      batch_id INTEGER REFERENCES batch (id),
      conflict_value REAL, -- the provincial figure that stopped a merge from applying it
      return_id TEXT -- the return it was merged from; null when made here
    ) STRICT;
    CREATE INDEX correction_fact ON correction (region_code, indicator_id, day);
    CREATE INDEX correction_batch ON correction (batch_id);

    -- 督导回传 merged into this copy: merging the same return again is a no-op.
    CREATE TABLE return_merge (
      return_id TEXT PRIMARY KEY,
      bundle_id TEXT NOT NULL,
      city_code INTEGER NOT NULL REFERENCES region (code),
      team TEXT NOT NULL,
      merged_at TEXT NOT NULL,
      batch_id INTEGER REFERENCES batch (id),
      summary TEXT NOT NULL -- JSON: what was merged and what was left
    ) STRICT;
  `);
  db.prepare('INSERT INTO database_identity (id, created_at) VALUES (?, ?)').run(randomUUID(), new Date().toISOString());
}
