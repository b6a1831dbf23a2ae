// The operations every transport (CLI, Electron IPC, web mode) exposes. Each is written once, in
// electron/core/handlers.ts; transports only move arguments and results, and the handlers
// validate every argument with these schemas.
import * as z from 'zod';
import { CompletenessQuerySchema, SliceQuerySchema } from './slice';
import type { CompletenessResult, SliceResult } from './slice';
import type { Catalogue } from './catalogue-types';
import type { BatchInfo, ImportReport, UndoResult } from './import';
import { DeleteViewInputSchema, SaveViewInputSchema, type SavedView } from './views';
import { ReportRequestSchema, type ReportFile } from './report';
import { AnomaliesQuerySchema, type AnomaliesResult } from './anomalies';
import { TemplateRequestSchema } from './template';

export interface DataInfo {
  path: string;
  schemaVersion: number;
  facts: number;
  from: string | null;
  to: string | null;
  reportingUnits: number;
  indicators: number;
  batches: BatchInfo[];
}

export const ImportInputSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1), bytes: z.instanceof(Uint8Array) }))
    .min(1, '请至少选择一个文件'),
  replace: z.boolean().default(false),
  /** When rejected: the rejected rows as an XLSX to send back (ImportReport.rejects). */
  rejects: z.boolean().default(false),
});

export const OperationInputs = {
  catalogue: z.object({}),
  info: z.object({}),
  query: SliceQuerySchema,
  completeness: CompletenessQuerySchema,
  import: ImportInputSchema,
  undo: z.object({ batchId: z.number().int().positive() }),
  listViews: z.object({}),
  saveView: SaveViewInputSchema,
  deleteView: DeleteViewInputSchema,
  report: ReportRequestSchema,
  anomalies: AnomaliesQuerySchema,
  template: TemplateRequestSchema,
} as const;

export interface OperationResults {
  catalogue: Catalogue;
  info: DataInfo;
  query: SliceResult;
  completeness: CompletenessResult;
  import: ImportReport;
  undo: UndoResult;
  listViews: SavedView[];
  saveView: SavedView;
  deleteView: { id: number };
  report: ReportFile;
  anomalies: AnomaliesResult;
  template: ReportFile;
}

export type OperationName = keyof typeof OperationInputs;
export const OPERATION_NAMES = Object.keys(OperationInputs) as OperationName[];
export type OperationInput<K extends OperationName> = z.input<(typeof OperationInputs)[K]>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OperationInputs, name);
}

/** What the renderer calls: the same operations, always asynchronous. */
export interface WorkstationApi {
  call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationResults[K]>;
}
