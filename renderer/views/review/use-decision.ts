// 采用 or 退回 a submission: busy while the server decides, then a notice of what was done or the
// error; the header's 待审核 count is refreshed either way.
import { useState } from 'react';
import type { WorkstationApi } from '../../../shared/api/operations';

export type Decision = { id: number; decision: 'accept' } | { id: number; decision: 'return'; reason: string };

export interface SubmissionDecision {
  busy: boolean;
  error: unknown;
  clearError(): void;
  notice: string | null;
  clearNotice(): void;
  /** True when the server took the decision. */
  decide(input: Decision): Promise<boolean>;
}

export function useSubmissionDecision(api: WorkstationApi, refresh: () => void): SubmissionDecision {
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const decide = async (input: Decision) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const answer = await api.call('decideSubmission', input);
      const s = answer.submission;
      setNotice(
        input.decision === 'accept'
          ? `已采用 ${s.city} 的报送“${s.file}”（${s.rows.toLocaleString('en-US')} 条${answer.replaced > 0 ? `，替换 ${answer.replaced.toLocaleString('en-US')} 条原有数据` : ''}）。同步后本机数据更新。`
          : `已退回 ${s.city} 的报送“${s.file}”，退回原因已告知报送人。`,
      );
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
      // The header's 待审核 count.
      refresh();
    }
  };

  return { busy, error, clearError: () => setError(null), notice, clearNotice: () => setNotice(null), decide };
}
