// XLSX → sheets of rows of cells, via exceljs. Formula cells give their cached result, merged
// cells their top-left value (exceljs does this), rich text and hyperlinks their text, Excel
// errors (#DIV/0!) their code as text, so the validator only sees strings, numbers and dates.
import ExcelJS from 'exceljs';
import { FormulaWithoutResult, type Cell } from './cell-values';
import { checkXlsxSize, xlsxBounds, XlsxTooLarge } from './xlsx-bounds';

export interface SheetRow {
  /** 1-based, as Excel shows it. */
  row: number;
  cells: Cell[];
}

export interface SheetData {
  name: string;
  rows: SheetRow[];
}

/** Refuses (XlsxTooLarge) a file that inflates or counts beyond xlsxBounds before holding it all. */
export async function readXlsx(bytes: Uint8Array, fileName = 'XLSX'): Promise<SheetData[]> {
  await checkXlsxSize(fileName, bytes);
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  let rowsRead = 0;
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (++rowsRead > xlsxBounds.rows) {
        throw new XlsxTooLarge(
          `文件“${fileName.split(/[\\/]/).pop()}”超过 ${xlsxBounds.rows.toLocaleString('en-US')} 行，已拒绝导入：请将数据拆分为多个文件后再导入`,
        );
      }
      const values = row.values;
      const cells: Cell[] = [];
      if (Array.isArray(values)) {
        // exceljs arrays are 1-based and sparse.
        for (let c = 1; c < values.length; c++) cells.push(toCell(values[c]));
      }
      rows.push({ row: rowNumber, cells });
    });
    return { name: sheet.name, rows };
  });
}

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : toCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return new FormulaWithoutResult(('formula' in value && value.formula) || ('sharedFormula' in value ? value.sharedFormula : ''));
    }
    return toCell(result);
  }
  return String(value);
}
