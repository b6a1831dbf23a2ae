// One CSV cell for every CSV the product writes (CLI, reports, the grid's export, the 催报清单).
// Text that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) is
// written with a leading apostrophe, so a hostile file name or 备注 read back from the database
// never becomes a formula in the analyst's Excel. Numbers are written as numbers, signs included.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet will show it, never as a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: empty for null, numbers plain, text made inert and quoted where CSV needs it. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const s = inertText(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
