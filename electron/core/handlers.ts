// One implementation per operation, shared by the CLI, Electron IPC and the web server. Every
// argument is validated here with the shared schemas, whichever transport brought it.
import type * as z from 'zod';
import {
  OperationInputs,
  type DataInfo,
  type DataStatus,
  type DataOperationName,
  type OperationInput,
  type OperationName,
  type OperationResults,
  type QueryEngineInfo,
} from '../../shared/api/operations';
import type { ImportProgress } from '../../shared/api/import';
import { UserError } from '../../shared/errors';
import { isoDay } from '../../shared/dates';
import type { Workspace } from './workspace';
import { runSlice } from '../query/slice';
import { runCompleteness } from '../query/completeness';
import { chooseFactSource, type EngineChoice } from '../query/engine';
import type { FactSource } from '../query/fact-source';
import { importFiles } from '../ingest/import-files';
import { listBatches, undoBatch } from '../ingest/undo';
import { deleteView, listViews, saveView } from './saved-views';
import { buildReport } from '../reports/index';
import { runAnomalies } from '../query/anomalies';
import { buildTemplate } from '../ingest/template';
import { holdsDemoData } from '../demo/marker';

/**
 * Every operation on an open database, each taking its input as a transport delivers it
 * (validated here). Choosing the database is the session's (electron/core/session.ts).
 */
type Handlers = {
  [K in DataOperationName]: (input: OperationInput<K>) => OperationResults[K] | Promise<OperationResults[K]>;
};

/** The handlers with their exact result types (synchronous except import). */
export type Core = ReturnType<typeof createCore>;

function parse<K extends OperationName>(name: K, input: unknown): z.output<(typeof OperationInputs)[K]> {
  const result = OperationInputs[name].safeParse(input ?? {});
  if (!result.success) {
    throw new UserError(result.error.issues.map((i) => `${i.path.join('.') || name}: ${i.message}`).join('；'));
  }
  return result.data as z.output<(typeof OperationInputs)[K]>;
}

/** The slice engine of a workspace, loaded on first use; writes change the facts under it. */
export interface EngineHolder {
  get(): FactSource;
  /** Which engine answers (the cube, or the SQL path when the database is too large) and why. */
  describe(): QueryEngineInfo;
  /** After a write: loaded again on the next query. */
  reset(): void;
}

export function engineHolder(ws: Workspace): EngineHolder {
  let choice: EngineChoice | null = null;
  const load = () => (choice ??= chooseFactSource(ws));
  return {
    get: () => load().source,
    describe: () => load().engine,
    reset: () => {
      choice = null;
    },
  };
}

export interface CoreOptions {
  onImportProgress?: (p: ImportProgress) => void;
  /** Shared with a caller that loads it ahead of the first query (the core worker). */
  engine?: EngineHolder;
  /** The core worker's data generation and restarts (a one-shot CLI has neither: zeros). */
  status?: () => DataStatus;
}

export function createCore(ws: Workspace, options: CoreOptions = {}) {
  const holder = options.engine ?? engineHolder(ws);
  const engine = holder.get;
  const afterWrite = holder.reset;

  return {
    catalogue: (_input: OperationInput<'catalogue'>) => ws.catalogue,
    info: (_input: OperationInput<'info'>): DataInfo => {
      const stats = ws.db
        .prepare('SELECT SUM(fact_count) AS facts, MIN(day) AS min, MAX(day) AS max FROM fact_day_column')
        .get() as { facts: number | null; min: number | null; max: number | null };
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
      };
    },
    query: (input: OperationInput<'query'>) => runSlice(ws.resolver, engine(), parse('query', input)),
    completeness: (input: OperationInput<'completeness'>) => runCompleteness(ws.db, ws.resolver, parse('completeness', input)),
    import: async (input: OperationInput<'import'>) => {
      const { files, replace, rejects } = parse('import', input);
      const report = await importFiles(
        ws,
        files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) })),
        { replace, rejects },
        options.onImportProgress,
      );
      if (report.files.some((f) => f.status === 'imported')) afterWrite();
      return report;
    },
    undo: (input: OperationInput<'undo'>) => {
      const result = undoBatch(ws, parse('undo', input).batchId);
      afterWrite();
      return result;
    },
    listViews: (_input: OperationInput<'listViews'>) => listViews(ws.db),
    saveView: (input: OperationInput<'saveView'>) => {
      const { name, state } = parse('saveView', input);
      return saveView(ws.db, name, state);
    },
    deleteView: (input: OperationInput<'deleteView'>) => deleteView(ws.db, parse('deleteView', input).id),
    report: (input: OperationInput<'report'>) => buildReport(ws, parse('report', input), { source: engine() }),
    anomalies: (input: OperationInput<'anomalies'>) => runAnomalies(ws.db, ws.resolver, engine(), parse('anomalies', input)),
    template: (input: OperationInput<'template'>) => buildTemplate(ws.resolver, parse('template', input)),
    dataStatus: (_input: OperationInput<'dataStatus'>): DataStatus => options.status?.() ?? { generation: 0, coreRestarts: 0 },
  } satisfies Handlers;
}
