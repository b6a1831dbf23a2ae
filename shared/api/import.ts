// Import of the cities' returns (CSV / XLSX, long or wide format): the result contract.
import * as z from 'zod';

export const ImportOptionsSchema = z.object({
  /** Supersede values other batches already hold for the same keys (recorded, undoable). */
  replace: z.boolean().default(false),
  /** When the import is rejected: also write the rejected rows as an XLSX to send back (ImportReport.rejects). */
  rejects: z.boolean().default(false),
});
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

/**
 * What kind of problem an issue is: the whole file, its header row, a date, a name (地区, 部门,
 * 指标), a value or unit, a cell outside the header, a key twice in the file, a key other data
 * already holds; `more` is the line counting the issues not listed.
 */
export const IMPORT_ISSUE_KINDS = ['file', 'header', 'date', 'name', 'value', 'column', 'duplicate', 'conflict', 'more'] as const;
export type ImportIssueKind = (typeof IMPORT_ISSUE_KINDS)[number];

export const IMPORT_ISSUE_KIND_LABELS: Record<ImportIssueKind, string> = {
  file: '文件',
  header: '表头',
  date: '日期',
  name: '地区/部门/指标名称',
  value: '数值或单位',
  column: '表头以外的单元格',
  duplicate: '文件内重复',
  conflict: '与已有数据冲突',
  more: '未列出',
};

/** One problem, located so a user can find and fix it. Rows are numbered as Excel shows them (1-based). */
export interface ImportIssue {
  kind: ImportIssueKind;
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export type ImportFileStatus = 'imported' | 'unchanged' | 'rejected';

/** The encoding a CSV/TXT file was read as (detected: BOM, valid UTF-8, else GB18030). */
export type TextEncodingLabel = 'UTF-8' | 'UTF-8 BOM' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';

/** How the report and the CLI name an encoding, in the analysts' words. */
export const TEXT_ENCODING_LABELS: Record<TextEncodingLabel, string> = {
  'UTF-8': 'UTF-8',
  'UTF-8 BOM': 'UTF-8（带 BOM）',
  GB18030: 'GB18030/GBK',
  'UTF-16LE': 'UTF-16（Unicode 文本）',
  'UTF-16BE': 'UTF-16BE',
};

/** How a file lays its figures out: one per row, one column per indicator, or both (sheet by sheet). */
export type ImportFormat = 'long' | 'wide' | 'mixed';

export interface ImportFileResult {
  file: string;
  sha256: string;
  /** imported: written as batch `batchId`; unchanged: this content is already batch `duplicateOf`. */
  status: ImportFileStatus;
  format: ImportFormat | null;
  sheets: string[];
  /** Sheets passed over for want of a recognised header row. */
  skippedSheets: string[];
  /** CSV/TXT: the encoding the file was read as; null for XLSX and for a file not read as text. */
  encoding: TextEncodingLabel | null;
  batchId: number | null;
  duplicateOf: number | null;
  /** Facts written (imported), or read and found valid (rejected: none of them was written). */
  facts: number;
  replaced: number;
  /** Problems found in this file, listed or not. */
  issues: number;
  /** Data rows of this file with at least one problem. */
  rejectedRows: number;
}

/** The rejected rows as they were read, with their reasons: an XLSX to send back to the city. */
export interface RejectsFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** Rows written; fewer than the rejected rows when `truncated`. */
  rows: number;
  truncated: boolean;
}

export interface ImportReport {
  /** False when any file had an error: then nothing at all was written. */
  ok: boolean;
  files: ImportFileResult[];
  /** The problems in reading order, capped per file; a `more` line counts the rest. */
  errors: ImportIssue[];
  /** Every problem found, listed or not. */
  errorTotal: number;
  /** Problems by kind, listed or not. */
  errorKinds: Partial<Record<ImportIssueKind, number>>;
  /** Only when asked for (ImportOptions.rejects) and the import was rejected with rejected rows. */
  rejects: RejectsFile | null;
}

export interface ImportProgress {
  file: string;
  stage: 'read' | 'validate' | 'write';
  done: number;
  total: number;
}

export interface UndoResult {
  batchId: number;
  removed: number;
  restored: number;
  backup: string | null;
}

export interface BatchInfo {
  id: number;
  source: string;
  sha256: string;
  facts: number;
  replaced: number;
  importedAt: string;
  undoneAt: string | null;
  /** 'server': a batch of the provincial record brought by sync (省厅); 'local': imported on this workstation (本地). */
  origin: 'server' | 'local';
  /** The server's batch id of a 'server' batch, else null. */
  serverBatchId: number | null;
}
