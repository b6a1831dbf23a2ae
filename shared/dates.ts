// Calendar days as integers (days since 1970-01-01, UTC). The store and the slice engine work on
// these; strings (YYYY-MM-DD) only appear at the edges (import, CLI, UI, reports).

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DayNumber = number;

export function dayFromParts(year: number, month: number, day: number): DayNumber | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Reject 2023-02-30 and the like instead of letting Date roll over.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** Parses a strict YYYY-MM-DD string; null when it is not a real calendar date. */
export function parseIsoDay(text: string): DayNumber | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Labels are asked for once per output row of every query; a Date per call dominated wide queries.
// There are only a few thousand distinct days in any database, so the texts are kept.
const dayLabels = new Map<DayNumber, string>();
const weekLabels = new Map<DayNumber, string>();

export function isoDay(day: DayNumber): string {
  let label = dayLabels.get(day);
  if (label === undefined) {
    label = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayLabels.size > 100_000) dayLabels.clear();
    dayLabels.set(day, label);
  }
  return label;
}

export function dayParts(day: DayNumber): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  // weekday: 1 = Monday .. 7 = Sunday (ISO).
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: ((d.getUTCDay() + 6) % 7) + 1 };
}

export function isoMonth(day: DayNumber): string {
  return isoDay(day).slice(0, 7);
}

/** ISO 8601 week label, e.g. 2023-W27 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: DayNumber): string {
  let label = weekLabels.get(day);
  if (label === undefined) {
    label = computeIsoWeek(day);
    if (weekLabels.size > 100_000) weekLabels.clear();
    weekLabels.set(day, label);
  }
  return label;
}

function computeIsoWeek(day: DayNumber): string {
  const { weekday } = dayParts(day);
  const thursday = day - weekday + 4;
  const year = dayParts(thursday).year;
  const jan1 = dayFromParts(year, 1, 1)!;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The same calendar date `years` later (or earlier); 29 February falls back to the 28th. */
export function addYears(day: DayNumber, years: number): DayNumber {
  const p = dayParts(day);
  return dayFromParts(p.year + years, p.month, p.day) ?? dayFromParts(p.year + years, p.month, p.day - 1)!;
}

export interface DayRange {
  from: DayNumber;
  to: DayNumber; // inclusive
}

export function rangeLength(r: DayRange): number {
  return r.to - r.from + 1;
}

export function* daysOf(r: DayRange): Generator<DayNumber> {
  for (let d = r.from; d <= r.to; d++) yield d;
}
