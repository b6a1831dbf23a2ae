// The provincial record: accepting a submission makes a batch (its submission_fact rows become
// facts, under the same conflict and replace rules as the workstation's import: a key another live
// batch holds is a conflict unless the submission replaces, and what it replaces goes to
// fact_replaced); undoing a batch puts back what it replaced. Each writes one change_log row
// (LOCK TABLE change_log IN EXCLUSIVE MODE first, see migration 001) in the caller's transaction.
// PLACEHOLDER (h14-review builds it; h14-sync's feed reads what it writes).
import type { PoolClient } from './pg-pool';
import type { SubmissionProblem } from '../../shared/api/central';

export interface AcceptedBatch {
  batchId: number;
  seq: number;
  facts: number;
  replaced: number;
}

/** Thrown when a submission that does not replace meets figures another live batch holds. */
export class RecordConflict extends Error {
  constructor(
    readonly problems: SubmissionProblem[],
    readonly count: number,
  ) {
    super(`与已采用的数据冲突 ${count} 处`);
  }
}

/** The submission (待审核) becomes a batch; the caller's transaction commits both. */
export async function acceptIntoRecord(_db: PoolClient, _submissionId: number, _acceptedBy: number, _now: Date): Promise<AcceptedBatch> {
  throw new Error('record: not built yet');
}

export async function undoInRecord(_db: PoolClient, _batchId: number, _undoneBy: number, _now: Date): Promise<{ seq: number; restored: number; removed: number }> {
  throw new Error('record: not built yet');
}
