// The operations every transport (CLI, Electron IPC, web mode) exposes. Each is written once, in
// electron/core/handlers.ts. The transports validate every argument with these schemas where the
// call enters (shared/api/parse-input.ts) and pass the parsed value inward; OPERATION_DATA below
// says what each operation reads and writes.
import {
  DecideSubmissionInputSchema,
  FilingStatusInputSchema,
  ListSubmissionsInputSchema,
  ServerLoginInputSchema,
  SubmissionIdInputSchema,
  type DecisionJson,
  type FilingStatusJson,
  type ServerStatus,
  type SubmissionDetailJson,
  type SubmissionJson,
  type SyncResult,
} from './central';
import * as z from 'zod';
import { CompletenessQuerySchema, SliceQuerySchema } from './slice';
import type { CompletenessResult, SliceResult } from './slice';
import type { Catalogue } from './catalogue-types';
import type { BatchInfo, ImportReport, UndoResult } from './import';
import { DeleteViewInputSchema, SaveViewInputSchema, type SavedView } from './views';
import { ReportRequestSchema, type ReportFile } from './report';
import { AnomaliesQuerySchema, type AnomaliesResult } from './anomalies';
import { TemplateRequestSchema } from './template';
import type { DemoSummary } from '../demo';
import {
  AddFindingInputSchema,
  BundleReturnInputSchema,
  CorrectInputSchema,
  ExportBundleInputSchema,
  FindingAttachmentInputSchema,
  ListCorrectionsInputSchema,
  ListFindingsInputSchema,
  MergeReturnInputSchema,
  PassphraseSchema,
  UpdateFindingInputSchema,
  type AttachmentFile,
  type BundleExportResult,
  type BundleInfo,
  type BundleReturnResult,
  type CorrectionJson,
  type CorrectionList,
  type FindingJson,
  type FindingList,
  type MergeReport,
} from './inspection';

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
  /** When the open database is a 督导包: its city, period and origin; else null. */
  bundle: BundleInfo | null;
}

export interface QueryEngineInfo {
  /** scan: a one-shot command reading only the days it asks about (electron/query/scan.ts). */
  kind: 'cube' | 'sql' | 'scan';
  /** Why the SQL path is in use (Chinese, shown to the analyst); null for the cube and the scan. */
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
  /** When the open database is a 督导包 (.cwb, decrypted in memory only): what it holds; else null. */
  bundle: BundleInfo | null;
}

/** A database path typed in the page (web mode) or chosen in a dialog (Electron). */
export const DatabasePathSchema = z
  .string()
  .trim()
  .min(1, '请填写数据库文件路径')
  // Remembered in settings.json as the database opened last: bounded like any stored text.
  .max(4096, '数据库文件路径过长（上限 4096 字）')
  .refine((p) => /\.(db|cwb)$/i.test(p), '数据库文件名须以 .db 结尾（督导包为 .cwb）');

export const ImportInputSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(4096, '文件名过长'), bytes: z.instanceof(Uint8Array) }))
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
  /** A .db file, or a 督导包 (.cwb) with its passphrase. */
  openDatabase: z.object({ path: DatabasePathSchema, passphrase: PassphraseSchema.optional() }),
  createDatabase: z.object({ path: DatabasePathSchema }),
  openDemo: z.object({}),
  // The CLI's `campaign demo`: the demo written into the open database, which must be empty.
  buildDemo: z.object({}),
  // 督导 (shared/api/inspection.ts): findings, corrections, the city bundle and its return.
  listFindings: ListFindingsInputSchema,
  addFinding: AddFindingInputSchema,
  updateFinding: UpdateFindingInputSchema,
  findingAttachment: FindingAttachmentInputSchema,
  correct: CorrectInputSchema,
  listCorrections: ListCorrectionsInputSchema,
  exportBundle: ExportBundleInputSchema,
  bundleReturn: BundleReturnInputSchema,
  mergeReturn: MergeReturnInputSchema,
  // 省厅服务器 (shared/api/central.ts): the connection, sync, 报送审核 and 报送状态.
  serverStatus: z.object({}),
  serverLogin: ServerLoginInputSchema,
  serverLogout: z.object({}),
  syncNow: z.object({}),
  listSubmissions: ListSubmissionsInputSchema,
  submissionDetail: SubmissionIdInputSchema,
  decideSubmission: DecideSubmissionInputSchema,
  filingStatus: FilingStatusInputSchema,
} as const;

/** The operations that choose the database rather than work on it. */
export const WORKSPACE_OPERATIONS = ['workspace', 'openDatabase', 'createDatabase', 'openDemo'] as const;
export type WorkspaceOperationName = (typeof WORKSPACE_OPERATIONS)[number];

export interface OperationResults {
  catalogue: Catalogue;
  info: DataInfo;
  query: SliceResult;
  completeness: CompletenessResult;
  import: ImportReport & Changes;
  undo: UndoResult & Changes;
  listViews: SavedView[];
  saveView: SavedView & Changes;
  deleteView: { id: number } & Changes;
  report: ReportFile;
  anomalies: AnomaliesResult;
  template: ReportFile;
  dataStatus: DataStatus;
  workspace: WorkspaceState;
  openDatabase: WorkspaceState & Changes;
  createDatabase: WorkspaceState & Changes;
  openDemo: WorkspaceState & Changes;
  buildDemo: DemoSummary & Changes;
  listFindings: FindingList;
  addFinding: { id: string; finding: FindingJson } & Changes;
  updateFinding: { finding: FindingJson } & Changes;
  findingAttachment: AttachmentFile;
  correct: { correction: CorrectionJson } & Changes;
  listCorrections: CorrectionList;
  exportBundle: BundleExportResult;
  bundleReturn: BundleReturnResult;
  mergeReturn: MergeReport & Changes;
  serverStatus: ServerStatus;
  serverLogin: ServerStatus & Changes;
  serverLogout: ServerStatus & Changes;
  syncNow: SyncResult & Changes;
  listSubmissions: { submissions: SubmissionJson[] };
  submissionDetail: SubmissionDetailJson;
  decideSubmission: DecisionJson & Changes;
  filingStatus: FilingStatusJson;
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

/**
 * What an answer depends on and what a write changes: the facts, the import batches, the saved
 * views, the inspection records (findings and corrections), what the provincial server holds
 * (submissions, the connection and sync state), or `database` — which file is open,
 * on which every answer depends.
 */
export const DATA_DOMAINS = ['facts', 'batches', 'views', 'findings', 'server', 'database'] as const;
export type DataDomain = (typeof DATA_DOMAINS)[number];

/** The result of every write says what it changed ([] when it changed nothing, e.g. a refused import). */
export interface Changes {
  changed: DataDomain[];
}

interface DataAccess {
  reads: readonly DataDomain[];
  writes: readonly DataDomain[];
}

/**
 * Per operation, what it reads and what it writes. Every operation must be listed (the type below
 * does not compile otherwise), and an operation that writes must have `Changes` in its result.
 * The renderer drops cached answers of the operations that read what a write changed.
 */
export const OPERATION_DATA = {
  catalogue: { reads: ['database'], writes: [] },
  info: { reads: ['database', 'facts', 'batches'], writes: [] },
  query: { reads: ['database', 'facts'], writes: [] },
  completeness: { reads: ['database', 'facts'], writes: [] },
  import: { reads: ['database', 'facts', 'batches'], writes: ['facts', 'batches'] },
  // Undoing a corrections batch undoes those corrections (their state follows their batch).
  undo: { reads: ['database', 'batches'], writes: ['facts', 'batches', 'findings'] },
  listViews: { reads: ['database', 'views'], writes: [] },
  saveView: { reads: ['database'], writes: ['views'] },
  deleteView: { reads: ['database'], writes: ['views'] },
  // The dossier and the 整改台账 list findings and corrections.
  report: { reads: ['database', 'facts', 'findings'], writes: [] },
  anomalies: { reads: ['database', 'facts'], writes: [] },
  template: { reads: ['database'], writes: [] },
  workspace: { reads: ['database'], writes: [] },
  openDatabase: { reads: [], writes: ['database'] },
  createDatabase: { reads: [], writes: ['database'] },
  openDemo: { reads: [], writes: ['database'] },
  buildDemo: { reads: ['database'], writes: ['facts', 'batches'] },
  // Polled by the page; never cached (it asks what changed elsewhere).
  dataStatus: { reads: [], writes: [] },
  listFindings: { reads: ['database', 'findings'], writes: [] },
  addFinding: { reads: ['database'], writes: ['findings'] },
  updateFinding: { reads: ['database', 'findings'], writes: ['findings'] },
  findingAttachment: { reads: ['database', 'findings'], writes: [] },
  // A correction is a fact replaced in a local batch, and a record of it.
  correct: { reads: ['database', 'facts'], writes: ['facts', 'batches', 'findings'] },
  listCorrections: { reads: ['database', 'findings', 'batches'], writes: [] },
  exportBundle: { reads: ['database', 'facts', 'batches', 'findings'], writes: [] },
  bundleReturn: { reads: ['database', 'findings'], writes: [] },
  mergeReturn: { reads: ['database', 'facts', 'findings'], writes: ['facts', 'batches', 'findings'] },
  // Polled by the page like dataStatus (it carries the sync's progress): never cached.
  serverStatus: { reads: [], writes: [] },
  serverLogin: { reads: [], writes: ['server'] },
  serverLogout: { reads: [], writes: ['server'] },
  syncNow: { reads: ['database', 'server'], writes: ['facts', 'batches', 'server'] },
  listSubmissions: { reads: ['server'], writes: [] },
  submissionDetail: { reads: ['server'], writes: [] },
  decideSubmission: { reads: ['server'], writes: ['server'] },
  filingStatus: { reads: ['server'], writes: [] },
} as const satisfies { [K in OperationName]: DataAccess };

/** The operations that write (OPERATION_DATA's `writes` is not empty). */
export type WritingOperation = {
  [K in OperationName]: (typeof OPERATION_DATA)[K]['writes'] extends readonly [] ? never : K;
}[OperationName];

type WritesWithoutChanges = { [K in WritingOperation]: OperationResults[K] extends Changes ? never : K }[WritingOperation];
/** Does not compile, and names the operation, when a write's result does not say what it changed. */
export const EVERY_WRITE_SAYS_WHAT_CHANGED: [WritesWithoutChanges] extends [never] ? true : WritesWithoutChanges = true;

export function readsOf(op: OperationName): readonly DataDomain[] {
  return OPERATION_DATA[op].reads;
}

/** What a write changes when it changes anything (its declared `writes`). */
export function writesOf(op: WritingOperation): DataDomain[] {
  return [...OPERATION_DATA[op].writes];
}

export function isWritingOperation(op: OperationName): op is WritingOperation {
  return OPERATION_DATA[op].writes.length > 0;
}

/**
 * Operations only the CLI offers: the window and the web mode refuse them. `buildDemo` would put
 * invented facts into whatever empty database the page has open; there, only 打开演示数据 makes the demo.
 */
export const CLI_ONLY_OPERATIONS: readonly OperationName[] = ['buildDemo'];

/** An operation the page may call (Electron IPC, the web mode). */
export function isPageOperation(name: string): name is OperationName {
  return isOperationName(name) && !CLI_ONLY_OPERATIONS.includes(name);
}
