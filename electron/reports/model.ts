// The format-neutral document every report is built as: blocks of text, tables and charts. The
// writers (docx, pdf, xlsx, csv) each translate the same document, so the formats say the same.
import type { ReportProvenance } from '../../shared/api/report';
import { formatGridNumber } from '../../shared/format';
import { unitRule } from '../../shared/units';

export type CellValue = string | number | null;

/** top: among the first three; bottom: among the last three (ranking tables). */
export type CellMark = 'top' | 'bottom';

export interface Cell {
  value: CellValue;
  /** Unit of a number, for its decimals (rows of a table by indicator differ). */
  unit?: string;
  mark?: CellMark;
}

export interface Column {
  header: string;
  /** number: a measure in `unit`; percent: a change in % (signed, one decimal); decimal: one decimal; rank: an integer. */
  kind: 'text' | 'number' | 'percent' | 'decimal' | 'rank';
  unit?: string;
}

export interface ReportTable {
  /** Caption above the table in documents; the sheet's name in a workbook (shortened). */
  title: string;
  sheetName: string;
  columns: Column[];
  rows: Cell[][];
  /** A totals row (合计), in bold. */
  totals?: Cell[];
  /** Leading columns that identify a row; repeated when a wide table is split for the page. */
  keyColumns: number;
  /** Columns a portrait page takes before the table is split (default: the writer's); for tables of narrow columns. */
  maxColumns?: number;
  /**
   * Relative column widths for documents (one per column), instead of the widths measured from the
   * cells; for tables of long texts beside short codes and dates, which must not wrap.
   */
  weights?: number[];
  note?: string;
}

export interface ReportChart {
  title: string;
  svg: string;
  /** Pixels, at which the SVG was drawn. */
  width: number;
  height: number;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ReportChart }
  | { kind: 'blankLines'; count: number }
  | { kind: 'pageBreak' };

export interface ReportDocument {
  title: string;
  /** File name without extension. */
  fileStem: string;
  blocks: Block[];
  provenance: ReportProvenance;
}

export function tablesOf(doc: ReportDocument): ReportTable[] {
  return doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}

export const cell = (value: CellValue, extra: Omit<Cell, 'value'> = {}): Cell => ({ value, ...extra });

/** Decimals a number cell prints with. */
export function decimalsOf(column: Column, c: Cell): number {
  if (column.kind === 'percent' || column.kind === 'decimal') return 1;
  if (column.kind === 'rank') return 0;
  const unit = c.unit ?? column.unit;
  if (unit === undefined) return Number.isInteger(c.value) ? 0 : 2;
  const rule = unitRule(unit);
  return rule.integer ? 0 : rule.displayDecimals;
}

export const MARK_SYMBOL: Record<CellMark, string> = { top: '▲', bottom: '▼' };

/** A cell as documents print it: thousands separators, the unit's decimals, a mark symbol. */
export function cellText(column: Column, c: Cell): string {
  const v = c.value;
  let text: string;
  if (v === null) text = column.kind === 'text' ? '' : '—';
  else if (typeof v === 'string') text = v;
  else if (column.kind === 'percent') text = `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
  else if (column.kind === 'decimal') text = v.toFixed(1);
  else if (column.kind === 'rank') text = String(v);
  else text = formatGridNumber(v, c.unit ?? column.unit ?? '');
  return c.mark ? `${text}${MARK_SYMBOL[c.mark]}` : text;
}

/** Splits a wide table into column groups that fit a portrait page, repeating the key columns. */
export function splitColumns(table: ReportTable, maxColumns: number): number[][] {
  const keys = Array.from({ length: table.keyColumns }, (_, i) => i);
  const rest = table.columns.map((_, i) => i).slice(table.keyColumns);
  const per = Math.max(1, maxColumns - keys.length);
  if (rest.length <= per) return [[...keys, ...rest]];
  const parts = Math.ceil(rest.length / per);
  const size = Math.ceil(rest.length / parts); // even parts: 17 → 6, 6, 5 rather than 7, 7, 3
  const groups: number[][] = [];
  for (let i = 0; i < rest.length; i += size) groups.push([...keys, ...rest.slice(i, i + size)]);
  return groups;
}

/** Display width of a text in half-width characters (a CJK character counts two). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/**
 * Relative column widths: every column gets its widest cell first (numbers must not wrap), then
 * what is left goes to the headers that would need more than two lines, then evenly.
 * `available` is the width in half-width characters the page allows.
 */
export function columnWeights(headers: string[], rows: string[][], available = 84): number[] {
  const pad = 2;
  const content = headers.map((_, i) => Math.min(40, Math.max(4, ...rows.map((r) => textWidth(r[i] ?? '')))) + pad);
  const header = headers.map((h) => Math.min(textWidth(h), Math.max(8, Math.ceil(textWidth(h) / 2))) + pad);
  const widths = content.slice();
  let left = available - widths.reduce((a, b) => a + b, 0);
  if (left > 0) {
    const want = headers.map((_, i) => Math.max(0, header[i]! - content[i]!));
    const wanted = want.reduce((a, b) => a + b, 0);
    const share = wanted > 0 ? Math.min(1, left / wanted) : 0;
    want.forEach((w, i) => (widths[i] = widths[i]! + w * share));
    left -= wanted * share;
    if (left > 0) widths.forEach((_, i) => (widths[i] = widths[i]! + left / widths.length));
  }
  return widths;
}
