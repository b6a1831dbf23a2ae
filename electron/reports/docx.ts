// DOCX: A4 in the official-document look (GB/T 9704 margins; title in 方正小标宋简体, headings in
// 黑体 and 楷体, body in 仿宋 三号 with 1.5 line spacing), tables whose header row repeats on every
// page, charts as SVG images with a PNG fallback.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import JSZip from 'jszip';
import { provenanceLines } from './context';
import { chartPng } from './png';
import {
  cellText,
  columnWeights,
  splitColumns,
  type Block,
  type Cell,
  type ReportChart,
  type ReportDocument,
  type ReportTable,
} from './model';

/** Font names as Word knows them, with the alternates written into the font table (see fixFontTable). */
const FONTS = {
  title: { name: '方正小标宋简体', alt: '黑体' },
  heading: { name: '黑体', alt: 'SimHei' },
  heading2: { name: '楷体', alt: 'KaiTi' },
  body: { name: '仿宋', alt: 'FangSong' },
};
const font = (f: { name: string }) => ({ ascii: f.name, eastAsia: f.name, hAnsi: f.name, cs: f.name });

const PT = 2; // half-points per point
const BODY_SIZE = 16 * PT; // 三号
const TABLE_SIZE = 10.5 * PT; // 五号
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const MAX_TABLE_COLUMNS = 8;
const MAX_TABLE_COLUMNS_LANDSCAPE = 12;

export async function writeDocx(doc: ReportDocument, landscape = false): Promise<Uint8Array> {
  const textWidthTwips = (landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
  const children: (Paragraph | Table)[] = [
    ...doc.blocks.flatMap((b, i) => blockContent(b, doc.blocks[i + 1], textWidthTwips, landscape)),
    ...provenanceContent(doc, textWidthTwips),
  ];
  const bytes = await Packer.toBuffer(officialDocument(doc, children, landscape));
  return fixFontTable(bytes);
}

/** One block as paragraphs and tables; `next` is the block after it (a paragraph stays with its chart). */
function blockContent(b: Block, next: Block | undefined, textWidthTwips: number, landscape: boolean): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 240, line: 580, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ text: b.text, font: font(FONTS.title), size: 22 * PT })],
        }),
      ];
    case 'subtitle':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ text: b.text, font: font(FONTS.heading2), size: BODY_SIZE })],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          spacing: { line: 360, before: 120, lineRule: LineRuleType.AUTO },
          indent: { firstLine: 640 },
          keepNext: true,
          children: [new TextRun({ text: b.text, font: font(b.level === 1 ? FONTS.heading : FONTS.heading2), size: BODY_SIZE })],
        }),
      ];
    case 'paragraph':
      // "…见下图。" stays with its chart (headings and captions carry keepNext too).
      return [body(b.text, next?.kind === 'chart')];
    case 'note':
      return [new Paragraph({ spacing: { line: 300, lineRule: LineRuleType.AUTO }, children: [run(b.text, { size: TABLE_SIZE })] })];
    case 'blankLines':
      return Array.from({ length: b.count }, () => body(''));
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'chart':
      return [chartParagraph(b.chart, textWidthTwips)];
    case 'table':
      return table(b.table, textWidthTwips, landscape);
  }
}

/** A chart as an SVG image with a PNG fallback, as wide as the text (at most 600 px). */
function chartParagraph(c: ReportChart, textWidthTwips: number): Paragraph {
  const width = Math.min(600, Math.round((textWidthTwips / 1440) * 96));
  const height = Math.round((c.height / c.width) * width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120, line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(c.svg, 'utf8'),
        fallback: { type: 'png', data: chartPng(c) },
        transformation: { width, height },
        altText: { name: c.title, description: c.title, title: c.title },
      }),
    ],
  });
}

/** Provenance: 数据说明 and a small table at the end. */
function provenanceContent(doc: ReportDocument, textWidthTwips: number): (Paragraph | Table)[] {
  return [
    new Paragraph({
      spacing: { before: 360, line: 360, lineRule: LineRuleType.AUTO },
      keepNext: true,
      children: [run('数据说明', { size: 12 * PT, bold: true, font: font(FONTS.heading) })],
    }),
    plainTable(
      provenanceLines(doc.provenance).map(([k, v]) => [k, v]),
      [1800, textWidthTwips - 1800],
    ),
  ];
}

/** The document: its properties, the body style, A4 with the official margins, the page number in the footer. */
function officialDocument(doc: ReportDocument, children: (Paragraph | Table)[], landscape: boolean): Document {
  return new Document({
    title: doc.title,
    creator: '专项行动统计分析工作站',
    description: provenanceLines(doc.provenance)
      .map(([k, v]) => `${k}：${v}`)
      .join('；'),
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size: BODY_SIZE },
          paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 14 * PT,
                    font: { ascii: 'Times New Roman', eastAsia: '宋体', hAnsi: 'Times New Roman' },
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

function run(text: string, options: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: font(FONTS.body), ...options });
}

function body(text: string, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    ...(keepNext ? { keepNext: true } : {}),
    spacing: { line: 360, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 640 },
    children: [run(text, { size: BODY_SIZE })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const SHADE = { top: 'FBE4E0', bottom: 'E7E6E6' } as const;

function tableCell(
  text: string,
  width: number,
  options: { bold?: boolean; header?: boolean; right?: boolean; shade?: string } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    ...(options.shade || options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.shade ?? 'D9E2F3' } } : {}),
    children: [
      new Paragraph({
        alignment: options.header ? AlignmentType.CENTER : options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { line: 264, lineRule: LineRuleType.AUTO },
        children: [
          run(text, {
            size: TABLE_SIZE,
            bold: options.bold || options.header,
            ...(options.header ? { font: font(FONTS.heading) } : {}),
          }),
        ],
      }),
    ],
  });
}

function table(t: ReportTable, totalWidth: number, landscape: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const groups = splitColumns(t, landscape ? MAX_TABLE_COLUMNS_LANDSCAPE : (t.maxColumns ?? MAX_TABLE_COLUMNS));
  groups.forEach((cols, gi) => {
    const caption = groups.length > 1 ? `${t.title}（${gi + 1}/${groups.length}）` : t.title;
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 200, after: 80, line: 300, lineRule: LineRuleType.AUTO },
        children: [run(caption, { size: 12 * PT, bold: true, font: font(FONTS.heading) })],
      }),
    );
    const headers = cols.map((c) => t.columns[c]!.header);
    const texts = (row: Cell[]) => cols.map((c) => cellText(t.columns[c]!, row[c]!));
    const bodyTexts = t.rows.map(texts);
    const totalTexts = t.totals ? texts(t.totals) : null;
    const weights = t.weights
      ? cols.map((c) => t.weights![c] ?? 1)
      : columnWeights(headers, totalTexts ? [...bodyTexts, totalTexts] : bodyTexts, Math.floor(totalWidth / 105));
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => Math.floor((w / sum) * totalWidth));
    const numeric = cols.map((c) => t.columns[c]!.kind !== 'text');
    const rows = [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => tableCell(h, widths[i]!, { header: true })) }),
      ...t.rows.map(
        (row, ri) =>
          new TableRow({
            cantSplit: true,
            children: cols.map((c, i) => {
              const mark = row[c]!.mark;
              return tableCell(bodyTexts[ri]![i]!, widths[i]!, {
                right: numeric[i]!,
                ...(mark ? { shade: SHADE[mark], bold: mark === 'top' } : {}),
              });
            }),
          }),
      ),
      ...(totalTexts
        ? [
            new TableRow({
              cantSplit: true,
              children: totalTexts.map((x, i) => tableCell(x, widths[i]!, { bold: true, right: numeric[i]! })),
            }),
          ]
        : []),
    ];
    out.push(
      new Table({
        rows,
        width: { size: totalWidth, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: BORDERS,
        alignment: AlignmentType.CENTER,
      }),
    );
  });
  if (t.note)
    out.push(
      new Paragraph({ spacing: { before: 60, line: 300, lineRule: LineRuleType.AUTO }, children: [run(t.note, { size: TABLE_SIZE })] }),
    );
  return out;
}

function plainTable(rows: string[][], widths: number[]): Table {
  return new Table({
    rows: rows.map((r) => new TableRow({ cantSplit: true, children: r.map((x, i) => tableCell(x, widths[i]!, { bold: i === 0 })) })),
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

/**
 * Gives the Chinese fonts alternates in word/fontTable.xml (w:altName, GB2312 charset), so Word and
 * WPS substitute 黑体/仿宋/楷体 on a machine without 方正小标宋简体 (or the Windows names), rather
 * than a Latin font.
 */
async function fixFontTable(bytes: Buffer): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/fontTable.xml');
  if (!file) return new Uint8Array(bytes);
  let xml = await file.async('string');
  const entries = Object.values(FONTS)
    .filter((f) => !xml.includes(`w:name="${f.name}"`))
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
  if (entries === '') return new Uint8Array(bytes);
  if (xml.includes('</w:fonts>')) xml = xml.replace('</w:fonts>', `${entries}</w:fonts>`);
  else if (/<w:fonts\b[^>]*\/>/.test(xml)) xml = xml.replace(/<w:fonts\b([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`);
  else return new Uint8Array(bytes);
  zip.file('word/fontTable.xml', xml);
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return out;
}
