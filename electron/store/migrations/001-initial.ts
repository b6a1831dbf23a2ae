// Version 1: catalogue, facts, import batches. Facts are keyed by (day, region, indicator); the
// indicator belongs to one department, so this is the (date, region, department, indicator).
// FROZEN: this SQL and the rows in 001-initial.data.ts are what every version-1 file holds; a
// change to the catalogue or the schema is a new migration, never an edit here.
import type { Database } from 'better-sqlite3';
import { CAMPAIGNS, DEPARTMENT_ALIASES, DEPARTMENTS, INDICATOR_ALIASES, INDICATORS, PHASES, REGIONS } from './001-initial.data';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE region (
      code INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
      parent_code INTEGER REFERENCES region (code),
      city_code INTEGER REFERENCES region (code), -- itself for a city, its city for a county
      sort INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE department (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      full_name TEXT NOT NULL,
      sort INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE department_alias (
      alias TEXT PRIMARY KEY,
      department_id INTEGER NOT NULL REFERENCES department (id)
    ) STRICT;

    CREATE TABLE indicator (
      id INTEGER PRIMARY KEY,
      department_id INTEGER NOT NULL REFERENCES department (id),
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      phrase TEXT NOT NULL,
      display TEXT NOT NULL, -- JSON DisplayStyle
      from_article INTEGER NOT NULL CHECK (from_article IN (0, 1)),
      sort INTEGER NOT NULL,
      UNIQUE (department_id, name)
    ) STRICT;

    CREATE TABLE indicator_alias (
      alias TEXT NOT NULL,
      indicator_id INTEGER NOT NULL REFERENCES indicator (id),
      PRIMARY KEY (alias, indicator_id)
    ) STRICT;

    CREATE TABLE campaign (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      from_day INTEGER NOT NULL,
      to_day INTEGER NOT NULL CHECK (to_day >= from_day)
    ) STRICT;

    CREATE TABLE phase (
      id INTEGER PRIMARY KEY,
      campaign_id INTEGER NOT NULL REFERENCES campaign (id),
      name TEXT NOT NULL UNIQUE,
      from_day INTEGER NOT NULL,
      to_day INTEGER NOT NULL CHECK (to_day >= from_day)
    ) STRICT;

    CREATE TABLE batch (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL, -- file name, or 'demo'
      sha256 TEXT NOT NULL,
      fact_count INTEGER NOT NULL,
      replaced_count INTEGER NOT NULL DEFAULT 0,
      imported_at TEXT NOT NULL,
      undone_at TEXT
    ) STRICT;
    CREATE INDEX batch_sha256 ON batch (sha256);

    -- Days are integers (days since 1970-01-01). A value that was never reported has no row.
    CREATE TABLE fact (
      day INTEGER NOT NULL,
      region_code INTEGER NOT NULL REFERENCES region (code),
      indicator_id INTEGER NOT NULL REFERENCES indicator (id),
      value REAL NOT NULL CHECK (value >= 0),
      batch_id INTEGER NOT NULL REFERENCES batch (id),
      note TEXT,
      PRIMARY KEY (day, region_code, indicator_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX fact_batch ON fact (batch_id);

    -- What an import with --replace superseded, so that undo can put it back exactly.
    CREATE TABLE fact_replaced (
      batch_id INTEGER NOT NULL REFERENCES batch (id),
      day INTEGER NOT NULL,
      region_code INTEGER NOT NULL,
      indicator_id INTEGER NOT NULL,
      value REAL NOT NULL,
      old_batch_id INTEGER NOT NULL REFERENCES batch (id),
      note TEXT,
      PRIMARY KEY (batch_id, day, region_code, indicator_id)
    ) STRICT;
    CREATE INDEX fact_replaced_old ON fact_replaced (old_batch_id);
  `);

  const insertRegion = db.prepare('INSERT INTO region (code, name, level, parent_code, city_code, sort) VALUES (?, ?, ?, ?, ?, ?)');
  REGIONS.forEach((r, sort) => insertRegion.run(...r, sort));
  const insertDept = db.prepare('INSERT INTO department (id, name, full_name, sort) VALUES (?, ?, ?, ?)');
  DEPARTMENTS.forEach((d, sort) => insertDept.run(...d, sort));
  const insertDeptAlias = db.prepare('INSERT INTO department_alias (alias, department_id) VALUES (?, ?)');
  for (const a of DEPARTMENT_ALIASES) insertDeptAlias.run(...a);
  const insertInd = db.prepare(
    'INSERT INTO indicator (id, department_id, name, unit, phrase, display, from_article, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  INDICATORS.forEach((i, sort) => insertInd.run(...i, sort));
  const insertIndAlias = db.prepare('INSERT INTO indicator_alias (alias, indicator_id) VALUES (?, ?)');
  for (const a of INDICATOR_ALIASES) insertIndAlias.run(...a);
  const insertCampaign = db.prepare('INSERT INTO campaign (id, name, year, from_day, to_day) VALUES (?, ?, ?, ?, ?)');
  for (const c of CAMPAIGNS) insertCampaign.run(...c);
  const insertPhase = db.prepare('INSERT INTO phase (id, campaign_id, name, from_day, to_day) VALUES (?, ?, ?, ?, ?)');
  for (const p of PHASES) insertPhase.run(...p);
}
