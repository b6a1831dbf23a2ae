// The operations every transport (CLI, Electron IPC, web mode) exposes. Each is written once, in
// electron/core/handlers.ts; transports only parse arguments with these schemas and move results.
import * as z from 'zod';
import { CompletenessQuerySchema, SliceQuerySchema } from './slice';
import type { CompletenessResult, SliceResult } from './slice';
import type { Catalogue } from './catalogue-types';
import type { BatchInfo, ImportReport, UndoResult } from './import';

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

export const OperationInputs = {
  catalogue: z.object({}),
  info: z.object({}),
  query: SliceQuerySchema,
  completeness: CompletenessQuerySchema,
  undo: z.object({ batchId: z.number().int().positive() }),
} as const;

export interface OperationResults {
  catalogue: Catalogue;
  info: DataInfo;
  query: SliceResult;
  completeness: CompletenessResult;
  undo: UndoResult;
  import: ImportReport;
}

export type OperationName = keyof typeof OperationInputs;
export type OperationInput<K extends OperationName> = z.input<(typeof OperationInputs)[K]>;
