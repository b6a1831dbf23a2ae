// Reading written reports back: DOCX paragraphs (w:t texts joined per paragraph), XLSX sheets, PDF
// text via pdftotext, and the article's figures as printed.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { publishedFigures } from '../support/published-figures';

export async function unzip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Each w:p's text, its w:t runs concatenated (a figure may be split across runs). */
export function docxParagraphs(documentXml: string): string[] {
  const out: string[] = [];
  for (const p of documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const texts = [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!));
    out.push(texts.join(''));
  }
  return out;
}

/**
 * pdftotext's output for the PDF; `compact` has every whitespace and the page footers (— 2 —)
 * removed, since lines and pages break inside sentences and figures.
 */
export function pdfText(bytes: Uint8Array, dir: string): { raw: string; compact: string } {
  const path = join(dir, 'report.pdf');
  writeFileSync(path, bytes);
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return { raw, compact: raw.replace(/\s+/g, '').replace(/—\d+—/g, '') };
}

/** Tables A and B of published-figures.md: the figure as printed with its unit ("6.55万人次"). */
export function articleFigures() {
  return publishedFigures()
    .filter((f) => f.table === 'A' || f.table === 'B')
    .map((f) => ({ ...f, printed: `${f.value}${f.unit}` }));
}

/** The article's two figure sentences, word for word (seed-article.zh.txt). */
export const ARTICLE_WHOLE_FORCE =
  '行动期间，全省共出动民警辅警6.55万人次，出动车辆15148辆次，设立卡点1135个，盘查人员20万人次，检查车辆16.3万台次，检查行业场所3.57万家次，巡查重点部位9709处，排查整改各类安全隐患4948处，抓获现行违法犯罪人员1023名，抓获在逃人员98名；发动组织群防群治力量3.27万人次，设立2183个网下宣防点和383个网上宣防点，发放宣传资料42.5万份，播发宣传视频3700余条；全省公安新媒体矩阵发布宣传品1536条，阅读量超1600万次。';
export const ARTICLE_NARCOTICS =
  '全省公安禁毒部门共出动警力3382人次，排查重点场所3744个，开展涉毒检测15098人，破获毒品刑事案件4起，抓获毒品犯罪嫌疑人5名，查获吸毒人员61名，缴获各类毒品27.3克，抓获上网逃犯2名。';

/** Each page's text lines (pdftotext, pages split at form feeds), the page footer (— 2 —) left out. */
export function pdfPages(bytes: Uint8Array, dir: string): string[][] {
  const path = join(dir, 'pages.pdf');
  writeFileSync(path, bytes);
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const pages = raw.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages.map((p) =>
    p
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^—\s*\d+\s*—$/.test(l)),
  );
}

/**
 * A line that must never end a page: a section heading (一、 （二）), a table caption (表3　…,
 * 附表2　…, 附表), 数据说明, or the sentence that introduces a chart (…见下图。).
 */
export function isKeepWithNextLine(line: string): boolean {
  return (
    /^[一二三四五六七八九十]+、/.test(line) ||
    /^（[一二三四五六七八九十]+）/.test(line) ||
    /^(附)?表\d*(\s|　|$)/.test(line) ||
    line === '数据说明' ||
    /见下图(（[^）]*）)?。$/.test(line)
  );
}

export async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** A sheet's rows as value arrays (exceljs's 1-based values without the empty first slot). */
export function sheetRows(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
