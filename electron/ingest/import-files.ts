// Import of the cities' returns: read and validate every file, then — only if no file has any
// error — write each file as its own batch, all in one transaction. A file whose content is
// already a live batch changes nothing; a value for a key another batch holds is an error unless
// `replace` is set, in which case the old value is kept in fact_replaced so undo can restore it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Workspace } from '../core/workspace';
import {
  ImportOptionsSchema,
  type ImportFileResult,
  type ImportIssue,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
} from '../../shared/api/import';
import { countLines, detectDelimiter, parseCsv } from './csv-parse';
import { mergeIntoDayColumns } from './day-columns-update';
import { decodeText } from './decode-text';
import { hasKey } from './fact-buffer';
import { columnLetter } from './header';
import { IssueList } from './issues';
import { FileValidator, HEADER_SEARCH_ROWS, ResolveCache } from './validate';
import { readXlsx } from './xlsx-read';

/** A path to read, or a file's name and content (the name decides the format and names the batch). */
export type ImportSource = string | { name: string; bytes: Uint8Array };
export type ImportInput = readonly ImportSource[];

export type IngestFileResult = ImportFileResult;
export type IngestReport = ImportReport;

type Kind = 'csv' | 'xlsx';

interface FileState {
  name: string;
  sha256: string;
  issues: IssueList;
  validator: FileValidator | null;
  duplicateOf: number | null;
  /** Earlier file of this command with the same content. */
  sameAs: FileState | null;
  replaceFlags: Uint8Array | null;
  replaced: number;
  batchId: number | null;
}

const PROGRESS_EVERY = 65_536;

export async function importFiles(
  ws: Workspace,
  files: ImportInput,
  options: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
): Promise<IngestReport> {
  const { replace } = ImportOptionsSchema.parse(options);
  const cache = new ResolveCache(ws.resolver);
  const findBatch = ws.db.prepare('SELECT id FROM batch WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').pluck();
  const states: FileState[] = [];

  for (const source of files) {
    const name = typeof source === 'string' ? source : source.name;
    const state: FileState = {
      name,
      sha256: '',
      issues: new IssueList(name),
      validator: null,
      duplicateOf: null,
      sameAs: null,
      replaceFlags: null,
      replaced: 0,
      batchId: null,
    };
    states.push(state);
    let bytes: Uint8Array;
    try {
      bytes = typeof source === 'string' ? await readFile(source) : source.bytes;
    } catch (e) {
      state.issues.add(null, null, null, null, `无法读取文件“${name}”：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
      continue;
    }
    onProgress?.({ file: name, stage: 'read', done: bytes.length, total: bytes.length });
    state.sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = findBatch.get(state.sha256) as number | undefined;
    if (existing !== undefined) {
      state.duplicateOf = existing;
      continue;
    }
    state.sameAs = states.find((s) => s !== state && s.sha256 === state.sha256 && s.sameAs === null) ?? null;
    if (state.sameAs) continue;
    state.validator = await validateFile(name, bytes, cache, state.issues, onProgress);
  }

  const validated = states.filter((s) => s.validator !== null);
  const db = ws.db;
  const write = db.transaction((): boolean => {
    checkConflicts(ws, validated, replace);
    if (states.some((s) => s.issues.total > 0)) return false;
    writeBatches(ws, validated, onProgress);
    return true;
  });
  const ok = validated.length > 0 ? runWithoutForeignKeyChecks(db, () => write.immediate()) : states.every((s) => s.issues.total === 0);

  const results: IngestFileResult[] = states.map((s) => {
    const v = s.validator;
    const unchanged = s.duplicateOf !== null || s.sameAs !== null;
    const duplicateOf = s.duplicateOf ?? s.sameAs?.batchId ?? null;
    return {
      file: s.name,
      sha256: s.sha256,
      status: unchanged ? 'unchanged' : ok ? 'imported' : 'rejected',
      format: v?.format ?? null,
      sheets: v ? v.sheets.filter((x) => x.name !== null).map((x) => x.name!) : [],
      skippedSheets: v?.skippedSheets ?? [],
      batchId: s.batchId,
      duplicateOf,
      facts: v && !unchanged ? v.facts.length : 0,
      replaced: s.replaced,
    };
  });
  const errors: ImportIssue[] = states.flatMap((s) => s.issues.list());
  return { ok, files: results, errors };
}

/**
 * Runs the write transaction (IMMEDIATE: the conflict check and the writes see the same database)
 * with the connection's foreign-key enforcement off: every region code and indicator id written
 * comes from the catalogue this database holds and every batch id from the batch row just
 * inserted, so the three look-ups SQLite would make per fact (a fifth of the write time) can prove
 * nothing. The setting cannot change inside a transaction, hence around it; it is restored after.
 */
function runWithoutForeignKeyChecks<T>(db: Workspace['db'], fn: () => T): T {
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}

function kindOf(name: string): Kind | string {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls' || ext === '.et') {
    return `不支持的文件格式“${ext}”（${basename(name)}）：请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入`;
  }
  return `不支持的文件类型“${ext || '（无扩展名）'}”（${basename(name)}）：只能导入 .csv、.txt 或 .xlsx 文件`;
}

async function validateFile(
  name: string,
  bytes: Uint8Array,
  cache: ResolveCache,
  issues: IssueList,
  onProgress?: (p: ImportProgress) => void,
): Promise<FileValidator | null> {
  const kind = kindOf(name);
  if (kind !== 'csv' && kind !== 'xlsx') {
    issues.add(null, null, null, null, kind);
    return null;
  }
  if (bytes.length === 0) {
    issues.add(null, null, null, null, `文件“${basename(name)}”是空的`);
    return null;
  }
  let total = 0;
  const progress = (done: number) => onProgress?.({ file: name, stage: 'validate', done, total: Math.max(total, done) });
  const v = new FileValidator(name, cache, issues, progress);

  if (kind === 'csv') {
    const { text } = decodeText(bytes);
    total = countLines(text);
    const sheet = v.sheet(null);
    const parsed = parseCsv(text, (fields, row) => sheet.row(fields, row), detectDelimiter(text));
    if (!sheet.recognised) {
      issues.add(null, null, null, null, `未找到表头行：文件开头 ${HEADER_SEARCH_ROWS} 行（空行不计）中没有同时含“日期”和“地区”列的行（长表：日期、地区、部门、指标、数值；宽表：日期、地区，再加各指标列）`);
    } else if (parsed.unterminatedQuoteRow !== null) {
      issues.add(null, parsed.unterminatedQuoteRow, null, null, '引号没有闭合：从这一行开始的带引号字段一直到文件末尾都没有结束的引号');
    }
  } else {
    let sheets;
    try {
      sheets = await readXlsx(bytes);
    } catch (e) {
      issues.add(null, null, null, null, `无法读取 XLSX 文件“${basename(name)}”（文件已损坏或不是 .xlsx 格式）：${(e as Error).message}`);
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
      issues.add(null, null, null, null, `没有一个工作表含有可识别的表头行（须在开头 ${HEADER_SEARCH_ROWS} 行内（空行不计）有同时含“日期”和“地区”列的行）；工作表：${names || '无'}`);
    }
  }
  total = v.rowsRead;
  progress(v.rowsRead);
  v.finish();
  if (v.sheets.length > 0 && v.facts.length === 0 && issues.total === 0) {
    issues.add(null, null, null, null, '文件中没有任何数据：表头下面没有填写数值的行');
  }
  return v;
}

function formatValue(v: number): string {
  return String(v);
}

/** Where a fact came from, for messages: 第 5 行 / 工作表“Sheet1”第 5 行. */
function describeRow(state: FileState, index: number): string {
  const v = state.validator!;
  const sheet = v.sheets[v.facts.sheet[index]!]!.name;
  return `${sheet === null ? '' : `工作表“${sheet}”`}第 ${v.facts.row[index]} 行`;
}

/**
 * Marks every fact whose key is already held — by a fact in the database or by an earlier file of
 * this command — as a replacement (with `replace`) or reports it. Runs inside the write transaction.
 */
function checkConflicts(ws: Workspace, files: FileState[], replace: boolean): void {
  const db = ws.db;
  const dayHasFacts = db.prepare('SELECT 1 FROM fact WHERE day = ? LIMIT 1').pluck();
  const existingFact = db
    .prepare(
      `SELECT f.value, f.batch_id, b.source
         FROM fact f JOIN batch b ON b.id = f.batch_id
        WHERE f.day = ? AND f.region_code = ? AND f.indicator_id = ?`,
    )
    .raw();
  const busyDays = new Map<number, boolean>();
  const earlier: FileState[] = [];

  for (const state of files) {
    const v = state.validator!;
    const f = v.facts;
    const flags = new Uint8Array(f.length);
    state.replaceFlags = flags;
    for (let i = 0; i < f.length; i++) {
      const key = f.key[i]!;
      const day = f.day[i]!;
      // The latest earlier file of this command with the key holds it by the time this one is written.
      let holder: FileState | null = null;
      for (let e = earlier.length - 1; e >= 0 && holder === null; e--) {
        if (hasKey(earlier[e]!.validator!.sortedKeys, key)) holder = earlier[e]!;
      }
      if (holder) {
        if (replace) flags[i] = 1;
        else {
          const hf = holder.validator!.facts;
          const at = hf.key.subarray(0, hf.length).indexOf(key);
          conflictIssue(
            state,
            i,
            `${v.describeKey(day, f.region[i]!, f.indicator[i]!)} 在本次导入的文件“${holder.name}”${describeRow(holder, at)}中已有数值 ${formatValue(hf.value[at]!)}：同一数值不能由两个文件提供；如要以后面的文件为准，请加 --replace 导入`,
          );
        }
        continue;
      }
      let busy = busyDays.get(day);
      if (busy === undefined) busyDays.set(day, (busy = dayHasFacts.get(day) !== undefined));
      if (!busy) continue;
      const row = existingFact.get(day, f.region[i], f.indicator[i]) as [number, number, string] | undefined;
      if (!row) continue;
      if (replace) flags[i] = 1;
      else {
        conflictIssue(
          state,
          i,
          `${v.describeKey(day, f.region[i]!, f.indicator[i]!)} 已有数值 ${formatValue(row[0])}（批次 ${row[1]}，来源“${row[2]}”）；如要以本文件为准，请加 --replace 导入（可用 undo 撤销）`,
        );
      }
    }
    state.replaced = replace ? flags.reduce((n, x) => n + x, 0) : 0;
    earlier.push(state);
  }
}

function conflictIssue(state: FileState, index: number, reason: string): void {
  const v = state.validator!;
  const f = v.facts;
  const sheet = v.sheets[f.sheet[index]!]!;
  const column = f.column[index]!;
  state.issues.add(sheet.name, f.row[index]!, sheet.layout.columns[column] ?? `${columnLetter(column)}列`, f.rawValue(index), reason);
}

/** Rows per multi-row INSERT: fewer statement runs, well under SQLite's 32766 parameters. */
const CHUNK = 64;

function writeBatches(ws: Workspace, files: FileState[], onProgress?: (p: ImportProgress) => void): void {
  const db = ws.db;
  const insertBatch = db.prepare(
    'INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSql = (rows: number) =>
    `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`;
  const insertOne = db.prepare(insertSql(1));
  const insertChunk = db.prepare(insertSql(CHUNK));
  const keepReplaced = db.prepare(
    `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
     SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact
      WHERE day = ? AND region_code = ? AND indicator_id = ?`,
  );
  const updateFact = db.prepare(
    'UPDATE fact SET value = ?, batch_id = ?, note = ? WHERE day = ? AND region_code = ? AND indicator_id = ?',
  );
  const importedAt = new Date().toISOString();
  const args: (number | string | null)[] = new Array(CHUNK * 6);

  for (const state of files) {
    const f = state.validator!.facts;
    const flags = state.replaceFlags!;
    const batchId = Number(insertBatch.run(basename(state.name), state.sha256, f.length, state.replaced, importedAt).lastInsertRowid);
    state.batchId = batchId;
    const { day, region, indicator, value, note } = f;
    const n = f.length;
    let pending = 0;
    for (let i = 0; i < n; i++) {
      if (flags[i] === 0) {
        const a = pending * 6;
        args[a] = day[i]!;
        args[a + 1] = region[i]!;
        args[a + 2] = indicator[i]!;
        args[a + 3] = value[i]!;
        args[a + 4] = batchId;
        args[a + 5] = note[i]!;
        if (++pending === CHUNK) {
          insertChunk.run(args);
          pending = 0;
        }
      } else {
        if (keepReplaced.run(batchId, day[i], region[i], indicator[i]).changes !== 1) {
          throw new Error(`replaced fact ${day[i]}/${region[i]}/${indicator[i]} vanished`);
        }
        updateFact.run(value[i], batchId, note[i], day[i], region[i], indicator[i]);
      }
      if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.({ file: state.name, stage: 'write', done: i + 1, total: n });
    }
    for (let p = 0; p < pending; p++) insertOne.run(args.slice(p * 6, p * 6 + 6));
    onProgress?.({ file: state.name, stage: 'write', done: n, total: n });
  }
  mergeIntoDayColumns(db, files.map((s) => s.validator!.facts));
}
