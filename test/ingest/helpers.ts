// Shared by the import tests: a fresh database per test, files made in memory, table counts.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, onTestFinished } from 'vitest';
import { importTuning } from '../../electron/ingest/import-files';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { readDayColumns } from '../../electron/store/day-columns';
import type { ImportIssue } from '../../shared/api/import';
import { tempDir } from '../support/temp-db';

export interface FileInput {
  name: string;
  bytes: Buffer;
}

/** A new, empty database (it already holds the catalogue), closed when the test ends. */
export function freshWorkspace(): Workspace {
  const ws = openWorkspace(join(tempDir(), 'x.db'));
  onTestFinished(() => ws.close());
  return ws;
}

/** A CSV file as UTF-8 (optionally with a BOM) from lines; `\r\n` line ends unless told. */
export function csvFile(name: string, lines: string[], options: { bom?: boolean; eol?: string } = {}): FileInput {
  const text = lines.join(options.eol ?? '\r\n') + (options.eol ?? '\r\n');
  const body = Buffer.from(text, 'utf8');
  return { name, bytes: options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body };
}

export type SheetSpec = { name: string; rows: ExcelJS.CellValue[][] };

/** A real .xlsx written by exceljs; rows are 1-based as in Excel (rows[0] is row 1). */
export async function xlsxFile(name: string, sheets: SheetSpec[], edit?: (wb: ExcelJS.Workbook) => void): Promise<FileInput> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) ws.getCell(i + 1, c + 1).value = value;
      });
    });
  }
  edit?.(wb);
  return { name, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

export interface Counts {
  facts: number;
  batches: number;
  replaced: number;
}

export function counts(ws: Workspace): Counts {
  const n = (table: string) => (ws.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { facts: n('fact'), batches: n('batch'), replaced: n('fact_replaced') };
}

export interface FactRow {
  day: number;
  region_code: number;
  indicator_id: number;
  value: number;
  batch_id: number;
  note: string | null;
}

/** Every fact, in key order. */
export function allFacts(ws: Workspace): FactRow[] {
  return ws.db.prepare('SELECT * FROM fact ORDER BY day, region_code, indicator_id').all() as FactRow[];
}

/** Indicator id by key (部门/名称). */
export function indicatorId(ws: Workspace, key: string): number {
  const i = ws.catalogue.indicators.find((x) => x.key === key);
  if (!i) throw new Error(`no indicator ${key}`);
  return i.id;
}

/** The value stored for one key, or undefined. */
export function valueOf(
  ws: Workspace,
  date: string,
  regionCode: string,
  key: string,
): { value: number; batch_id: number; note: string | null } | undefined {
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return ws.db
    .prepare('SELECT value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?')
    .get(day, Number(regionCode), indicatorId(ws, key)) as { value: number; batch_id: number; note: string | null } | undefined;
}

/** What a test expects of one reported issue: location fields exactly (missing = null), reason by pattern. */
export type ExpectedIssue = Partial<Omit<ImportIssue, 'reason'>> & { reason?: RegExp };

/** fact_day_column holds exactly the fact table's (day, region, indicator, value), sorted per day. */
export function expectDayColumnsInStep(ws: Workspace): void {
  const fromColumns: [number, number, number, number][] = [];
  for (const c of readDayColumns(ws.db)) {
    for (let j = 0; j < c.values.length; j++) fromColumns.push([c.day, c.regions[j]!, c.indicators[j]!, c.values[j]!]);
  }
  const fromFacts = allFacts(ws).map((f) => [f.day, f.region_code, f.indicator_id, f.value]);
  expect(fromColumns).toEqual(fromFacts);
  const counts = ws.db.prepare('SELECT day, fact_count FROM fact_day_column').all() as { day: number; fact_count: number }[];
  for (const c of counts) expect(c.fact_count).toBe(fromFacts.filter((f) => f[0] === c.day).length);
}

/** The stored columns of one day hold exactly that day's facts. */
export function expectDayInStep(ws: Workspace, day: number): void {
  const row = ws.db.prepare('SELECT region_codes, indicator_ids, vals, fact_count FROM fact_day_column WHERE day = ?').get(day) as
    { region_codes: Buffer; indicator_ids: Buffer; vals: Buffer; fact_count: number } | undefined;
  const facts = ws.db
    .prepare('SELECT region_code, indicator_id, value FROM fact WHERE day = ? ORDER BY region_code, indicator_id')
    .raw()
    .all(day);
  if (!row) return void expect(facts).toEqual([]);
  const copy = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const r = new Int32Array(copy(row.region_codes));
  const i = new Int32Array(copy(row.indicator_ids));
  const v = new Float64Array(copy(row.vals));
  expect(Array.from(v, (x, k) => [r[k], i[k], x])).toEqual(facts);
  expect(row.fact_count).toBe(facts.length);
}

/** Where an import validates its files: in its own thread, or in the validation worker as large imports do. */
export type ValidationThread = '本线程' | '校验线程';

/**
 * Runs import tests with validation in one thread. The two threads must behave the same in every
 * respect, so an area's import cases (X.cases.ts) run in both: in this thread from X.test.ts (the
 * unit tier) and in the validation worker from X.int.test.ts (the integration tier).
 */
export function validatingIn(thread: ValidationThread, tests: () => void): void {
  describe(`校验在${thread}`, () => {
    const saved = importTuning.workerMinBytes;
    beforeAll(() => {
      importTuning.workerMinBytes = thread === '本线程' ? Number.POSITIVE_INFINITY : 0;
    });
    afterAll(() => {
      importTuning.workerMinBytes = saved;
    });
    tests();
  });
}

/** Runs a file's tests twice, validation in each thread: for integration files, which start the worker anyway. */
export function inBothValidationThreads(tests: () => void): void {
  validatingIn('本线程', tests);
  validatingIn('校验线程', tests);
}
