// The provincial server's contract (issue 14): the JSON its HTTP API answers, which is also what
// the CLI prints with `--format json`, key for key; and the workstation operations that talk to it
// (log in, sync, review submissions, the 报送状态 board). Keys are snake_case as the issue writes them.
// The sync feed's answers are in sync-feed.ts, accounts and roles in server-accounts.ts.
import * as z from 'zod';
import type { ImportIssue } from './import';
import { IsoDaySchema } from './slice';
import { ACCOUNT_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, type Role } from './server-accounts';

export const SUBMISSION_STATUSES = ['校验未通过', '待审核', '已退回', '已采用'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** 报表: a city's return; 督导回传: an inspector's verified corrections for its city (replace what they correct). */
export const SUBMISSION_KINDS = ['return', 'inspection_return'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = { return: '报表', inspection_return: '督导回传' };

/** 报送状态 of one unit on one day. */
export const FILING_STATES = ['未报', '待审核', '已退回', '已采用'] as const;
export type FilingState = (typeof FILING_STATES)[number];

/** A 退回 reason, bounded like any stored text. */
export const RETURN_REASON_MAX_CHARS = 500;
/** Submissions one listing (GET /api/submissions) may ask for. */
export const SUBMISSION_LIST_MAX = 500;
/** Largest return file the server takes (the upload's body). */
export const SUBMISSION_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** A problem of a submitted file, located as `campaign import` locates it. */
export type SubmissionProblem = ImportIssue;

/** One submission as GET /api/submissions and `campaign submissions --format json` list it. */
export interface SubmissionJson {
  id: number;
  kind: SubmissionKind;
  /** The city's name. */
  city: string;
  /** The submitting account's name. */
  user: string;
  file: string;
  status: SubmissionStatus;
  /** Facts the file holds (valid rows). */
  rows: number;
  /** Why it was returned (已退回), else null. */
  reason: string | null;
  submitted_at: string;
  decided_at: string | null;
  /** Who accepted or returned it. */
  decided_by: string | null;
  /** The days its rows cover (ISO), null when it has none. */
  from: string | null;
  to: string | null;
  /** The city asks to replace figures already accepted. */
  replace: boolean;
  /** The batch of the provincial record it became (已采用). */
  batch_id: number | null;
}

/** GET /api/submission?id=: one submission with its validation report. */
export interface SubmissionDetailJson extends SubmissionJson {
  problems: SubmissionProblem[];
  /** Problems found in all (the list may hold fewer). */
  problem_count: number;
  sha256: string;
  /** Per reporting unit, the facts and the days it covers. */
  units: { code: number; name: string; facts: number; from: string; to: string }[];
}

/** One file's outcome of POST /api/submissions, and of `campaign submit --format json`. */
export interface SubmitResultJson {
  /** Null when the file was refused before anything was stored (not allowed, too large, not a return). */
  id: number | null;
  file: string;
  /** 待审核 when valid; 校验未通过 when the file has problems; '已拒收' when it was refused unstored. */
  status: SubmissionStatus | '已拒收';
  rows: number;
  problems: SubmissionProblem[];
}

/** POST /api/submissions/accept and /return: the submission after the decision. */
export interface DecisionJson {
  submission: SubmissionJson;
  /** Facts the accepted batch superseded (replace), 0 for a return. */
  replaced: number;
}

/** GET /api/filing-status: 报送状态 per unit and day over a period. */
export interface FilingStatusJson {
  from: string;
  to: string;
  days: string[];
  units: {
    code: number;
    name: string;
    city: string;
    /** One state per day of `days`, in order. */
    states: FilingState[];
  }[];
  /** Units per state over the whole grid. */
  totals: Record<FilingState, number>;
}

/** GET /api/health (public): what the header's server status shows before logging in. */
export interface HealthJson {
  ok: true;
  server_id: string;
  schema_version: number;
  server_time: string;
  version: string;
}

// ——— The workstation's operations (shared/api/operations.ts) ———

export const ServerUrlSchema = z
  .string()
  .trim()
  .max(500, '服务器地址过长')
  .refine((s) => /^https?:\/\/[^\s/]+(:\d+)?(\/.*)?$/i.test(s), '服务器地址须以 http:// 或 https:// 开头');

export const ServerLoginInputSchema = z.object({
  url: ServerUrlSchema,
  user: z.string().trim().min(1, '请填写用户名').max(ACCOUNT_NAME_MAX_CHARS, '用户名过长'),
  password: z.string().min(1, '请填写密码').max(PASSWORD_MAX_CHARS, '密码过长'),
});

export const ListSubmissionsInputSchema = z.object({
  status: z.enum(SUBMISSION_STATUSES).optional(),
});

export const SubmissionIdInputSchema = z.object({ id: z.number().int().positive() });

/** Why a submission is 退回: what the page and the CLI send, and what the server takes again. */
export const ReturnReasonSchema = z
  .string()
  .trim()
  .min(1, '退回须写明原因')
  .max(RETURN_REASON_MAX_CHARS, `退回原因过长（上限 ${RETURN_REASON_MAX_CHARS} 字）`);

export const DecideSubmissionInputSchema = z.discriminatedUnion('decision', [
  z.object({ id: z.number().int().positive(), decision: z.literal('accept') }),
  z.object({ id: z.number().int().positive(), decision: z.literal('return'), reason: ReturnReasonSchema }),
]);

export const FilingStatusInputSchema = z.object({
  from: IsoDaySchema,
  to: IsoDaySchema,
  /** A city's name or code; none: every city (an analyst), or the account's own. */
  city: z.string().max(40).optional(),
});

/** Where a sync stands: shown while it runs (polled through serverStatus). */
export interface SyncProgress {
  stage: 'changes' | 'facts' | 'apply';
  /** Changes applied so far of those known to be waiting. */
  done: number;
  total: number;
}

/** What one sync did. */
export interface SyncResult {
  server_url: string;
  from_seq: number;
  to_seq: number;
  /** Batches accepted on the server and now in this copy. */
  batches_added: number;
  /** Batches undone on the server and now undone here. */
  batches_undone: number;
  facts_added: number;
  /** Figures of local-only imports that a server batch superseded (kept for undo, reported). */
  local_facts_superseded: number;
  /** Server changes already applied (idempotent re-run, or a resumed sync). */
  changes_skipped: number;
  finished_at: string;
}

/** The header's server status and the 同步 panel. */
export interface ServerStatus {
  /** The server this database follows (sync_state), or the one logged in to. */
  url: string | null;
  /** Logged in on this workstation (a token held in the core's memory). */
  connected: boolean;
  user: { name: string; role: Role; region: string | null } | null;
  /** Reachable at the last contact; null when never asked. */
  reachable: boolean | null;
  /** The last contact's error in the user's words. */
  error: string | null;
  lastSync: { at: string; seq: number; pulled: number } | null;
  syncing: SyncProgress | null;
  /** Submissions 待审核 (for an analyst), when known. */
  waiting: number | null;
}
