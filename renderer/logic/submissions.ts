// 报送审核 and 报送状态, the pure parts: the submissions' order and counts, the board's totals,
// 报送率 per city (tested apart from the page).
import {
  FILING_STATES,
  SUBMISSION_STATUSES,
  type FilingState,
  type FilingStatusJson,
  type SubmissionJson,
  type SubmissionStatus,
} from '../../shared/api/central';

/** 待审核 first (what waits for the analyst), then 已退回, 校验未通过, 已采用. */
export const STATUS_ORDER: readonly SubmissionStatus[] = ['待审核', '已退回', '校验未通过', '已采用'];

export function sortSubmissions(list: readonly SubmissionJson[]): SubmissionJson[] {
  const rank = (s: SubmissionStatus) => STATUS_ORDER.indexOf(s);
  return [...list].sort((a, b) => rank(a.status) - rank(b.status) || b.submitted_at.localeCompare(a.submitted_at) || b.id - a.id);
}

export function countByStatus(list: readonly SubmissionJson[]): Record<SubmissionStatus, number> {
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
  for (const s of list) counts[s.status] += 1;
  return counts;
}

export function emptyTotals(): Record<FilingState, number> {
  return Object.fromEntries(FILING_STATES.map((s) => [s, 0])) as Record<FilingState, number>;
}

export interface CityFiling {
  city: string;
  units: number;
  totals: Record<FilingState, number>;
  cells: number;
  /** 报送率: unit-days reported (待审核 or 已采用) of all unit-days. */
  rate: number | null;
  /** 采用率: unit-days accepted. */
  acceptedRate: number | null;
}

/** Unit-days reported (a submission waiting or accepted) over all, as a fraction; null for none. */
export function filingRate(totals: Record<FilingState, number>): number | null {
  const all = FILING_STATES.reduce((s, k) => s + totals[k], 0);
  return all === 0 ? null : (totals['待审核'] + totals['已采用']) / all;
}

/** The province summarised per city, in the order the board lists the units. */
export function byCity(board: FilingStatusJson): CityFiling[] {
  const cities = new Map<string, { units: number; totals: Record<FilingState, number> }>();
  for (const unit of board.units) {
    const c = cities.get(unit.city) ?? { units: 0, totals: emptyTotals() };
    c.units += 1;
    for (const s of unit.states) c.totals[s] += 1;
    cities.set(unit.city, c);
  }
  return [...cities].map(([city, c]) => {
    const cells = FILING_STATES.reduce((s, k) => s + c.totals[k], 0);
    return {
      city,
      units: c.units,
      totals: c.totals,
      cells,
      rate: filingRate(c.totals),
      acceptedRate: cells === 0 ? null : c.totals['已采用'] / cells,
    };
  });
}

/** The board's totals counted from its cells (the server's `totals` should agree). */
export function countCells(board: FilingStatusJson): Record<FilingState, number> {
  const totals = emptyTotals();
  for (const unit of board.units) for (const s of unit.states) totals[s] += 1;
  return totals;
}

export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Colour of each 报送状态 on the board (and its legend). */
export const FILING_COLOURS: Record<FilingState, string> = {
  未报: '#e5e7eb',
  待审核: '#f2c94c',
  已退回: '#e06c5f',
  已采用: '#3f9d64',
};
