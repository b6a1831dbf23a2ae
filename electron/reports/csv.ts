// CSV: UTF-8 with a BOM and CRLF line ends, so Excel on Chinese Windows opens it correctly. Numbers
// are written plainly (no thousands separators); a report with several tables writes each under
// its title, separated by a blank line; the provenance follows the data after a blank line.
import { provenanceLines } from './context';
import { DEMO_MARK } from '../demo/marker';
import { tablesOf, type Cell, type ReportDocument } from './model';
import { csvCell } from '../../shared/csv';

const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');

export function writeCsv(doc: ReportDocument): Uint8Array {
  const tables = tablesOf(doc);
  const lines: string[] = [];
  tables.forEach((t, i) => {
    if (tables.length > 1) {
      if (i > 0) lines.push('');
      lines.push(line([t.title]));
    }
    lines.push(line(t.columns.map((c) => c.header)));
    const values = (r: Cell[]) => r.map((c) => c.value);
    for (const r of t.rows) lines.push(line(values(r)));
    if (t.totals) lines.push(line(values(t.totals)));
  });
  // Demo data: said on the first line (electron/reports/demo-mark.ts).
  if (doc.provenance.demo) lines.unshift(line([DEMO_MARK]));
  lines.push('');
  lines.push(line(['说明', doc.title]));
  for (const [k, v] of provenanceLines(doc.provenance)) lines.push(line([k, v]));
  const text = '\uFEFF' + lines.join('\r\n') + '\r\n';
  return new TextEncoder().encode(text);
}
