// One cell's text or number → a day, a value, a unit. Each parser returns its result, or a string:
// the reason (Chinese) the cell was refused. No objects are made on the success path, so the
// validator can call these a million times.
import { DATE_FORMATS, dayFromSerial, isoDay, parseDateText, type DayNumber } from '../../shared/dates';

// The date-text parser is shared with the UI's date boxes (shared/dates.ts); re-exported for the importer.
export { dayFromSerial, parseDateText };
import { normaliseName } from '../../shared/catalogue';
import type { UnitRule } from '../../shared/units';

/** A formula cell that was saved without its cached result (written by a program, never opened in Excel). */
export class FormulaWithoutResult {
  constructor(readonly formula: string) {}
}

/** What a reader hands the validator: CSV gives strings, XLSX also numbers and dates. */
export type Cell = string | number | Date | null | FormulaWithoutResult;

const MS_PER_DAY = 86_400_000;

/** The cell as the user typed or sees it, for error reports. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof Date) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return '';
    return ms % MS_PER_DAY === 0 ? isoDay(ms / MS_PER_DAY) : cell.toISOString();
  }
  return `=${cell.formula}`;
}

export function isBlank(cell: Cell): boolean {
  if (cell === null) return true;
  if (typeof cell === 'string') return cell === '' || cell.trim() === '';
  return false;
}

const NO_RESULT = '公式没有保存计算结果：请在 Excel 中打开并保存该文件后再导入';

// ---------------------------------------------------------------------------------------------
// Dates

/** A date cell (JS Date: its UTC calendar date), a serial or yyyymmdd number, or text. */
export function parseDate(cell: Cell): DayNumber | string {
  if (typeof cell === 'string') return parseDateText(cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 10_000_101 && cell <= 99_991_231) return parseDateText(String(cell));
    return dayFromSerial(cell) ?? `无法识别日期“${cell}”（${DATE_FORMATS}）`;
  }
  if (cell instanceof Date) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return '无法识别日期';
    return Math.floor(ms / MS_PER_DAY);
  }
  if (cell === null) return '日期为空';
  return NO_RESULT;
}

// ---------------------------------------------------------------------------------------------
// Values

const GROUPED = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;
const EXPONENT = /^\d+(?:\.\d+)?e[+-]?\d+$/i;

/** Rule used to check a value whose indicator (and so unit) is unknown: numeric and not negative. */
export const ANY_UNIT: UnitRule = { integer: false, maxDecimals: 20, displayDecimals: 0 };

function decimalsReason(unit: string, rule: UnitRule, text: string): string {
  return rule.integer
    ? `数值“${text}”不是整数：单位“${unit}”只能填整数`
    : `数值“${text}”小数位过多：单位“${unit}”最多保留${rule.maxDecimals}位小数`;
}

function checkNumber(value: number, rule: UnitRule, unit: string, text: string): number | string {
  if (!Number.isFinite(value)) return `数值“${text}”不是有效数字`;
  if (value < 0) return `数值“${text}”为负数：数值不能小于0`;
  if (rule.maxDecimals >= 20) return value + 0;
  const scale = 10 ** rule.maxDecimals;
  const scaled = value * scale;
  const rounded = Math.round(scaled);
  // Excel stores binary doubles: 0.1 + 0.2 must still pass as 0.3.
  if (Math.abs(scaled - rounded) > 1e-9 * Math.max(1, Math.abs(scaled))) return decimalsReason(unit, rule, text);
  return rounded / scale + 0;
}

/** Parses typed text: thousands separators (1,234 / 1，234), full-width digits, surrounding spaces. */
export function parseValueText(raw: string, rule: UnitRule, unit: string): number | string {
  // Fast path: plain ASCII digits.
  const len = raw.length;
  if (len > 0 && len < 16) {
    let i = 0;
    for (; i < len; i++) {
      const c = raw.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
    }
    if (i === len) return +raw;
  }
  let text = raw.trim();
  if (text === '') return '数值为空';
  if (/[^\x20-\x7e]/.test(text)) text = text.normalize('NFKC').replace(/[\s\u3000]/g, '');
  const shown = raw.trim();
  let negative = false;
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = true;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) text = text.slice(1).trim();
  const m = GROUPED.exec(text);
  if (m && (m[1] !== '' || (m[2] ?? '') !== '')) {
    if (negative) return `数值“${shown}”为负数：数值不能小于0`;
    const decimals = (m[2] ?? '').replace(/0+$/, '');
    if (decimals.length > rule.maxDecimals) return decimalsReason(unit, rule, shown);
    const whole = m[1]!.includes(',') ? m[1]!.replaceAll(',', '') : m[1]!;
    return Number(`${whole === '' ? '0' : whole}.${decimals === '' ? '0' : decimals}`);
  }
  if (EXPONENT.test(text)) {
    if (negative) return `数值“${shown}”为负数：数值不能小于0`;
    return checkNumber(Number(text), rule, unit, shown);
  }
  if (/^[\d,]+(?:\.\d*)?$/.test(text)) return `数值“${shown}”的千位分隔符位置不对（应为 1,234 这样每三位一个）`;
  return `数值“${shown}”不是数字`;
}

/** A value cell: a number (XLSX) or typed text. */
export function parseValue(cell: Cell, rule: UnitRule, unit: string): number | string {
  if (typeof cell === 'string') return parseValueText(cell, rule, unit);
  if (typeof cell === 'number') return checkNumber(cell, rule, unit, String(cell));
  if (cell === null) return '数值为空';
  if (cell instanceof Date) return `数值“${cellText(cell)}”是日期，不是数字（请检查单元格格式）`;
  return NO_RESULT;
}

// ---------------------------------------------------------------------------------------------
// Units and text

/** True when the unit written (in a 单位 cell or a header's parentheses) is the catalogue's. */
export function unitMatches(written: string, unit: string): boolean {
  return written === unit || normaliseName(written) === unit;
}

/** A text cell (region, department, indicator, unit, note) as a string; numbers as typed. */
export function textOf(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (cell === null) return '';
  return cellText(cell);
}
