// Writes the facts of an import as they arrive from validation, inside the import's transaction.
// Each fact's key is checked first: held by an earlier file of this command, or by a fact already
// in the database (looked up only on days that had facts before the import began), it is either
// a conflict — reported, not written — or, with `replace`, a replacement whose old value is kept
// in fact_replaced so undo can restore it. Conflicts are collected and turned into issues once the
// file's summary (with the values as typed) has arrived. Their reasons say what holds the key, not
// how to override it: that remedy is worded by each transport (--replace, 替换已有数据).
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { FactBuffer, hasKey, type FactChunk } from './fact-buffer';
import type { ImportIssueKind } from '../../../shared/api/import';
import type { CatalogueResolver } from '../../../shared/catalogue-resolver';
import { columnLetter } from '../../../shared/column-letter';
import { describeKey } from '../../../shared/describe-key';

/** What the writer reads of a file's validation summary (ingest/validation-stream.ts): its keys, its sheets. */
export interface WrittenSummary {
  /** The file's fact keys in ascending order. */
  sortedKeys: Float64Array;
  sheets: readonly { name: string | null; layout: { columns: readonly string[] } }[];
}

/** Where the writer reports a file's conflicts: the file's issue list (ingest/issues.ts). */
export interface ConflictIssues {
  readonly total: number;
  add(kind: ImportIssueKind, sheet: string | null, row: number | null, column: string | null, value: string | null, reason: string): void;
}

/** One file of the import as the writer sees it. */
export interface WrittenFile {
  name: string;
  sha256: string;
  issues: ConflictIssues;
  readonly facts: FactBuffer;
  summary: WrittenSummary | null;
  batchId: number | null;
  replaced: number;
  /** Conflicts found while writing: fact index and reason; reported with the typed value later. */
  conflicts: { index: number; reason: string }[];
}

/** Rows per multi-row INSERT: fewer statement runs, well under SQLite's 32766 parameters. */
const CHUNK = 64;

function formatValue(v: number): string {
  return String(v);
}

export class FactWriter {
  private readonly insertBatch;
  private readonly updateBatch;
  private readonly insertOne;
  private readonly insertChunk;
  private readonly keepReplaced;
  private readonly updateFact;
  private readonly existingFact;
  /** Days that had facts before this import: only there can a key already be held in the database. */
  private readonly busyDays: Set<number>;
  private readonly earlier: WrittenFile[] = [];
  private readonly args = new Array<number | string | null>(CHUNK * 6);
  private pending = 0;
  private readonly importedAt = new Date().toISOString();
  /** Set when any conflict was found or an insert failed: the import is rolled back, writing stops. */
  failing = false;
  /** An insert hit a key written earlier in the same file (a duplicate that validation reports). */
  insertFailed: Error | null = null;

  constructor(
    private readonly db: Database,
    private readonly resolver: CatalogueResolver,
    private readonly replace: boolean,
  ) {
    this.insertBatch = db.prepare('INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, 0, 0, ?)');
    this.updateBatch = db.prepare('UPDATE batch SET fact_count = ?, replaced_count = ? WHERE id = ?');
    const insertSql = (rows: number) =>
      `INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`;
    this.insertOne = db.prepare(insertSql(1));
    this.insertChunk = db.prepare(insertSql(CHUNK));
    this.keepReplaced = db.prepare(
      `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
       SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact
        WHERE day = ? AND region_code = ? AND indicator_id = ?`,
    );
    this.updateFact = db.prepare(
      'UPDATE fact SET value = ?, batch_id = ?, note = ? WHERE day = ? AND region_code = ? AND indicator_id = ?',
    );
    this.existingFact = db
      .prepare(
        `SELECT f.value, f.batch_id, b.source
           FROM fact f JOIN batch b ON b.id = f.batch_id
          WHERE f.day = ? AND f.region_code = ? AND f.indicator_id = ?`,
      )
      .raw();
    // One row per day with facts: the columnar copy is the cheap way to list them.
    this.busyDays = new Set(db.prepare('SELECT day FROM fact_day_column').pluck().all() as number[]);
  }

  /** Checks and writes a chunk of `file`'s facts (appended to file.facts). */
  write(file: WrittenFile, chunk: FactChunk): void {
    const f = file.facts;
    const from = f.length;
    f.append(chunk);
    if (file.batchId === null) {
      file.batchId = Number(this.insertBatch.run(basename(file.name), file.sha256, this.importedAt).lastInsertRowid);
    }
    const batchId = file.batchId;
    const { key: keys, day, region, indicator, value, note } = f;
    for (let i = from; i < f.length; i++) {
      const key = keys[i]!;
      const d = day[i]!;
      // The latest earlier file of this command with the key holds it by now.
      let holder: WrittenFile | null = null;
      for (let e = this.earlier.length - 1; e >= 0 && holder === null; e--) {
        if (hasKey(this.earlier[e]!.summary!.sortedKeys, key)) holder = this.earlier[e]!;
      }
      if (holder) {
        if (this.replace) this.replaceFact(file, i);
        else {
          const hf = holder.facts;
          const at = hf.key.subarray(0, hf.length).indexOf(key);
          this.conflict(
            file,
            i,
            `${describeKey(this.resolver, d, region[i]!, indicator[i]!)} 在本次导入的文件“${holder.name}”${describeRow(holder, at)}中已有数值 ${formatValue(hf.value[at]!)}：同一数值不能由两个文件提供`,
          );
        }
        continue;
      }
      if (this.busyDays.has(d)) {
        const row = this.existingFact.get(d, region[i], indicator[i]) as [number, number, string] | undefined;
        if (row && row[1] === batchId) continue; // a duplicate row of this file: validation reports it
        if (row) {
          if (this.replace) this.replaceFact(file, i);
          else {
            this.conflict(
              file,
              i,
              `${describeKey(this.resolver, d, region[i]!, indicator[i]!)} 已有数值 ${formatValue(row[0])}（批次 ${row[1]}，来源“${row[2]}”）`,
            );
          }
          continue;
        }
      }
      if (this.failing) continue;
      const a = this.pending * 6;
      const args = this.args;
      args[a] = d;
      args[a + 1] = region[i]!;
      args[a + 2] = indicator[i]!;
      args[a + 3] = value[i]!;
      args[a + 4] = batchId;
      args[a + 5] = note[i]!;
      if (++this.pending === CHUNK) {
        this.pending = 0;
        this.run(() => this.insertChunk.run(args));
      }
    }
  }

  /** After the file's summary: writes what is pending, reports its conflicts, records its counts. */
  finishFile(file: WrittenFile): void {
    this.flush();
    for (const c of file.conflicts) {
      const f = file.facts;
      const sheet = file.summary!.sheets[f.sheet[c.index]!]!;
      const column = f.column[c.index]!;
      file.issues.add(
        'conflict',
        sheet.name,
        f.row[c.index]!,
        sheet.layout.columns[column] ?? `${columnLetter(column)}列`,
        f.rawValue(c.index),
        c.reason,
      );
    }
    if (file.issues.total > 0) this.failing = true;
    if (file.batchId !== null) this.updateBatch.run(file.facts.length, file.replaced, file.batchId);
    this.earlier.push(file);
  }

  private flush(): void {
    const n = this.pending;
    this.pending = 0;
    if (this.failing) return;
    for (let p = 0; p < n; p++) this.run(() => this.insertOne.run(this.args.slice(p * 6, p * 6 + 6)));
  }

  private run(insert: () => unknown): void {
    if (this.failing) return;
    try {
      insert();
    } catch (e) {
      // Only a key repeated within one file gets here (every other holder was looked for above):
      // validation reports that row; nothing more is written and the import is rolled back.
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
      this.insertFailed = e as Error;
      this.failing = true;
    }
  }

  private replaceFact(file: WrittenFile, i: number): void {
    file.replaced++;
    if (this.failing) return;
    const f = file.facts;
    // The old fact may still be in the pending rows of an earlier file: those were flushed at its end.
    if (this.keepReplaced.run(file.batchId, f.day[i], f.region[i], f.indicator[i]).changes !== 1) {
      throw new Error(`replaced fact ${f.day[i]}/${f.region[i]}/${f.indicator[i]} vanished`);
    }
    this.updateFact.run(f.value[i], file.batchId, f.note[i], f.day[i], f.region[i], f.indicator[i]);
  }

  private conflict(file: WrittenFile, index: number, reason: string): void {
    file.conflicts.push({ index, reason });
    this.failing = true;
  }
}

/** Where a fact came from, for messages: 第 5 行 / 工作表“Sheet1”第 5 行. */
function describeRow(file: WrittenFile, index: number): string {
  const sheet = file.summary!.sheets[file.facts.sheet[index]!]!.name;
  return `${sheet === null ? '' : `工作表“${sheet}”`}第 ${file.facts.row[index]} 行`;
}
