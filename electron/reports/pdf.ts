// PDF (pdfmake 0.3): the DOCX's content on A4 with Noto Sans SC embedded (subset, with ToUnicode,
// so the text is selectable and pdftotext gives it back), charts drawn from their SVG as vectors.
import pdfmake from 'pdfmake';
import type { Content, Node, NodeQueries, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { dirname } from 'node:path';
import { provenanceLines } from './context';
import { notoSansSc } from './fonts';
import { cellText, columnWeights, splitColumns, type Cell, type ReportDocument, type ReportTable } from './model';

const FONT = 'Noto Sans SC';
const MM = 72 / 25.4;
const MARGIN: [number, number, number, number] = [28 * MM, 30 * MM, 26 * MM, 28 * MM]; // left, top, right, bottom
const A4 = { width: 595.28, height: 841.89 };
const MAX_TABLE_COLUMNS = 8;
const MAX_TABLE_COLUMNS_LANDSCAPE = 12;
const SHADE = { top: '#FBE4E0', bottom: '#E7E6E6' } as const;

/**
 * Headings, table captions and the sentence introducing a chart are marked with this headline
 * level; such a node never ends a page (see keepWithNext).
 */
const KEEP_WITH_NEXT = 1;
const FOOTER_STYLE = 'pageFooter';

/** Tables up to this many rows are kept whole on one page with their caption. */
const WHOLE_TABLE_ROWS = 12;

let configured = false;
function configure(): void {
  if (configured) return;
  const f = notoSansSc();
  pdfmake.setFonts({ [FONT]: { normal: f.regular, bold: f.bold, italics: f.regular, bolditalics: f.bold } });
  // Documents are built from our own definitions: no remote resources, local files only from the font package.
  const fontDirs = [dirname(f.regular), dirname(f.bold)];
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => fontDirs.some((d) => path.startsWith(d)));
  configured = true;
}

export async function writePdf(doc: ReportDocument, landscape = false): Promise<Uint8Array> {
  configure();
  const pageWidth = (landscape ? A4.height : A4.width) - MARGIN[0] - MARGIN[2];
  const content: Content[] = [];
  let tables = 0;
  doc.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'title':
        content.push({ text: b.text, style: 'title' });
        break;
      case 'subtitle':
        content.push({ text: b.text, style: 'subtitle' });
        break;
      case 'heading':
        content.push({ text: b.text, style: b.level === 1 ? 'heading' : 'heading2', headlineLevel: KEEP_WITH_NEXT });
        break;
      case 'paragraph':
        // "…见下图。" stays with its chart.
        content.push({ text: b.text, style: 'body', ...(doc.blocks[i + 1]?.kind === 'chart' ? { headlineLevel: KEEP_WITH_NEXT } : {}) });
        break;
      case 'note':
        content.push({ text: b.text, style: 'note' });
        break;
      case 'blankLines':
        for (let i = 0; i < b.count; i++) content.push({ text: ' ', style: 'body' });
        break;
      case 'pageBreak':
        content.push({ text: '', pageBreak: 'after' });
        break;
      case 'chart': {
        const width = Math.min(pageWidth, 440);
        content.push({ svg: b.chart.svg, width, alignment: 'center', margin: [0, 6, 0, 6], font: FONT });
        break;
      }
      case 'table':
        content.push(...table(b.table, pageWidth, landscape, () => ++tables));
        break;
    }
  });
  content.push({ text: '数据说明', style: 'provenanceHeading', headlineLevel: KEEP_WITH_NEXT });
  content.push({
    table: {
      widths: [70, '*'],
      body: provenanceLines(doc.provenance).map(([k, v]) => [{ text: k, bold: true }, v]),
    },
    style: 'table',
  });

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: MARGIN,
    info: {
      title: doc.title,
      creator: '专项行动统计分析工作站',
      producer: `专项行动统计分析工作站 ${doc.provenance.appVersion}`,
      subject: provenanceLines(doc.provenance)
        .map(([k, v]) => `${k}：${v}`)
        .join('；'),
    },
    defaultStyle: { font: FONT, fontSize: 12, lineHeight: 1.25 },
    footer: (page: number) => ({ text: `— ${page} —`, style: FOOTER_STYLE }),
    styles: {
      title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 12], lineHeight: 1.3 },
      subtitle: { fontSize: 13, alignment: 'center', margin: [0, 0, 0, 4] },
      heading: { fontSize: 14, bold: true, margin: [0, 10, 0, 4] },
      heading2: { fontSize: 13, bold: true, margin: [0, 6, 0, 2] },
      body: { fontSize: 13, lineHeight: 1.5, margin: [0, 0, 0, 4], leadingIndent: 26 },
      note: { fontSize: 9, margin: [0, 2, 0, 6] },
      caption: { fontSize: 11, bold: true, alignment: 'center', margin: [0, 8, 0, 4] },
      table: { fontSize: 8.5, margin: [0, 0, 0, 4], lineHeight: 1.15 },
      provenanceHeading: { fontSize: 11, bold: true, margin: [0, 16, 0, 4] },
      [FOOTER_STYLE]: { alignment: 'center', fontSize: 10, margin: [0, 20, 0, 0] },
    },
    content,
    pageBreakBefore: keepWithNext,
  };
  const pdf = pdfmake.createPdf(definition);
  const buffer = await pdf.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Node ids marking a whole-kept table: its caption and the marker line after it. */
const captionId = (n: number) => `keep-table-${n}-caption`;
const endId = (n: number) => `keep-table-${n}-end`;

/**
 * pdfmake's pageBreakBefore, the PDF's keep-with-next (the DOCX has w:keepNext): a node marked
 * KEEP_WITH_NEXT moves to the next page when nothing but other such nodes follows it on its page,
 * or when the short table that follows it (through any other such nodes) would not end on the
 * page — so a heading or caption never stands alone at a page foot, and a short table is not
 * split. (pdfmake's `unbreakable` is not used: nodes laid out inside it report page numbers
 * of their own scratch page, which would blind this check.)
 */
function keepWithNext(node: Node, nodes: NodeQueries): boolean {
  if (node.headlineLevel !== KEEP_WITH_NEXT) return false;
  if (nodes.getNodesOnNextPage().length === 0) return false;
  // The page footer (— 4 —) is laid out with the page's nodes; it is not content.
  const following = nodes.getFollowingNodesOnPage().filter((n) => n.style !== FOOTER_STYLE);
  const chain = [node];
  let i = 0;
  while (i < following.length && following[i]!.headlineLevel === KEEP_WITH_NEXT) chain.push(following[i++]!);
  if (i === following.length) return true;
  const onPage = new Set(following.map((n) => n.id).filter((id): id is string => id !== undefined));
  return chain.some((n) => {
    const m = /^keep-table-(\d+)-caption$/.exec(n.id ?? '');
    return m !== null && !onPage.has(endId(Number(m[1])));
  });
}

function table(t: ReportTable, pageWidth: number, landscape: boolean, nextId: () => number): Content[] {
  const out: Content[] = [];
  const groups = splitColumns(t, landscape ? MAX_TABLE_COLUMNS_LANDSCAPE : (t.maxColumns ?? MAX_TABLE_COLUMNS));
  groups.forEach((cols, gi) => {
    const caption = groups.length > 1 ? `${t.title}（${gi + 1}/${groups.length}）` : t.title;
    const headers = cols.map((c) => t.columns[c]!.header);
    const texts = (row: Cell[]) => cols.map((c) => cellText(t.columns[c]!, row[c]!));
    const bodyTexts = t.rows.map(texts);
    const totalTexts = t.totals ? texts(t.totals) : null;
    // Cell padding (4 pt each side) and borders come on top of the widths pdfmake is given.
    const usable = pageWidth - cols.length * 9;
    const weights = t.weights
      ? cols.map((c) => t.weights![c] ?? 1)
      : columnWeights(headers, totalTexts ? [...bodyTexts, totalTexts] : bodyTexts, Math.floor(usable / 4.25));
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => Math.floor((w / sum) * usable));
    const numeric = cols.map((c) => t.columns[c]!.kind !== 'text');
    const whole = t.rows.length <= WHOLE_TABLE_ROWS ? nextId() : null;
    const body: TableCell[][] = [
      headers.map((h) => ({ text: h, bold: true, alignment: 'center', fillColor: '#D9E2F3' })),
      ...t.rows.map((row, ri) =>
        cols.map((c, i): TableCell => {
          const mark = row[c]!.mark;
          return {
            text: bodyTexts[ri]![i]!,
            alignment: numeric[i] ? 'right' : 'left',
            ...(mark ? { fillColor: SHADE[mark], bold: mark === 'top' } : {}),
          };
        }),
      ),
      ...(totalTexts ? [totalTexts.map((x, i): TableCell => ({ text: x, bold: true, alignment: numeric[i] ? 'right' : 'left' }))] : []),
    ];
    // The caption stays with the table's first rows (with all of a short table). Rows are not
    // made unbreakable (dontBreakRows): pdfmake lays such rows out on a scratch page whose page
    // numbers keepWithNext would read; a one-line row does not split anyway.
    out.push({ text: caption, style: 'caption', headlineLevel: KEEP_WITH_NEXT, ...(whole !== null ? { id: captionId(whole) } : {}) });
    out.push({ table: { headerRows: 1, keepWithHeaderRows: 1, widths, body }, style: 'table' });
    // Where a short table ends: a blank point-high line right after it.
    if (whole !== null) out.push({ text: ' ', fontSize: 1, lineHeight: 1, id: endId(whole) });
  });
  if (t.note) out.push({ text: t.note, style: 'note' });
  return out;
}
