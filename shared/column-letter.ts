// Excel's column letters, for messages that point at a cell: the import's issues, the provincial
// server's conflicts and the fill-in template all name columns the way the spreadsheet shows them.

/** Excel's column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
