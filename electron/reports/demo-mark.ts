// A report of a demo database says so before anything else: a line above the title (DOCX, PDF),
// a first sheet (XLSX), the first line (CSV), and in the provenance. The writers look at
// `provenance.demo`; the document gets its first block here.
import type { Workspace } from '../store/workspace';
import { DEMO_MARK, holdsDemoData } from '../demo/marker';
import type { ReportDocument } from './model';

export const DEMO_NOTICE = `${DEMO_MARK}：本文件的数字由程序生成，仅供演示和培训，不得作为工作依据或对外引用。`;

export function markDemo(ws: Workspace, doc: ReportDocument): ReportDocument {
  if (!holdsDemoData(ws.db)) return doc;
  return {
    ...doc,
    blocks: [{ kind: 'note', text: DEMO_NOTICE }, ...doc.blocks],
    provenance: { ...doc.provenance, demo: true, filters: [['数据性质', DEMO_MARK], ...doc.provenance.filters] },
  };
}
