// One file's bytes → a FileValidator holding its facts and issues: CSV (decoded as
// decode-text.ts says, parsed by csv-parse.ts) or XLSX (every sheet with a recognised header).
// Pure: no database; runs in the import's thread or in the validation worker.
import { basename, extname } from 'node:path';
import type { ImportProgress } from '../../shared/api/import';
import { countLines, CsvReader } from './csv-parse';
import { BAD_SPOTS_LISTED, DamagedUtf8Error, decodeTextSlices, type DecodedSlices } from './decode-text';
import type { FactBuffer } from '../store/facts/fact-buffer';
import type { IssueList } from './issues';
import { FileValidator, HEADER_SEARCH_ROWS, type ResolveCache } from './validate';
import { readXlsx } from './xlsx-read';
import { XlsxTooLarge } from './xlsx-bounds';
import { FILE_NAME_MAX_CHARS, tooLongMessage } from '../../shared/api/stored-text';

type Kind = 'csv' | 'xlsx';

/** The file's kind, or the message that refuses it. */
function kindOf(name: string): Kind | `不支持的文件${string}` {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls' || ext === '.et') {
    return `不支持的文件格式“${ext}”（${basename(name)}）：请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入`;
  }
  return `不支持的文件类型“${ext || '（无扩展名）'}”（${basename(name)}）：只能导入 .csv、.txt 或 .xlsx 文件`;
}

export async function validateFile(
  name: string,
  bytes: Uint8Array,
  cache: ResolveCache,
  issues: IssueList,
  onProgress?: (p: ImportProgress) => void,
  /**
   * Called as rows are read, with the facts so far (for a caller that ships them on); `final` once
   * every row is read, before duplicates are looked for.
   */
  onFacts?: (facts: FactBuffer, final: boolean) => void,
): Promise<FileValidator | null> {
  const kind = kindOf(name);
  if (kind !== 'csv' && kind !== 'xlsx') {
    issues.fileProblem(kind);
    return null;
  }
  // The file name is stored as its batch's source.
  if (basename(name).length > FILE_NAME_MAX_CHARS) {
    issues.fileProblem(`${tooLongMessage('文件名', basename(name).length, FILE_NAME_MAX_CHARS)}：请改短文件名后再导入`);
    return null;
  }
  if (bytes.length === 0) {
    issues.fileProblem(`文件“${basename(name)}”是空的`);
    return null;
  }
  let total = 0;
  const progress = (done: number) => {
    onProgress?.({ file: name, stage: 'validate', done, total: Math.max(total, done) });
    onFacts?.(v.facts, false);
  };
  const v: FileValidator = new FileValidator(name, cache, issues, progress);

  if (kind === 'csv') {
    let decoded: DecodedSlices;
    try {
      decoded = decodeTextSlices(bytes);
    } catch (e) {
      if (!(e instanceof DamagedUtf8Error)) throw e;
      reportDamagedUtf8(e, issues);
      return null;
    }
    v.encoding = decoded.label;
    const sheet = v.sheet(null);
    const reader = new CsvReader((fields, row) => sheet.row(fields, row));
    for (const slice of decoded.slices) {
      const final = slice.bytesDone === bytes.length;
      // For progress: the rows up to this slice's end, scaled to the whole file.
      total = Math.round(((v.rowsRead + countLines(slice.text)) * bytes.length) / slice.bytesDone);
      if (!reader.push(slice.text, final)) break;
    }
    const parsed = reader.result();
    if (!sheet.recognised) {
      issues.fileProblem(
        `未找到表头行：文件开头 ${HEADER_SEARCH_ROWS} 行（空行不计）中没有同时含“日期”和“地区”列的行（长表：日期、地区、部门、指标、数值；宽表：日期、地区，再加各指标列）`,
      );
    } else if (parsed.unterminatedQuoteRow !== null) {
      issues.add(
        'file',
        null,
        parsed.unterminatedQuoteRow,
        null,
        null,
        '引号没有闭合：从这一行开始的带引号字段一直到文件末尾都没有结束的引号',
      );
    }
  } else {
    let sheets;
    try {
      sheets = await readXlsx(bytes, name);
    } catch (e) {
      if (e instanceof XlsxTooLarge) {
        issues.fileProblem(e.message);
        return null;
      }
      issues.fileProblem(`无法读取 XLSX 文件“${basename(name)}”（文件已损坏或不是 .xlsx 格式）：${(e as Error).message}`);
      return null;
    }
    onProgress?.({ file: name, stage: 'read', done: bytes.length, total: bytes.length });
    total = sheets.reduce((n, s) => n + s.rows.length, 0);
    for (const s of sheets) {
      const sheet = v.sheet(s.name);
      for (const r of s.rows) if (!sheet.row(r.cells, r.row)) break;
      if (!sheet.recognised) v.skippedSheets.push(s.name);
    }
    if (v.sheets.length === 0) {
      const names = sheets.map((s) => `“${s.name}”`).join('、');
      issues.fileProblem(
        `没有一个工作表含有可识别的表头行（须在开头 ${HEADER_SEARCH_ROWS} 行内（空行不计）有同时含“日期”和“地区”列的行）；工作表：${names || '无'}`,
      );
    }
  }
  total = v.rowsRead;
  progress(v.rowsRead);
  onFacts?.(v.facts, true);
  v.finish();
  if (v.sheets.length > 0 && v.facts.length === 0 && issues.total === 0) {
    issues.fileProblem('文件中没有任何数据：表头下面没有填写数值的行');
  }
  return v;
}

/**
 * A UTF-8 file with a few damaged bytes: each spot (the first few) with its byte offset and line,
 * so that it can be found and fixed; nothing of the file is read (as GB18030 it would be garbled).
 */
function reportDamagedUtf8(e: DamagedUtf8Error, issues: IssueList): void {
  const n = (x: number) => x.toLocaleString('en-US');
  for (const spot of e.spots) {
    issues.add(
      'file',
      null,
      spot.line,
      null,
      spot.hex,
      `编码错误：第 ${n(spot.line)} 行、文件第 ${n(spot.offset + 1)} 个字节处不是有效的 UTF-8 字节（${spot.hex}）`,
    );
  }
  const more = e.total > e.spots.length ? `（共 ${n(e.total)} 处，列出前 ${BAD_SPOTS_LISTED} 处）` : `（共 ${n(e.total)} 处）`;
  issues.fileProblem(
    `编码错误：文件是 UTF-8 编码，但有个别字节已损坏${more}，为免把中文读错，整个文件未导入。请在 WPS/Excel 或记事本中修正这些位置，或重新另存为“CSV UTF-8”后再导入`,
  );
}
