// What a workstation or the CLI asks the server about submissions: submit files, list, detail,
// accept / 退回, the 报送状态 board. One function per call, shared by the CLI commands
// (cli/commands/submissions.ts) and the core's operations (core/handlers.ts).
import { CentralApiError, type CentralClient } from './http-client';
import {
  SUBMISSION_FILE_MAX_BYTES,
  SUBMISSION_LIST_MAX,
  type DecisionJson,
  type FilingStatusJson,
  type SubmissionDetailJson,
  type SubmissionJson,
  type SubmitResultJson,
} from '../../shared/api/central';
import type { OperationParsed } from '../../shared/api/parse-input';

export interface SubmitOptions {
  /** Ask to replace figures already accepted. */
  replace?: boolean;
}

/** The server's refusals of one file (not of the account): the file is 已拒收, the others go on. */
const FILE_REFUSALS = new Set([400, 403, 409, 413]);

/**
 * Uploads each file in turn. A file the server refuses unstored (another city's rows, the same
 * content already held, too large, a bad name) is reported as 已拒收 with the server's reason; a
 * failure of the session or the connection (401, unreachable) ends the whole run.
 */
export async function submitFiles(
  client: CentralClient,
  files: readonly { name: string; bytes: Uint8Array }[],
  options: SubmitOptions = {},
): Promise<SubmitResultJson[]> {
  const results: SubmitResultJson[] = [];
  const refused = (name: string, reason: string): SubmitResultJson => ({
    id: null,
    file: name,
    status: '已拒收',
    rows: 0,
    problems: [{ kind: 'file', file: name, sheet: null, row: null, column: null, value: null, reason }],
  });
  for (const f of files) {
    // Not sent: the server would refuse it, and a body it drops mid-upload reads as a broken connection.
    if (f.bytes.length > SUBMISSION_FILE_MAX_BYTES) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      results.push(
        refused(f.name, `文件过大（${mb(f.bytes.length)} MB，上限 ${mb(SUBMISSION_FILE_MAX_BYTES)} MB），未报送：请拆分为多个文件`),
      );
      continue;
    }
    try {
      const r = await client.postFile<SubmitResultJson>('/api/submissions', f.name, f.bytes, options.replace ? { replace: 1 } : {});
      // Exactly the contract's keys, whatever else a later server adds.
      results.push({ id: r.id, file: r.file, status: r.status, rows: r.rows, problems: r.problems });
    } catch (e) {
      if (!(e instanceof CentralApiError) || !FILE_REFUSALS.has(e.status)) throw e;
      results.push(refused(f.name, e.message));
    }
  }
  return results;
}

export async function listSubmissions(
  client: CentralClient,
  input: OperationParsed<'listSubmissions'>,
): Promise<{ submissions: SubmissionJson[] }> {
  const r = await client.get<{ submissions: SubmissionJson[] }>('/api/submissions', { status: input.status, limit: SUBMISSION_LIST_MAX });
  return { submissions: r.submissions };
}

export async function submissionDetail(client: CentralClient, input: OperationParsed<'submissionDetail'>): Promise<SubmissionDetailJson> {
  return client.get<SubmissionDetailJson>('/api/submission', { id: input.id });
}

export async function decideSubmission(client: CentralClient, input: OperationParsed<'decideSubmission'>): Promise<DecisionJson> {
  const r =
    input.decision === 'accept'
      ? await client.postJson<DecisionJson>('/api/submissions/accept', { id: input.id })
      : await client.postJson<DecisionJson>('/api/submissions/return', { id: input.id, reason: input.reason });
  return { submission: r.submission, replaced: r.replaced };
}

export async function filingStatus(client: CentralClient, input: OperationParsed<'filingStatus'>): Promise<FilingStatusJson> {
  return client.get<FilingStatusJson>('/api/filing-status', { from: input.from, to: input.to, city: input.city });
}
