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

// ---------------------------------------------------------------------------------------------
// Dates as people type them: the importer's cells and the UI's date boxes accept the same forms.

/** Day number of Excel's serial 0 (1899-12-30, the 1900 system with its leap-year bug folded in). */
const EXCEL_EPOCH_DAY = -25_569;

export const DATE_FORMATS = '可用格式：2023-07-07、2023/7/7、2023年7月7日、20230707、2023.7.7';
const YMD = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{5}(\.\d+)?$/;
const TIME_SUFFIX = /(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function fromParts(y: string, m: string, d: string, text: string): DayNumber | string {
  const day = dayFromParts(Number(y), Number(m), Number(d));
  return day ?? `日期“${text}”不存在（${Number(y)}年没有${Number(m)}月${Number(d)}日）`;
}

/** Excel 1900-system serial number (45114 = 2023-07-07); a fraction is the time of day. */
export function dayFromSerial(serial: number): DayNumber | null {
  // Below 61 the 1900 system counts the non-existent 1900-02-29; such dates are not campaign data.
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2_958_466) return null;
  return Math.floor(serial) + EXCEL_EPOCH_DAY;
}

/**
 * A date as typed in a return or a date box — 2023-07-07, 2023/7/7, 2023年7月7日, 20230707, an
 * Excel serial — as a day number, or the reason (Chinese) it was refused.
 */
export function parseDateText(raw: string): DayNumber | string {
  let text = raw.trim();
  if (text === '') return '日期为空';
  if (/[^\x20-\x7e]/.test(text)) text = text.normalize('NFKC').trim();
  text = text.replace(TIME_SUFFIX, '');
  let m = YMD.exec(text) ?? CHINESE.exec(text) ?? COMPACT.exec(text);
  if (m) return fromParts(m[1]!, m[2]!, m[3]!, raw.trim());
  if (SERIAL.test(text)) {
    const day = dayFromSerial(Number(text));
    if (day !== null) return day;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return `无法识别日期“${raw.trim()}”：年份须写在前面（${DATE_FORMATS}）`;
  return `无法识别日期“${raw.trim()}”（${DATE_FORMATS}）`;
}
