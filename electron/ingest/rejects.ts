// The rejected rows of an import as an XLSX to send back to the city: each sheet of a file that
// had bad rows becomes a sheet holding its header row and those rows exactly as they were read
// (same columns, so "F列" in a reason still points at the cell), then 原因 (every reason of the
// row), 原文件, 原工作表 and 原行号. The import ignores those four columns, so the city can correct
// the rows in this file and send it back as it is.
//
// The rows are read again from the files: validation keeps no cells (a million-row file would
// cost a million arrays for the few rows that may be bad), and conflicts are only found after the
// rows have gone by.
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { RejectsFile } from '../../shared/api/import';
import { cellText, FormulaWithoutResult, type Cell } from './cell-values';
import { CsvReader } from './csv-parse';
import { decodeTextSlices } from './decode-text';
import type { RowReasons } from './issues';
import type { RecognisedSheet } from './validate';
import { readXlsx } from './xlsx-read';

/** The columns the rejects file adds after the original ones; header.ts skips them on import. */
export const REJECTS_EXTRA_COLUMNS = ['原因', '原文件', '原工作表', '原行号'] as const;

export interface RejectedFile {
  name: string;
  bytes: Uint8Array;
  /** The file's recognised sheets (their header rows). */
  sheets: readonly RecognisedSheet[];
  rows: RowReasons;
  /** Rejected rows whose reasons were not kept (beyond the cap): not in this file. */
  rowsWithoutReasons: number;
  /** Problems with the file as a whole or its header rows, for the 说明 sheet. */
  fileProblems: string[];
}

interface PickedSheet {
  file: string;
  sheet: string | null;
  header: Cell[];
  rows: { row: number; cells: Cell[]; reasons: string[] }[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Header and rejected rows of every sheet of one file that has any, read again from its bytes. */
async function pickRows(file: RejectedFile): Promise<PickedSheet[]> {
  const picked = new Map<string, PickedSheet>();
  const headerRow = new Map(file.sheets.map((s) => [s.name ?? '', s.layout.headerRow]));
  for (const [sheet, rows] of file.rows) {
    if (rows.size > 0) picked.set(sheet, { file: file.name, sheet: sheet === '' ? null : sheet, header: [], rows: [] });
  }
  const take = (sheet: string, row: number, cells: Cell[]) => {
    const p = picked.get(sheet);
    if (!p) return;
    if (row === headerRow.get(sheet)) p.header = cells;
    const reasons = file.rows.get(sheet)!.get(row);
    if (reasons) p.rows.push({ row, cells, reasons });
  };
  if (extname(file.name).toLowerCase() === '.xlsx') {
    for (const s of await readXlsx(file.bytes, file.name)) if (picked.has(s.name)) for (const r of s.rows) take(s.name, r.row, r.cells);
  } else {
    const reader = new CsvReader((fields, row) => take('', row, fields.slice())); // the reader reuses its array
    const { slices } = decodeTextSlices(file.bytes);
    for (const slice of slices) reader.push(slice.text, slice.bytesDone === file.bytes.length);
  }
  for (const p of picked.values()) p.rows.sort((a, b) => a.row - b.row);
  return [...picked.values()];
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || '被拒绝的行';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)}_${i}`;
  used.add(name);
  return name;
}

function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/**
 * A cell as it was read. Text stays text — marked as such, so Excel never takes "=1+2" or "-5"
 * typed into a return for a formula or a number; numbers and dates keep their type.
 */
function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  if (cell === null) return;
  if (typeof cell === 'number') {
    target.value = cell;
  } else if (cell instanceof Date) {
    target.value = cell;
    target.numFmt = cell.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
  } else {
    target.value = cell instanceof FormulaWithoutResult ? cellText(cell) : cell;
    target.numFmt = '@';
  }
}

/** The rejects workbook, or null when no file has a rejected data row (only file or header problems). */
export async function writeRejects(files: readonly RejectedFile[], generatedAt: Date): Promise<RejectsFile | null> {
  const sheets: PickedSheet[] = [];
  for (const f of files) if (f.rows.size > 0) sheets.push(...(await pickRows(f)));
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total === 0) return null;

  const wb = new ExcelJS.Workbook();
  wb.creator = '专项行动统计分析工作站';
  wb.created = generatedAt;
  const used = new Set<string>(['说明']);
  const several = new Set(sheets.map((s) => s.file)).size > 1;
  for (const s of sheets) {
    const wanted = s.sheet ?? basename(s.file, extname(s.file));
    const ws = wb.addWorksheet(sheetName(several && s.sheet !== null ? `${basename(s.file, extname(s.file))}-${s.sheet}` : wanted, used));
    const columns = Math.max(s.header.length, ...s.rows.map((r) => r.cells.length));
    const widths = new Array<number>(columns + REJECTS_EXTRA_COLUMNS.length).fill(6);
    const put = (row: number, col: number, cell: Cell) => {
      writeCell(ws.getCell(row, col + 1), cell);
      widths[col] = Math.max(widths[col]!, Math.min(40, width(cellText(cell)) + 2));
    };
    s.header.forEach((c, i) => put(1, i, c === null ? null : cellText(c)));
    REJECTS_EXTRA_COLUMNS.forEach((h, i) => put(1, columns + i, h));
    s.rows.forEach((r, k) => {
      const row = k + 2;
      r.cells.forEach((c, i) => put(row, i, c));
      put(row, columns, r.reasons.join('\n'));
      put(row, columns + 1, basename(s.file));
      put(row, columns + 2, s.sheet ?? '');
      ws.getCell(row, columns + 4).value = r.row;
    });
    widths[columns] = 60;
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.getColumn(columns + 1).alignment = { wrapText: true, vertical: 'top' };
    const header = ws.getRow(1);
    header.font = { bold: true };
    for (let c = 1; c <= widths.length; c++) {
      header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c > columns ? 'FFFBE4E0' : 'FFD9E2F3' } };
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }

  const info = wb.addWorksheet('说明');
  info.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 100 },
  ];
  info.addRow({ k: '内容', v: '导入时被拒绝的数据行：原样保留原表头和原单元格，“原因”列写明该行的全部问题' });
  info.addRow({
    k: '修改后',
    v: '改正各行后可直接导入本文件（“原因”“原文件”“原工作表”“原行号”列导入时不读取）；同一文件中未被拒绝的行没有写入数据库，须一并重新导入',
  });
  info.addRow({
    k: '生成时间',
    v: `${new Date(generatedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}（北京时间）`,
  });
  for (const f of files) {
    const rows = [...f.rows.values()].reduce((n, r) => n + r.size, 0);
    const more = f.rowsWithoutReasons > 0 ? `；另有 ${f.rowsWithoutReasons} 行有错误但未写入本文件（超过上限）` : '';
    info.addRow({ k: '文件', v: `${basename(f.name)}：被拒绝 ${rows + f.rowsWithoutReasons} 行${more}` });
    for (const p of f.fileProblems) info.addRow({ k: '　文件或表头问题', v: p });
  }
  info.getRow(1).font = { bold: true };
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  for (const row of info.getRows(2, info.rowCount - 1) ?? []) row.getCell(2).numFmt = '@';

  const buffer = await wb.xlsx.writeBuffer();
  const truncated = files.some((f) => f.rowsWithoutReasons > 0);
  const first = files.find((f) => f.rows.size > 0)!;
  const stem = files.filter((f) => f.rows.size > 0).length > 1 ? '导入' : basename(first.name, extname(first.name));
  return { fileName: `${stem}_被拒绝的行.xlsx`, mime: XLSX_MIME, bytes: new Uint8Array(buffer), rows: total, truncated };
}
