// XLSX (exceljs): a sheet per table with a bold frozen header, number formats, a totals row and
// column widths; the report's text on a 正文 sheet; the provenance on a 说明 sheet.
import ExcelJS from 'exceljs';
import { provenanceLines } from './context';
import { DEMO_MARK } from '../demo/marker';
import { DEMO_NOTICE } from './demo-mark';
import {
  decimalsOf,
  MARK_SYMBOL,
  tablesOf,
  textWidth,
  cellText,
  type Cell,
  type Column,
  type ReportDocument,
  type ReportTable,
} from './model';

const FILL = { top: 'FFFBE4E0', bottom: 'FFE7E6E6', header: 'FFD9E2F3' } as const;

function numFmt(column: Column, c: Cell): string {
  if (column.kind === 'percent' || column.kind === 'decimal') return '0.0';
  if (column.kind === 'rank') return '0';
  const d = decimalsOf(column, c);
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || '表';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)}_${i}`;
  used.add(name);
  return name;
}

export async function writeXlsx(doc: ReportDocument): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '专项行动统计分析工作站';
  wb.created = new Date(doc.provenance.generatedAt);
  wb.title = doc.title;
  const used = new Set<string>(['说明', '正文']);
  // Demo data: a first sheet that says so (electron/reports/demo-mark.ts).
  if (doc.provenance.demo) addDemoSheet(wb, used);

  const paragraphs = doc.blocks.filter(
    (b) => b.kind === 'title' || b.kind === 'subtitle' || b.kind === 'heading' || b.kind === 'paragraph',
  );
  if (paragraphs.length > 3) {
    const ws = wb.addWorksheet('正文');
    ws.getColumn(1).width = 120;
    for (const b of paragraphs) {
      const row = ws.addRow([b.kind === 'paragraph' || b.kind === 'title' || b.kind === 'subtitle' || b.kind === 'heading' ? b.text : '']);
      row.getCell(1).alignment = {
        wrapText: true,
        vertical: 'top',
        ...(b.kind === 'title' || b.kind === 'subtitle' ? { horizontal: 'center' } : {}),
      };
      if (b.kind === 'title') row.getCell(1).font = { bold: true, size: 16 };
      if (b.kind === 'heading') row.getCell(1).font = { bold: true };
    }
  }

  for (const t of tablesOf(doc)) addTable(wb, t, sheetName(t.sheetName, used));

  const info = wb.addWorksheet('说明');
  info.columns = [
    { header: '项目', key: 'k', width: 14 },
    { header: '内容', key: 'v', width: 100 },
  ];
  info.addRow({ k: '报告', v: doc.title });
  for (const [k, v] of provenanceLines(doc.provenance)) info.addRow({ k, v });
  if (tablesOf(doc).some((t) => t.rows.some((r) => r.some((c) => c.mark !== undefined)))) {
    info.addRow({ k: '标记', v: `${MARK_SYMBOL.top} / 红底：该项前三名；${MARK_SYMBOL.bottom} / 灰底：该项后三名` });
  }
  styleHeader(info.getRow(1), 2);
  info.views = [{ state: 'frozen', ySplit: 1 }];
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function styleHeader(row: ExcelJS.Row, n: number): void {
  row.font = { bold: true };
  for (let i = 1; i <= n; i++) {
    const c = row.getCell(i);
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL.header } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { bottom: { style: 'thin' } };
  }
}

function addTable(wb: ExcelJS.Workbook, t: ReportTable, name: string): void {
  const ws = wb.addWorksheet(name);
  const n = t.columns.length;
  ws.addRow(t.columns.map((c) => c.header));
  styleHeader(ws.getRow(1), n);
  const put = (cells: Cell[], bold: boolean) => {
    const row = ws.addRow(cells.map((c) => c.value));
    cells.forEach((c, i) => {
      const col = t.columns[i]!;
      const x = row.getCell(i + 1);
      if (typeof c.value === 'number') x.numFmt = numFmt(col, c);
      if (c.mark) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.mark] } };
      if (bold || c.mark === 'top') x.font = { bold: true };
    });
    if (bold) row.border = { top: { style: 'thin' } } as never;
  };
  for (const r of t.rows) put(r, false);
  if (t.totals) put(t.totals, true);
  if (t.note) {
    ws.addRow([]);
    ws.addRow([t.note]);
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: Math.min(t.keyColumns, 3) }];
  t.columns.forEach((col, i) => {
    const widest = Math.max(
      textWidth(col.header),
      ...t.rows.map((r) => textWidth(cellText(col, r[i]!))),
      t.totals ? textWidth(cellText(col, t.totals[i]!)) : 0,
    );
    ws.getColumn(i + 1).width = Math.min(40, Math.max(8, widest + 2));
    // Text longer than the widest column (a finding's description, a list of indicators) wraps in its cell.
    if (col.kind === 'text' && widest + 2 > 40) {
      ws.getColumn(i + 1).eachCell((c, row) => {
        if (row > 1) c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  });
  ws.getRow(1).height = 30;
}

/** The first sheet of a demo database's workbook: what Excel shows on opening. */
function addDemoSheet(wb: ExcelJS.Workbook, used: Set<string>): void {
  const name = sheetName('演示数据', used);
  const ws = wb.addWorksheet(name, { properties: { tabColor: { argb: 'FFC00000' } } });
  ws.getColumn(1).width = 100;
  ws.addRow([DEMO_MARK]).getCell(1).font = { bold: true, size: 16, color: { argb: 'FFC00000' } };
  ws.addRow([DEMO_NOTICE]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
}
