// One implementation per operation, shared by the CLI, Electron IPC and the web server.
import type * as z from 'zod';
import { OperationInputs, type DataInfo, type OperationInput, type OperationName, type OperationResults } from '../../shared/api/operations';
import type { ImportOptions, ImportProgress, ImportReport } from '../../shared/api/import';
import { UserError } from '../../shared/errors';
import { isoDay } from '../../shared/dates';
import type { Workspace } from './workspace';
import { runSlice } from '../query/slice';
import { runCompleteness } from '../query/completeness';
import { createFactSource } from '../query/engine';
import type { FactSource } from '../query/fact-source';
import { importFiles, type ImportInput } from '../ingest/import-files';
import { listBatches, undoBatch } from '../ingest/undo';

export type Handlers = {
  [K in OperationName]: (input: OperationInput<K>) => OperationResults[K];
};

function parse<K extends OperationName>(name: K, input: unknown): z.output<(typeof OperationInputs)[K]> {
  const result = OperationInputs[name].safeParse(input);
  if (!result.success) throw new UserError(result.error.issues.map((i) => `${i.path.join('.') || name}: ${i.message}`).join('；'));
  return result.data as z.output<(typeof OperationInputs)[K]>;
}

export interface Core extends Handlers {
  /** Async because XLSX reading is; writes nothing unless every file is valid. */
  import(files: ImportInput, options?: ImportOptions, onProgress?: (p: ImportProgress) => void): Promise<ImportReport>;
}

export function createCore(ws: Workspace): Core {
  let source: FactSource | null = null;
  const engine = (): FactSource => (source ??= createFactSource(ws));
  // Writes change the facts under the engine; it is rebuilt on the next query.
  const afterWrite = () => {
    source = null;
  };

  return {
    catalogue: () => ws.catalogue,
    info: (): DataInfo => {
      const stats = ws.db
        .prepare('SELECT COUNT(*) AS facts, MIN(day) AS min, MAX(day) AS max, COUNT(DISTINCT region_code) AS units FROM fact')
        .get() as { facts: number; min: number | null; max: number | null; units: number };
      const indicators = (ws.db.prepare('SELECT COUNT(DISTINCT indicator_id) AS n FROM fact').get() as { n: number }).n;
      return {
        path: ws.path,
        schemaVersion: ws.db.pragma('user_version', { simple: true }) as number,
        facts: stats.facts,
        from: stats.min === null ? null : isoDay(stats.min),
        to: stats.max === null ? null : isoDay(stats.max),
        reportingUnits: stats.units,
        indicators,
        batches: listBatches(ws),
      };
    },
    query: (input) => runSlice(ws.resolver, engine(), parse('query', input)),
    completeness: (input) => runCompleteness(ws.db, ws.resolver, parse('completeness', input)),
    undo: (input) => {
      const result = undoBatch(ws, parse('undo', input).batchId);
      afterWrite();
      return result;
    },
    import: async (files, options = {}, onProgress) => {
      const report = await importFiles(ws, files, options, onProgress);
      if (report.files.some((f) => f.status === 'imported')) afterWrite();
      return report;
    },
  };
}
