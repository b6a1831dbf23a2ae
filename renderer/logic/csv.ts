// CSV files for Excel: UTF-8 with a byte-order mark, CRLF line ends, quoted where needed.
import { csvCell } from '../../shared/csv';

export const UTF8_BOM = '\uFEFF';

export function withBom(csv: string): string {
  return csv.startsWith(UTF8_BOM) ? csv : UTF8_BOM + csv;
}

export { csvCell } from '../../shared/csv';

export function toCsv(rows: (string | number | null)[][]): string {
  return withBom(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
}

/** Starts a download of text as a file (web mode and Electron alike). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadFile(filename, text, type);
}

/** Starts a download (web mode: the browser saves it; Electron: its save dialog). */
export function downloadFile(filename: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name safe on Windows: 表格_2023-07-07_2023-07-09.csv */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
