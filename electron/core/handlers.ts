// One implementation per operation, shared by the CLI, Electron IPC and the web server. Each takes
// its input already validated where the call entered (shared/api/parse-input.ts): nothing here parses.
import { writesOf, type DataInfo, type DataStatus, type DataOperationName, type OperationResults } from '../../shared/api/operations';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { ImportProgress } from '../../shared/api/import';
import { isoDay } from '../../shared/dates';
import { refuseImportOnBundle, type Workspace } from '../store/workspace';
import { runParsedSlice } from '../query/slice';
import { runCompleteness } from '../query/completeness';
import { engineHolder, type EngineHolder } from '../query/engine-holder';
import { listBatches, undoBatchTouching } from '../store/facts/undo';
import { deleteView, listViews, saveView } from '../store/saved-views';
import { runAnomalies } from '../query/anomalies';
import { holdsDemoData } from '../demo/marker';
import { buildDemo } from '../demo/generate';
import { bundleInfoOf } from '../store/bundle-origin';
import { addFinding, findingAttachment, listFindings, updateFinding } from '../inspection/findings';
import { correctFigure, listCorrections } from '../inspection/corrections';
import { workstationUser } from '../inspection/actor';
import { exportBundle } from '../bundle/export';
import { buildReturn } from '../bundle/return';
import { mergeReturn } from '../bundle/merge';
import { decisionError } from '../central-client/decision-errors';
import {
  connectedClient,
  forgetWaitingCount,
  serverLogin,
  serverLogout,
  serverStatus,
  setSyncProgress,
} from '../central-client/connection';
import { decideSubmission, filingStatus, listSubmissions, submissionDetail } from '../central-client/review-client';
import { syncDatabase } from '../sync/sync-database';
import { bundleScopedFilter, checkUndoOnBundle, persistAfterWrites } from '../bundle/bundle-guards';

/**
 * Every operation on an open database, each taking its parsed input. Choosing the database is the
 * session's (electron/core/session.ts).
 */
type Handlers = {
  [K in DataOperationName]: (input: OperationParsed<K>) => OperationResults[K] | Promise<OperationResults[K]>;
};

/** The handlers with their exact result types (synchronous except import). */
export type Core = ReturnType<typeof createCore>;

// The slice engine of a workspace, kept across calls and updated after writes (engine-holder.ts).
export { engineHolder, type EngineHolder } from '../query/engine-holder';

export interface CoreOptions {
  onImportProgress?: (p: ImportProgress) => void;
  /** Shared with a caller that loads it ahead of the first query (the core worker). */
  engine?: EngineHolder;
  /** Imports write on their own connection in a writer thread while reads go on (the core worker). */
  offThreadImport?: boolean;
  /** The core worker's data generation and restarts (a one-shot CLI has neither: zeros). */
  status?: () => DataStatus;
}

export function createCore(ws: Workspace, options: CoreOptions = {}) {
  const holder = options.engine ?? engineHolder(ws);
  const engine = holder.get;
  const afterWrite = holder.applyWrite;

  // On a 督导包 every successful write is sealed back into its file (bundle/bundle-guards.ts).
  return persistAfterWrites(ws, {
    catalogue: (_input: OperationParsed<'catalogue'>) => ws.catalogue,
    info: (_input: OperationParsed<'info'>): DataInfo => {
      const stats = ws.db.prepare('SELECT SUM(fact_count) AS facts, MIN(day) AS min, MAX(day) AS max FROM fact_day_column').get() as {
        facts: number | null;
        min: number | null;
        max: number | null;
      };
      const { reportingUnits, indicators } = engine().coverage();
      return {
        path: ws.path,
        schemaVersion: ws.db.pragma('user_version', { simple: true }) as number,
        facts: stats.facts ?? 0,
        from: stats.min === null ? null : isoDay(stats.min),
        to: stats.max === null ? null : isoDay(stats.max),
        reportingUnits,
        indicators,
        batches: listBatches(ws),
        demo: holdsDemoData(ws.db),
        engine: holder.describe(),
        bundle: bundleInfoOf(ws.db),
      };
    },
    query: (input: OperationParsed<'query'>) => runParsedSlice(ws.resolver, engine(), input),
    completeness: (input: OperationParsed<'completeness'>) =>
      runCompleteness(ws.db, ws.resolver, bundleScopedFilter(ws, input, '报送情况')),
    import: async ({ files, replace, rejects }: OperationParsed<'import'>) => {
      refuseImportOnBundle(ws);
      const sources = files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
      // Loaded on use (as are reports and templates): a one-shot query does not parse exceljs.
      const { report, days } =
        options.offThreadImport && ws.path !== ':memory:'
          ? await (await import('../ingest/import-writer')).importOffThread(ws, sources, { replace, rejects }, options.onImportProgress)
          : await (await import('../ingest/import-files')).importFilesTouching(ws, sources, { replace, rejects }, options.onImportProgress);
      // A refused import (or one whose files were all imported before) changed nothing.
      const imported = report.files.some((f) => f.status === 'imported');
      if (imported) afterWrite(days);
      return { ...report, changed: imported ? writesOf('import') : [] };
    },
    undo: (input: OperationParsed<'undo'>) => {
      checkUndoOnBundle(ws, input.batchId);
      const { result, days } = undoBatchTouching(ws, input.batchId);
      afterWrite(days);
      return { ...result, changed: writesOf('undo') };
    },
    listViews: (_input: OperationParsed<'listViews'>) => listViews(ws.db),
    saveView: ({ name, state }: OperationParsed<'saveView'>) => ({ ...saveView(ws.db, name, state), changed: writesOf('saveView') }),
    deleteView: (input: OperationParsed<'deleteView'>) => ({ ...deleteView(ws.db, input.id), changed: writesOf('deleteView') }),
    report: async (input: OperationParsed<'report'>) =>
      (await import('../reports/index')).buildParsedReport(ws, input, { source: engine() }),
    anomalies: (input: OperationParsed<'anomalies'>) =>
      runAnomalies(ws.db, ws.resolver, engine(), bundleScopedFilter(ws, input, '异常检测')),
    template: async (input: OperationParsed<'template'>) => (await import('../ingest/template')).buildParsedTemplate(ws.resolver, input),
    buildDemo: (_input: OperationParsed<'buildDemo'>) => {
      // Refused unless the database is empty: the demo never mixes with real returns.
      const summary = buildDemo(ws);
      holder.reset();
      return { ...summary, changed: writesOf('buildDemo') };
    },
    dataStatus: (_input: OperationParsed<'dataStatus'>): DataStatus => options.status?.() ?? { generation: 0, coreRestarts: 0 },
    // 督导: findings, corrections, the city bundle and its return (electron/inspection, electron/bundle).
    listFindings: (input: OperationParsed<'listFindings'>) => listFindings(ws, input),
    addFinding: (input: OperationParsed<'addFinding'>) => ({
      ...addFinding(ws, input, workstationUser()),
      changed: writesOf('addFinding'),
    }),
    updateFinding: (input: OperationParsed<'updateFinding'>) => ({
      ...updateFinding(ws, input, workstationUser()),
      changed: writesOf('updateFinding'),
    }),
    findingAttachment: (input: OperationParsed<'findingAttachment'>) => findingAttachment(ws, input),
    correct: (input: OperationParsed<'correct'>) => {
      const { correction, days } = correctFigure(ws, input, workstationUser());
      afterWrite(days);
      return { correction, changed: writesOf('correct') };
    },
    listCorrections: (input: OperationParsed<'listCorrections'>) => listCorrections(ws, input),
    exportBundle: (input: OperationParsed<'exportBundle'>) => exportBundle(ws, input, workstationUser()),
    bundleReturn: (input: OperationParsed<'bundleReturn'>) => buildReturn(ws, input, workstationUser()),
    mergeReturn: (input: OperationParsed<'mergeReturn'>) => {
      const { report, days } = mergeReturn(ws, input);
      afterWrite(days);
      const changed = report.alreadyMerged ? [] : writesOf('mergeReturn');
      return { ...report, changed };
    },
    // 省厅服务器: the connection (central-client/connection.ts), sync (sync/sync-database.ts), and
    // the calls an analyst reviews with (central-client/review-client.ts).
    serverStatus: (_input: OperationParsed<'serverStatus'>) => serverStatus(ws),
    serverLogin: async (input: OperationParsed<'serverLogin'>) => ({ ...(await serverLogin(ws, input)), changed: writesOf('serverLogin') }),
    serverLogout: async (_input: OperationParsed<'serverLogout'>) => ({ ...(await serverLogout(ws)), changed: writesOf('serverLogout') }),
    syncNow: async (_input: OperationParsed<'syncNow'>) => {
      try {
        const { result, days } = await syncDatabase(ws, connectedClient(), setSyncProgress);
        afterWrite(days);
        const pulled = result.batches_added + result.batches_undone > 0;
        return { ...result, changed: pulled ? writesOf('syncNow') : ['server' as const] };
      } finally {
        setSyncProgress(null);
      }
    },
    listSubmissions: (input: OperationParsed<'listSubmissions'>) => listSubmissions(connectedClient(), input),
    submissionDetail: (input: OperationParsed<'submissionDetail'>) => submissionDetail(connectedClient(), input),
    decideSubmission: async (input: OperationParsed<'decideSubmission'>) => {
      const decided = await decideSubmission(connectedClient(), input).catch((e: unknown) => {
        throw decisionError(e);
      });
      forgetWaitingCount();
      return { ...decided, changed: writesOf('decideSubmission') };
    },
    filingStatus: (input: OperationParsed<'filingStatus'>) => filingStatus(connectedClient(), input),
  } satisfies Handlers);
}
