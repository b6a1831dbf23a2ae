// 报送 in the database: storing a validated upload (all in one transaction: the submission row and
// its rows, or the submission with its report and no rows), and reading submissions back as the
// API answers them. The HTTP side (who may, the city check, answers) is submission-routes.ts.
import { createHash } from 'node:crypto';
import type { SubmissionDetailJson, SubmissionJson, SubmissionKind, SubmissionProblem, SubmissionStatus } from '../../shared/api/central';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { isoDay } from '../../shared/dates';
import { factKey } from '../store/fact-key';
import { columnLetter } from '../../shared/column-letter';
import { describeKey } from '../../shared/describe-key';
import type { Account } from './accounts';
import type { Db, PoolClient } from './pg-pool';
import type { ValidatedUpload } from './submission-validation';
import { pauseForTestIfAsked } from './test-pause';

/** Rows per multi-row INSERT: 6 parameters each, well under PostgreSQL's 65,535. */
const INSERT_ROWS = 2000;

/** The validation report as stored in submission.report. */
export interface StoredReport {
  problems: SubmissionProblem[];
  problem_count: number;
  format: string | null;
  encoding: string | null;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a file with these contents is not taken again, or null: a live batch or a waiting submission holds it. */
export async function sameContentHeld(db: Db, sha256: string): Promise<string | null> {
  const batch = await db.query<{ id: string; source: string }>(
    'SELECT id, source FROM batch WHERE sha256 = $1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1',
    [sha256],
  );
  if (batch.rows[0]) return `内容与已采用的批次 ${batch.rows[0].id}（“${batch.rows[0].source}”）完全相同，未重复报送`;
  const waiting = await db.query<{ id: string; file_name: string }>(
    "SELECT id, file_name FROM submission WHERE file_sha256 = $1 AND status = '待审核' ORDER BY id DESC LIMIT 1",
    [sha256],
  );
  if (waiting.rows[0]) return `内容与待审核的报送 ${waiting.rows[0].id}（“${waiting.rows[0].file_name}”）完全相同，未重复报送`;
  return null;
}

export interface NewSubmission {
  account: Account;
  cityCode: number;
  kind: SubmissionKind;
  replace: boolean;
  name: string;
  bytes: Buffer;
  sha256: string;
  upload: ValidatedUpload;
  resolver: CatalogueResolver;
  now: Date;
}

export interface StoredSubmission {
  id: number;
  status: SubmissionStatus;
  rows: number;
  problems: SubmissionProblem[];
}

/**
 * Stores an upload in the caller's transaction: a valid file as 待审核 with its rows in
 * submission_fact; a file with problems, or one that meets accepted figures without replacing
 * (conflicts, reported as the import reports them), as 校验未通过 with its report and no rows.
 */
export async function storeSubmission(db: PoolClient, s: NewSubmission): Promise<StoredSubmission> {
  const { facts, issues } = s.upload;
  let fromDay: number | null = null;
  let toDay: number | null = null;
  for (let i = 0; i < facts.length; i++) {
    const d = facts.day[i]!;
    if (fromDay === null || d < fromDay) fromDay = d;
    if (toDay === null || d > toDay) toDay = d;
  }
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, replace_existing, status, row_count, from_day, to_day, report, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '校验未通过', $8, $9, $10, '{}', $11) RETURNING id`,
    [s.kind, s.account.id, s.cityCode, s.name, s.sha256, s.bytes, s.replace, facts.length, fromDay, toDay, s.now],
  );
  const id = Number(inserted.rows[0]!.id);
  if (issues.total === 0) {
    await insertRows(db, id, s.upload);
    if (!s.replace) await reportConflicts(db, id, s.upload, s.resolver);
  }
  const problems = issues.list();
  const status: SubmissionStatus = issues.total === 0 ? '待审核' : '校验未通过';
  // A file refused for conflicts keeps no rows: only a 待审核 submission holds any.
  if (status !== '待审核') await db.query('DELETE FROM submission_fact WHERE submission_id = $1', [id]);
  const report: StoredReport = {
    problems,
    problem_count: issues.total,
    format: s.upload.summary.format,
    encoding: s.upload.summary.encoding,
  };
  await db.query('UPDATE submission SET status = $1, report = $2 WHERE id = $3', [status, JSON.stringify(report), id]);
  return { id, status, rows: facts.length, problems };
}

async function insertRows(db: PoolClient, id: number, upload: ValidatedUpload): Promise<void> {
  const f = upload.facts;
  for (let from = 0; from < f.length; from += INSERT_ROWS) {
    const to = Math.min(f.length, from + INSERT_ROWS);
    const values: string[] = [];
    const args: (number | string | null)[] = [];
    for (let i = from; i < to; i++) {
      const p = args.length;
      values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`);
      args.push(id, f.day[i]!, f.region[i]!, f.indicator[i]!, f.value[i]!, f.note[i] ?? null);
    }
    await db.query(
      `INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value, note) VALUES ${values.join(', ')}`,
      args,
    );
    await pauseForTestIfAsked('submission-rows');
  }
}

/** Keys of the upload that accepted figures hold: problems of kind 'conflict', located by row and column. */
async function reportConflicts(db: PoolClient, id: number, upload: ValidatedUpload, resolver: CatalogueResolver): Promise<void> {
  const held = await db.query<{ day: number; region_code: number; indicator_id: number; value: number; batch_id: string; source: string }>(
    `SELECT s.day, s.region_code, s.indicator_id, f.value, f.batch_id, b.source
       FROM submission_fact s
       JOIN fact f ON f.day = s.day AND f.region_code = s.region_code AND f.indicator_id = s.indicator_id
       JOIN batch b ON b.id = f.batch_id
      WHERE s.submission_id = $1`,
    [id],
  );
  if (held.rows.length === 0) return;
  const { facts, issues, summary } = upload;
  const index = new Map<number, number>();
  for (let i = 0; i < facts.length; i++) index.set(facts.key[i]!, i);
  const found = held.rows.map((h) => ({ h, i: index.get(factKey(h.day, h.region_code, h.indicator_id))! })).sort((a, b) => a.i - b.i);
  for (const { h, i } of found) {
    const sheet = summary.sheets[facts.sheet[i]!]!;
    const column = facts.column[i]!;
    issues.add(
      'conflict',
      sheet.name,
      facts.row[i]!,
      sheet.layout.columns[column] ?? `${columnLetter(column)}列`,
      facts.rawValue(i),
      `${describeKey(resolver, h.day, h.region_code, h.indicator_id)} 已有数值 ${h.value}（批次 ${h.batch_id}，来源“${h.source}”）`,
    );
  }
}

// ——— Reading ———

interface SubmissionRow {
  id: string;
  kind: SubmissionKind;
  city_code: number;
  city: string;
  user_name: string;
  file_name: string;
  status: SubmissionStatus;
  row_count: number;
  reason: string | null;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  from_day: number | null;
  to_day: number | null;
  replace_existing: boolean;
  batch_id: string | null;
}

const SELECT_SUBMISSION = `
  SELECT s.id, s.kind, s.city_code, c.name AS city, a.name AS user_name, s.file_name, s.status, s.row_count, s.reason,
         s.submitted_at, s.decided_at, d.name AS decided_by, s.from_day, s.to_day, s.replace_existing, s.batch_id
    FROM submission s
    JOIN account a ON a.id = s.account_id
    JOIN region c ON c.code = s.city_code
    LEFT JOIN account d ON d.id = s.decided_by`;

function toJson(r: SubmissionRow): SubmissionJson {
  return {
    // The issue's keys first, in its order (`campaign submissions --format json` prints these).
    id: Number(r.id),
    city: r.city,
    user: r.user_name,
    file: r.file_name,
    status: r.status,
    rows: r.row_count,
    reason: r.reason,
    submitted_at: r.submitted_at.toISOString(),
    decided_at: r.decided_at?.toISOString() ?? null,
    kind: r.kind,
    decided_by: r.decided_by,
    from: r.from_day === null ? null : isoDay(r.from_day),
    to: r.to_day === null ? null : isoDay(r.to_day),
    replace: r.replace_existing,
    batch_id: r.batch_id === null ? null : Number(r.batch_id),
  };
}

export interface SubmissionFilter {
  status?: SubmissionStatus;
  cityCode?: number;
  limit: number;
}

/** Newest first. */
export async function listSubmissionRows(db: Db, filter: SubmissionFilter): Promise<SubmissionJson[]> {
  const r = await db.query<SubmissionRow>(
    `${SELECT_SUBMISSION}
      WHERE ($1::text IS NULL OR s.status = $1) AND ($2::integer IS NULL OR s.city_code = $2)
      ORDER BY s.submitted_at DESC, s.id DESC LIMIT $3`,
    [filter.status ?? null, filter.cityCode ?? null, filter.limit],
  );
  return r.rows.map(toJson);
}

/** One submission and the city it belongs to (for the city check), or null. */
export async function submissionById(db: Db, id: number): Promise<{ json: SubmissionJson; cityCode: number } | null> {
  const r = await db.query<SubmissionRow>(`${SELECT_SUBMISSION} WHERE s.id = $1`, [id]);
  const row = r.rows[0];
  return row ? { json: toJson(row), cityCode: row.city_code } : null;
}

export async function submissionDetailJson(db: Db, id: number): Promise<SubmissionDetailJson | null> {
  const found = await submissionById(db, id);
  if (!found) return null;
  const extra = await db.query<{ report: string; file_sha256: string }>('SELECT report, file_sha256 FROM submission WHERE id = $1', [id]);
  const report = JSON.parse(extra.rows[0]!.report) as Partial<StoredReport>;
  const units = await db.query<{ code: number; name: string; facts: string; from_day: number; to_day: number }>(
    `SELECT u.code, CASE WHEN r.level = 'county' THEN c.name || r.name WHEN r.level = 'city' THEN r.name || '本级' ELSE '省厅直属' END AS name,
            u.facts, u.from_day, u.to_day
       FROM (SELECT region_code AS code, COUNT(*) AS facts, MIN(day) AS from_day, MAX(day) AS to_day
               FROM submission_fact WHERE submission_id = $1 GROUP BY region_code) u
       JOIN region r ON r.code = u.code
       LEFT JOIN region c ON c.code = r.city_code
      ORDER BY CASE WHEN r.level = 'city' THEN 1 ELSE 0 END, r.sort`, // as GET /api/units: counties, then 市本级
    [id],
  );
  return {
    ...found.json,
    problems: report.problems ?? [],
    problem_count: report.problem_count ?? 0,
    sha256: extra.rows[0]!.file_sha256,
    units: units.rows.map((u) => ({ code: u.code, name: u.name, facts: Number(u.facts), from: isoDay(u.from_day), to: isoDay(u.to_day) })),
  };
}
