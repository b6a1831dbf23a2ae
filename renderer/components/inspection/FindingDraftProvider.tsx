// Holds the draft of 记一条督导发现 between the grid (or a chart) and the 督导 view, and opens that view.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useWorkstation } from '../../state/workstation-context';
import { FindingDraftContext, type FindingDraft, type FindingDraftContextValue } from '../../state/finding-draft';

export function FindingDraftProvider({ children }: { children: ReactNode }) {
  const { dispatch } = useWorkstation();
  const [draft, setDraft] = useState<FindingDraft | null>(null);
  const recordFinding = useCallback(
    (d: FindingDraft) => {
      setDraft(d);
      dispatch({ type: 'setView', view: 'inspection' });
    },
    [dispatch],
  );
  const taken = useCallback(() => setDraft(null), []);
  const value = useMemo<FindingDraftContextValue>(() => ({ draft, recordFinding, taken }), [draft, recordFinding, taken]);
  return <FindingDraftContext.Provider value={value}>{children}</FindingDraftContext.Provider>;
}
