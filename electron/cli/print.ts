// Output for the terminal: aligned tables (CJK counts as two columns), CSV, JSON.
import { csvCell } from '../../shared/csv';

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export type Cell = string | number | boolean | null | undefined;

// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line seems to say.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEPING_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file (cell values, file names) as visible characters: ESC becomes `\u001b`, a line
 * break `\n`, so a hostile return cannot move the cursor, recolour the terminal or forge lines.
 */
export function terminalText(text: string, options: { keepNewlines?: boolean } = {}): string {
  const unsafe = options.keepNewlines ? UNSAFE_KEEPING_LINES : UNSAFE_FOR_TERMINAL;
  return text.replace(unsafe, (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A line on stdout (its newline added unless the text ends with one). */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return String(v);
}

export function formatTable(columns: string[], rows: Cell[][], numeric: boolean[] = []): string {
  const texts = rows.map((r) => r.map((v) => terminalText(cellText(v))));
  // A loop, not Math.max(...): a spread of some 100k rows overflows the call stack.
  const widths = columns.map((c, i) => texts.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '')), displayWidth(c)));
  const pad = (t: string, i: number) => {
    const space = ' '.repeat(widths[i]! - displayWidth(t));
    return numeric[i] ? space + t : t + space;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => terminalText(c))), widths.map((w) => '-'.repeat(w)).join('  '), ...texts.map(line)].join('\n');
}

function csvField(v: Cell): string {
  // Numbers as the table prints them (a minus sign is a number, not a formula); text made inert.
  return typeof v === 'number' ? cellText(v) : csvCell(cellText(v));
}

export function formatCsv(columns: string[], rows: Cell[][]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
