// Import of the cities' returns (CSV / XLSX, long or wide format): the result contract.
import * as z from 'zod';

export const ImportOptionsSchema = z.object({
  /** Supersede values other batches already hold for the same keys (recorded, undoable). */
  replace: z.boolean().default(false),
});
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

/** One problem, located so a user can find and fix it. Rows are numbered as Excel shows them (1-based). */
export interface ImportIssue {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export type ImportFileStatus = 'imported' | 'unchanged' | 'rejected';

export interface ImportFileResult {
  file: string;
  sha256: string;
  /** imported: written as batch `batchId`; unchanged: this content is already batch `duplicateOf`. */
  status: ImportFileStatus;
  format: 'long' | 'wide' | 'mixed' | null;
  sheets: string[];
  /** Sheets passed over for want of a recognised header row. */
  skippedSheets: string[];
  batchId: number | null;
  duplicateOf: number | null;
  facts: number;
  replaced: number;
}

export interface ImportReport {
  /** False when any file had an error: then nothing at all was written. */
  ok: boolean;
  files: ImportFileResult[];
  errors: ImportIssue[];
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
}
