// What a workstation or the CLI asks the server about submissions: submit files, list, detail,
// accept / 退回, the 报送状态 board. One function per call, shared by the CLI commands
// (cli/submission-commands.ts) and the core's operations (core/handlers.ts).
// PLACEHOLDER (h14-review builds it).
import type { CentralClient } from './http-client';
import type { DecisionJson, FilingStatusJson, SubmissionDetailJson, SubmissionJson, SubmitResultJson } from '../../shared/api/central';
import type { OperationParsed } from '../../shared/api/parse-input';

export interface SubmitOptions {
  /** Ask to replace figures already accepted. */
  replace?: boolean;
}

export async function submitFiles(_client: CentralClient, _files: readonly { name: string; bytes: Uint8Array }[], _options: SubmitOptions = {}): Promise<SubmitResultJson[]> {
  throw new Error('review client: not built yet');
}

export async function listSubmissions(_client: CentralClient, _input: OperationParsed<'listSubmissions'>): Promise<{ submissions: SubmissionJson[] }> {
  throw new Error('review client: not built yet');
}

export async function submissionDetail(_client: CentralClient, _input: OperationParsed<'submissionDetail'>): Promise<SubmissionDetailJson> {
  throw new Error('review client: not built yet');
}

export async function decideSubmission(_client: CentralClient, _input: OperationParsed<'decideSubmission'>): Promise<DecisionJson> {
  throw new Error('review client: not built yet');
}

export async function filingStatus(_client: CentralClient, _input: OperationParsed<'filingStatus'>): Promise<FilingStatusJson> {
  throw new Error('review client: not built yet');
}
