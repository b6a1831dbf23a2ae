// Number formatting shared by the UI and the reports, so a figure reads the same everywhere.
import { unitRule } from './units';

/**
 * How a report prints an indicator's value, chosen per indicator to match the published text:
 * - exact:   the number as is (15148, 27.3)
 * - wan:     from 10,000 up, in 万 rounded to `sig` significant digits (6.55万, 20万), from 1亿 up in
 *            亿 (1.23亿); exact below
 * - floorApprox: rounded down to `sig` significant digits with 余 when something was cut (3700余)
 * - over:    rounded down to `sig` significant digits in 万 (亿 from 1亿), prefixed 超 when something was
 *            cut (超1600万, 超1.6亿)
 */
export type DisplayStyle =
  { kind: 'exact' } | { kind: 'wan'; sig: number } | { kind: 'floorApprox'; sig: number } | { kind: 'over'; sig: number };

function trimDecimals(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function exactText(value: number, unit: string): string {
  const { integer, displayDecimals } = unitRule(unit);
  return integer ? String(Math.round(value)) : value.toFixed(displayDecimals);
}

/** Rounds down to `sig` significant digits; returns the value unchanged when it has no more. */
function floorSignificant(value: number, sig: number): number {
  if (value <= 0) return value;
  const digits = Math.floor(Math.log10(value)) + 1;
  if (digits <= sig) return value;
  const step = 10 ** (digits - sig);
  return Math.floor(value / step) * step;
}

const WAN = 10_000;
const YI = 100_000_000;

function wanText(value: number, sig: number): string {
  // Round on the integer (65450 / 100 = 654.5 is exact) rather than on value / 10^4, whose binary
  // form would make 6.545 round down.
  const v = Math.round(value);
  const digits = Math.floor(Math.log10(v)) + 1;
  const step = 10 ** Math.max(0, digits - sig);
  const rounded = Math.round(v / step) * step;
  // From 1亿 up (after rounding: 9999.6万 prints 1亿) the figure is written in 亿, as 万 is below it.
  const scale = rounded >= YI ? 8 : 4;
  const decimals = Math.max(0, scale - Math.log10(step));
  return trimDecimals((rounded / 10 ** scale).toFixed(decimals)) + (scale === 8 ? '亿' : '万');
}

/** A floored whole number in 亿 or 万 where it is that large: 163000000 → 1.63亿, 16000000 → 1600万. */
function largeUnitText(floored: number): string {
  if (floored >= YI) return trimDecimals(String(floored / YI)) + '亿';
  if (floored >= WAN) return trimDecimals(String(floored / WAN)) + '万';
  return String(floored);
}

/** The number part of a figure as a report prints it, e.g. "6.55万", "3700余", "超1600万". */
export function formatReportNumber(value: number, style: DisplayStyle, unit: string): string {
  switch (style.kind) {
    case 'exact':
      return exactText(value, unit);
    case 'wan':
      return value >= 10_000 ? wanText(value, style.sig) : exactText(value, unit);
    case 'floorApprox': {
      const floored = floorSignificant(Math.round(value), style.sig);
      return floored < Math.round(value) ? `${floored}余` : exactText(value, unit);
    }
    case 'over': {
      const v = Math.round(value);
      const floored = floorSignificant(v, style.sig);
      const body = largeUnitText(floored);
      return floored < v ? `超${body}` : body;
    }
  }
}

/** A figure with its unit as a report prints it: "6.55万人次". */
export function formatReportFigure(value: number, style: DisplayStyle, unit: string): string {
  return formatReportNumber(value, style, unit) + unit;
}

const gridFormatters = new Map<string, Intl.NumberFormat>();

/** Grid and card style: thousands separators, the unit's decimals. One formatter per unit, kept:
 * building one costs far more than formatting, and a grid redraw formats thousands of cells. */
export function formatGridNumber(value: number | null, unit: string): string {
  if (value === null) return '—';
  let f = gridFormatters.get(unit);
  if (!f) {
    const { displayDecimals, integer } = unitRule(unit);
    const digits = integer ? 0 : displayDecimals;
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    gridFormatters.set(unit, f);
  }
  return f.format(value);
}

/** 同比/环比 wording: "上升12.3%", "下降4.0%", "持平"; null when there is no base. */
export function formatChangePct(pct: number | null): string | null {
  if (pct === null) return null;
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return '持平';
  return `${rounded > 0 ? '上升' : '下降'}${Math.abs(rounded).toFixed(1)}%`;
}
