// Server version 1: the catalogue, accounts and their tokens, login attempts, the audit log, and the
// provincial record that submissions and sync work on (submission, batch, fact, fact_replaced,
// change_log).
// FROZEN: a change is a new migration, never an edit here. Portable SQL only, so a province can run
// it on PostgreSQL, KingbaseES, HighGo or openGauss: integer/bigint/bigserial, text, boolean, bytea,
// double precision, timestamp with time zone; no extensions, no arrays, no jsonb, no enums (CHECK).
// The one PL/pgSQL function refuses changes to the audit log (all four engines run PL/pgSQL).
//
// Conventions shared with the workstation's SQLite store, so sync copies rows without translation:
// days are integers (days since 1970-01-01); regions are 6-digit codes; indicator ids are the
// catalogue's; a value never reported has no fact row.
import type { MigrationClient } from './types';
// The same frozen rows the workstation's version 1 writes (that file is never edited either), so a
// new server and a new workstation database hold the same catalogue.
import {
  CAMPAIGNS,
  DEPARTMENT_ALIASES,
  DEPARTMENTS,
  INDICATOR_ALIASES,
  INDICATORS,
  PHASES,
  REGIONS,
} from '../../store/migrations/001-initial.data';

const SCHEMA = `
  CREATE TABLE region (
    code integer PRIMARY KEY,
    name text NOT NULL,
    level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent_code integer REFERENCES region (code),
    city_code integer REFERENCES region (code), -- itself for a city, its city for a county
    sort integer NOT NULL
  );

  CREATE TABLE department (
    id integer PRIMARY KEY,
    name text NOT NULL UNIQUE,
    full_name text NOT NULL,
    sort integer NOT NULL
  );

  CREATE TABLE department_alias (
    alias text PRIMARY KEY,
    department_id integer NOT NULL REFERENCES department (id)
  );

  CREATE TABLE indicator (
    id integer PRIMARY KEY,
    department_id integer NOT NULL REFERENCES department (id),
    name text NOT NULL,
    unit text NOT NULL,
    phrase text NOT NULL,
    display text NOT NULL, -- JSON DisplayStyle, as the workstation stores it
    from_article boolean NOT NULL,
    sort integer NOT NULL,
    UNIQUE (department_id, name)
  );

  CREATE TABLE indicator_alias (
    alias text NOT NULL,
    indicator_id integer NOT NULL REFERENCES indicator (id),
    PRIMARY KEY (alias, indicator_id)
  );

  CREATE TABLE campaign (
    id integer PRIMARY KEY,
    name text NOT NULL UNIQUE,
    year integer NOT NULL,
    from_day integer NOT NULL,
    to_day integer NOT NULL CHECK (to_day >= from_day)
  );

  CREATE TABLE phase (
    id integer PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaign (id),
    name text NOT NULL UNIQUE,
    from_day integer NOT NULL,
    to_day integer NOT NULL CHECK (to_day >= from_day)
  );

  -- Accounts. city and inspector accounts belong to one city; admin and analyst to none.
  CREATE TABLE account (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('admin', 'analyst', 'city', 'inspector')),
    region_code integer REFERENCES region (code),
    -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash, so they can be raised later.
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL,
    created_by text NOT NULL, -- an admin's name, or 'cli' for the command line on the server
    disabled_at timestamp with time zone,
    CHECK ((role IN ('city', 'inspector') AND region_code IS NOT NULL) OR (role IN ('admin', 'analyst') AND region_code IS NULL))
  );

  -- Bearer tokens: only their SHA-256 is kept, so a copy of the table logs nobody in.
  CREATE TABLE session_token (
    token_sha256 text PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    address text NOT NULL
  );
  CREATE INDEX session_token_account ON session_token (account_id);

  -- Every login attempt, for the rate limit (failures per name and per address in a window).
  CREATE TABLE login_attempt (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    address text NOT NULL,
    at timestamp with time zone NOT NULL,
    ok boolean NOT NULL
  );
  CREATE INDEX login_attempt_name ON login_attempt (name, at);
  CREATE INDEX login_attempt_address ON login_attempt (address, at);

  -- Who did what, when, from where, and how it ended. Append-only (the triggers below).
  CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamp with time zone NOT NULL,
    account_id bigint REFERENCES account (id),
    account_name text, -- as given (also for a failed login of an unknown name)
    role text,
    action text NOT NULL, -- 'POST /api/login', 'user add', ...
    target text, -- what it acted on: an account name, a submission id, a city
    outcome text NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    reason text, -- why it was refused or failed, in the words the user was given
    address text -- the client's address; 'cli' for the command line on the server
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_account ON audit_log (account_id, at);

  -- 报送: one uploaded file. A file that fails validation is kept as 校验未通过 (with its report) and
  -- holds no facts; a valid one is 待审核 with its parsed rows in submission_fact until an analyst
  -- accepts it (已采用: it becomes a batch) or returns it (已退回, with the reason the city sees).
  CREATE TABLE submission (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('return', 'inspection_return')), -- 报表 | 督导回传 (issue 8)
    account_id bigint NOT NULL REFERENCES account (id),
    city_code integer NOT NULL REFERENCES region (code),
    file_name text NOT NULL,
    file_sha256 text NOT NULL,
    file_bytes bytea NOT NULL, -- the file as uploaded, for the analyst and for any later audit
    replace_existing boolean NOT NULL DEFAULT false, -- the city asks to replace figures already accepted
    status text NOT NULL CHECK (status IN ('校验未通过', '待审核', '已退回', '已采用')),
    row_count integer NOT NULL DEFAULT 0,
    from_day integer, -- the days its rows cover (null when it has none)
    to_day integer,
    report text NOT NULL, -- JSON: the validation report (problems by file/sheet/row/column)
    submitted_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone,
    decided_by bigint REFERENCES account (id),
    reason text, -- why it was returned (已退回)
    batch_id bigint, -- the batch it became (已采用); REFERENCES batch below
    CHECK ((status = '已退回') = (reason IS NOT NULL)),
    CHECK ((status = '已采用') = (batch_id IS NOT NULL)),
    CHECK ((status IN ('已退回', '已采用')) = (decided_at IS NOT NULL))
  );
  CREATE INDEX submission_status ON submission (status, submitted_at);
  CREATE INDEX submission_city ON submission (city_code, submitted_at);
  CREATE INDEX submission_sha256 ON submission (file_sha256);

  -- The rows of a valid submission as validated, so accepting it needs no second parse and the
  -- 报送状态 board sees which unit-days a waiting submission covers.
  CREATE TABLE submission_fact (
    submission_id bigint NOT NULL REFERENCES submission (id),
    day integer NOT NULL,
    region_code integer NOT NULL REFERENCES region (code),
    indicator_id integer NOT NULL REFERENCES indicator (id),
    value double precision NOT NULL CHECK (value >= 0),
    note text,
    PRIMARY KEY (submission_id, day, region_code, indicator_id)
  );
  CREATE INDEX submission_fact_unit_day ON submission_fact (region_code, day);

  -- A batch of the provincial record: an accepted submission (or a merged 督导回传). Undoing it
  -- sets undone_at and puts back what it replaced, exactly as the workstation's undo does. What a
  -- batch brought never changes: its submission's submission_fact rows, which sync replays (the
  -- fact table holds only what is current; fact_replaced what later batches superseded).
  CREATE TABLE batch (
    id bigserial PRIMARY KEY,
    submission_id bigint REFERENCES submission (id),
    city_code integer REFERENCES region (code), -- null when its facts span several cities
    source text NOT NULL, -- the file name
    sha256 text NOT NULL,
    fact_count integer NOT NULL,
    replaced_count integer NOT NULL DEFAULT 0,
    accepted_at timestamp with time zone NOT NULL,
    accepted_by bigint NOT NULL REFERENCES account (id),
    undone_at timestamp with time zone,
    undone_by bigint REFERENCES account (id)
  );
  ALTER TABLE submission ADD CONSTRAINT submission_batch FOREIGN KEY (batch_id) REFERENCES batch (id);

  CREATE TABLE fact (
    day integer NOT NULL,
    region_code integer NOT NULL REFERENCES region (code),
    indicator_id integer NOT NULL REFERENCES indicator (id),
    value double precision NOT NULL CHECK (value >= 0),
    batch_id bigint NOT NULL REFERENCES batch (id),
    note text,
    PRIMARY KEY (day, region_code, indicator_id)
  );
  CREATE INDEX fact_batch ON fact (batch_id);
  CREATE INDEX fact_region_day ON fact (region_code, day);

  -- What a replacing batch superseded, so that undoing it puts the old figures back.
  CREATE TABLE fact_replaced (
    batch_id bigint NOT NULL REFERENCES batch (id),
    day integer NOT NULL,
    region_code integer NOT NULL,
    indicator_id integer NOT NULL,
    value double precision NOT NULL,
    old_batch_id bigint NOT NULL REFERENCES batch (id),
    note text,
    PRIMARY KEY (batch_id, day, region_code, indicator_id)
  );
  CREATE INDEX fact_replaced_old ON fact_replaced (old_batch_id);

  -- What sync replays: one row per change to the record, in commit order. A writer takes
  -- LOCK TABLE change_log IN EXCLUSIVE MODE before inserting and holds it to commit, so sequence
  -- numbers become visible in order and a workstation that has seen seq N never later finds a
  -- smaller one (gaps from rolled-back transactions are harmless). A workstation keeps the last seq
  -- it applied, in the same local transaction as the change: resumable and idempotent.
  CREATE TABLE change_log (
    seq bigserial PRIMARY KEY,
    at timestamp with time zone NOT NULL,
    kind text NOT NULL CHECK (kind IN ('batch_accepted', 'batch_undone')),
    batch_id bigint NOT NULL REFERENCES batch (id),
    city_code integer REFERENCES region (code) -- the batch's city, so a city's sync skips the others
  );
  CREATE INDEX change_log_city ON change_log (city_code, seq);

  CREATE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
  BEGIN
    RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
  END;
  $$ LANGUAGE plpgsql;

  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE PROCEDURE audit_log_refuse_change();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE PROCEDURE audit_log_refuse_change();
`;

export async function up(db: MigrationClient): Promise<void> {
  await db.query(SCHEMA);
  let sort = 0;
  for (const [code, name, level, parent, city] of REGIONS) {
    await db.query('INSERT INTO region (code, name, level, parent_code, city_code, sort) VALUES ($1, $2, $3, $4, $5, $6)', [
      code,
      name,
      level,
      parent,
      city,
      sort++,
    ]);
  }
  sort = 0;
  for (const [id, name, fullName] of DEPARTMENTS) {
    await db.query('INSERT INTO department (id, name, full_name, sort) VALUES ($1, $2, $3, $4)', [id, name, fullName, sort++]);
  }
  for (const [alias, department] of DEPARTMENT_ALIASES) {
    await db.query('INSERT INTO department_alias (alias, department_id) VALUES ($1, $2)', [alias, department]);
  }
  sort = 0;
  for (const [id, department, name, unit, phrase, display, fromArticle] of INDICATORS) {
    await db.query(
      'INSERT INTO indicator (id, department_id, name, unit, phrase, display, from_article, sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, department, name, unit, phrase, display, fromArticle === 1, sort++],
    );
  }
  for (const [alias, indicator] of INDICATOR_ALIASES) {
    await db.query('INSERT INTO indicator_alias (alias, indicator_id) VALUES ($1, $2)', [alias, indicator]);
  }
  for (const [id, name, year, from, to] of CAMPAIGNS) {
    await db.query('INSERT INTO campaign (id, name, year, from_day, to_day) VALUES ($1, $2, $3, $4, $5)', [id, name, year, from, to]);
  }
  for (const [id, campaign, name, from, to] of PHASES) {
    await db.query('INSERT INTO phase (id, campaign_id, name, from_day, to_day) VALUES ($1, $2, $3, $4, $5)', [
      id,
      campaign,
      name,
      from,
      to,
    ]);
  }
}
