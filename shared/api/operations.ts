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
  /** The database holds the demo's invented facts (every view and export says 演示数据). */
  demo: boolean;
  /** Which engine answers queries: the in-memory cube, or the slower SQL path for a database too large for it. */
  engine: QueryEngineInfo;
}

export interface QueryEngineInfo {
  kind: 'cube' | 'sql';
  /** Why the SQL path is in use (Chinese, shown to the analyst); null for the cube. */
  reason: string | null;
}

/** What the page polls to learn that its cached answers are stale (see electron/core/external-changes.ts). */
export interface DataStatus {
  /** Goes up when another program (a CLI import or undo) changed the open database. */
  generation: number;
  /** How often the core worker was restarted after dying; the page says so when it goes up. */
  coreRestarts: number;
}

/** Which database the workstation has open; none before the first-start choice. */
export interface WorkspaceState {
  path: string | null;
  /** The file name, for the header. */
  fileName: string | null;
  demo: boolean;
  /** The per-user folder (demo.db lives there), to suggest where a new database goes. */
  homeFolder: string;
}

/** A database path typed in the page (web mode) or chosen in a dialog (Electron). */
export const DatabasePathSchema = z
  .string()
  .trim()
  .min(1, '请填写数据库文件路径')
  .refine((p) => p.toLowerCase().endsWith('.db'), '数据库文件名须以 .db 结尾');

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
  dataStatus: z.object({}),
  // Switching the open database (the core worker's session; not in the CLI, which takes --db).
  workspace: z.object({}),
  openDatabase: z.object({ path: DatabasePathSchema }),
  createDatabase: z.object({ path: DatabasePathSchema }),
  openDemo: z.object({}),
} as const;

/** The operations that choose the database rather than work on it. */
export const WORKSPACE_OPERATIONS = ['workspace', 'openDatabase', 'createDatabase', 'openDemo'] as const;
export type WorkspaceOperationName = (typeof WORKSPACE_OPERATIONS)[number];

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
  dataStatus: DataStatus;
  workspace: WorkspaceState;
  openDatabase: WorkspaceState;
  createDatabase: WorkspaceState;
  openDemo: WorkspaceState;
}

export type OperationName = keyof typeof OperationInputs;
/** The operations on the open database (what createCore implements). */
export type DataOperationName = Exclude<OperationName, WorkspaceOperationName>;
export function isWorkspaceOperation(name: OperationName): name is WorkspaceOperationName {
  return (WORKSPACE_OPERATIONS as readonly string[]).includes(name);
}
export const OPERATION_NAMES = Object.keys(OperationInputs) as OperationName[];
export type OperationInput<K extends OperationName> = z.input<(typeof OperationInputs)[K]>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OperationInputs, name);
}

/** What the renderer calls: the same operations, always asynchronous. */
export interface WorkstationApi {
  call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationResults[K]>;
}
