// Import of the cities' returns: read and validate every file and — only if no file has any
// error — write each file as its own batch, all in one transaction. A file whose content is
// already a live batch changes nothing; a value for a key another batch holds is an error unless
// `replace` is set, in which case the old value is kept in fact_replaced so undo can restore it.
//
// Validation and writing overlap: the facts a file's first rows give are written while its later
// rows are still being read (in the validation worker for large inputs, see validation-stream.ts),
// inside one IMMEDIATE transaction that is rolled back if any file turns out to have an error.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Workspace } from '../store/workspace';
import {
  type ImportFileResult,
  type ImportIssue,
  type ImportIssueKind,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
} from '../../shared/api/import';
import { mergeIntoDayColumns } from '../store/facts/day-columns-update';
import { FactBuffer } from '../store/facts/fact-buffer';
import { FactWriter, type WrittenFile } from '../store/facts/fact-writer';
import { IssueList } from './issues';
import { validationEvents, type ValidationEvent, type ValidationSummary } from './validation-stream';
import { writeRejects } from './rejects';
import { declaredUncompressedBytes } from './xlsx-bounds';

/** A path to read, or a file's name and content (the name decides the format and names the batch). */
export type ImportSource = string | { name: string; bytes: Uint8Array };
export type ImportInput = readonly ImportSource[];

export type IngestFileResult = ImportFileResult;
export type IngestReport = ImportReport;

/**
 * From this many bytes to validate, files are read in the validation worker while this thread
 * writes: below it, starting or waking the worker costs more than it saves. Tests lower it
 * (CAMPAIGN_IMPORT_WORKER_MIN_BYTES in the environment does too).
 */
export const importTuning = { workerMinBytes: Number(process.env.CAMPAIGN_IMPORT_WORKER_MIN_BYTES || 4 * 1024 * 1024) };

interface FileState extends WrittenFile {
  issues: IssueList;
  summary: ValidationSummary | null;
  duplicateOf: number | null;
  /** Earlier file of this command with the same content. */
  sameAs: FileState | null;
  events: AsyncIterable<ValidationEvent> | null;
  source: ImportSource;
}

export async function importFiles(
  ws: Workspace,
  files: ImportInput,
  options: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
): Promise<IngestReport> {
  return (await importFilesTouching(ws, files, options, onProgress)).report;
}

/** An import's report and the days whose facts it wrote (none unless it was written). */
export interface ImportOutcome {
  report: IngestReport;
  days: number[];
}

/** The import, and the days it wrote (for the slice engine's update). */
export async function importFilesTouching(
  ws: Workspace,
  files: ImportInput,
  options: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  // Validated where the call entered; a library caller may leave either out.
  const replace = options.replace ?? false;
  const rejects = options.rejects ?? false;
  const findBatch = ws.db.prepare('SELECT id FROM batch WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').pluck();
  const states: FileState[] = [];
  const contents: Uint8Array[] = [];

  for (const source of files) {
    const name = typeof source === 'string' ? source : source.name;
    const state: FileState = {
      name,
      sha256: '',
      issues: new IssueList(name),
      facts: new FactBuffer(),
      summary: null,
      batchId: null,
      replaced: 0,
      conflicts: [],
      duplicateOf: null,
      sameAs: null,
      events: null,
      source,
    };
    states.push(state);
    let bytes: Uint8Array;
    try {
      bytes = typeof source === 'string' ? await readFile(source) : source.bytes;
    } catch (e) {
      state.issues.fileProblem(
        `无法读取文件“${name}”：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`,
      );
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
    contents[states.length - 1] = bytes;
  }

  const toValidate = states.filter((_, i) => contents[i] !== undefined);
  // An XLSX weighs what it inflates to: a small file of large sheets is read off this thread too.
  const weight = (b: Uint8Array | undefined, i: number) =>
    !b ? 0 : states[i]!.name.toLowerCase().endsWith('.xlsx') ? Math.max(b.length, declaredUncompressedBytes(b)) : b.length;
  const inWorker = contents.reduce((n, b, i) => n + weight(b, i), 0) >= importTuning.workerMinBytes;
  // All files are handed over at once: the worker reads the next file while this one is written.
  states.forEach((s, i) => {
    // Bytes read here from a path are this function's own: the worker may have them without a copy.
    if (contents[i]) s.events = validationEvents(s.name, contents[i], ws.resolver, inWorker, typeof files[i] === 'string');
  });

  const ok =
    toValidate.length > 0
      ? await withoutForeignKeyChecks(ws.db, () => writeFiles(ws, toValidate, replace, onProgress))
      : states.every((s) => s.issues.total === 0);

  const results: IngestFileResult[] = states.map((s) => {
    const v = s.summary;
    const unchanged = s.duplicateOf !== null || s.sameAs !== null;
    const duplicateOf = s.duplicateOf ?? s.sameAs?.batchId ?? null;
    return {
      file: s.name,
      sha256: s.sha256,
      status: unchanged ? 'unchanged' : ok ? 'imported' : 'rejected',
      format: v?.format ?? null,
      sheets: v ? v.sheets.filter((x) => x.name !== null).map((x) => x.name!) : [],
      skippedSheets: v?.skippedSheets ?? [],
      encoding: v?.encoding ?? null,
      batchId: ok ? s.batchId : null,
      duplicateOf,
      facts: v && !unchanged ? v.facts : 0,
      replaced: ok ? s.replaced : 0,
      issues: s.issues.total,
      rejectedRows: s.issues.rejectedRows,
    };
  });
  const errors: ImportIssue[] = states.flatMap((s) => s.issues.list());
  const errorKinds: Partial<Record<ImportIssueKind, number>> = {};
  for (const s of states) {
    for (const [kind, n] of Object.entries(s.issues.counts) as [ImportIssueKind, number][]) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
  }
  const errorTotal = states.reduce((n, s) => n + s.issues.total, 0);
  const report = { ok, files: results, errors, errorTotal, errorKinds, rejects: rejects && !ok ? await rejectedRows(states) : null };
  return { report, days: ok ? writtenDays(toValidate) : [] };
}

/** The distinct days of the facts written. */
function writtenDays(files: FileState[]): number[] {
  const days = new Set<number>();
  for (const f of files) {
    const day = f.facts.day;
    for (let i = 0; i < f.facts.length; i++) days.add(day[i]!);
  }
  return [...days].sort((a, b) => a - b);
}

/** The rejects file of a rejected import (rejects.ts), the files read again from their sources. */
async function rejectedRows(states: FileState[]) {
  const files = [];
  for (const s of states) {
    if (s.issues.total === 0) continue;
    const snapshot = s.issues.snapshot();
    let bytes: Uint8Array | null = null;
    if (s.issues.rejectedRows > 0) {
      // A path's bytes may have been moved to the validation worker: read them again.
      bytes = typeof s.source === 'string' ? await readFile(s.source) : s.source.bytes;
    }
    files.push({
      name: s.name,
      bytes: bytes ?? new Uint8Array(0),
      sheets: s.summary?.sheets ?? [],
      rows: bytes ? snapshot.rows : new Map(),
      rowsWithoutReasons: s.issues.rowsWithoutReasons,
      fileProblems: s.issues
        .list()
        .filter((i) => i.kind === 'file' || i.kind === 'header')
        .map((i) => [i.sheet && `工作表“${i.sheet}”`, i.row !== null && `第 ${i.row} 行`, i.column, i.reason].filter(Boolean).join(' ')),
    });
  }
  return writeRejects(files, new Date());
}

/** The write transaction: every file's facts as they come, then the day columns; all or nothing. */
async function writeFiles(ws: Workspace, files: FileState[], replace: boolean, onProgress?: (p: ImportProgress) => void): Promise<boolean> {
  const db = ws.db;
  db.exec('BEGIN IMMEDIATE'); // the conflict checks and the writes see the same database
  let committed = false;
  try {
    const writer = new FactWriter(db, ws.resolver, replace);
    for (const file of files) {
      for await (const e of file.events!) {
        if (e.type === 'progress') onProgress?.(e.progress);
        else if (e.type === 'facts') writer.write(file, e.chunk);
        else {
          file.summary = e.summary;
          file.issues.absorb(e.summary.issues);
          file.facts.setRaw(e.summary.raw);
        }
      }
      writer.finishFile(file);
      onProgress?.({ file: file.name, stage: 'write', done: file.facts.length, total: file.facts.length });
    }
    if (writer.failing) {
      // A failed insert can only be a key repeated within a file, which validation reports.
      if (writer.insertFailed && files.every((f) => f.issues.total === 0)) throw writer.insertFailed;
      return false;
    }
    mergeIntoDayColumns(
      db,
      files.map((f) => f.facts),
    );
    db.exec('COMMIT');
    committed = true;
    return true;
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * Runs the write transaction with the connection's foreign-key enforcement off: every region code
 * and indicator id written comes from the catalogue this database holds and every batch id from
 * the batch row just inserted, so the three look-ups SQLite would make per fact (a fifth of the
 * write time) can prove nothing. The setting cannot change inside a transaction, hence around it.
 */
async function withoutForeignKeyChecks<T>(db: Workspace['db'], fn: () => Promise<T>): Promise<T> {
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    return await fn();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
