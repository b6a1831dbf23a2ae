// 记一条督导发现 from a grid row or a chart point: the row's unit, indicator and dates are handed to
// the 督导 view, which opens the new-finding form with them. One draft at a time, taken once.
import { createContext, useContext } from 'react';

export interface FindingDraft {
  /** A region code (a county or a city); '' when the row is not a region. */
  region: string;
  /** An indicator key (部门/指标); '' when the row is not one indicator. */
  indicator: string;
  from: string;
  to: string;
}

export interface FindingDraftContextValue {
  draft: FindingDraft | null;
  /** Opens the 督导 view with the form pre-filled. */
  recordFinding(draft: FindingDraft): void;
  /** The form took the draft. */
  taken(): void;
}

export const FindingDraftContext = createContext<FindingDraftContextValue | null>(null);

/** Null outside the workstation (unit tests of a single view). */
export function useFindingDraft(): FindingDraftContextValue | null {
  return useContext(FindingDraftContext);
}
