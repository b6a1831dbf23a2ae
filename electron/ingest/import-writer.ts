// The core's side of an import written off its thread: the writer thread (import-writer-worker.ts)
// opens its own connection to the database and holds the write transaction, while the core's
// connection is held on the last committed state (one read transaction), so every read answered
// meanwhile — from the slice engine or from SQL — sees the database as it was before the import,
// until the import has ended. Progress events are passed on; the writer's errors come back as the
// same errors an in-process import throws.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Workspace } from '../core/workspace';
import type { ImportOptions, ImportProgress } from '../../shared/api/import';
import { UserError } from '../../shared/errors';
import type { ImportOutcome } from './import-files';
import type { WriterMessage, WriterStart } from './import-writer-protocol';

/** The writer thread's heap bound (CAMPAIGN_IMPORT_WRITER_HEAP_MB): a file that exhausts it ends the import alone. */
export const IMPORT_WRITER_LIMITS = { maxOldGenerationSizeMb: Number(process.env.CAMPAIGN_IMPORT_WRITER_HEAP_MB || 3072) };

const OUT_OF_MEMORY = '导入失败：写入所需内存超过上限，导入线程已停止，数据库未改动。请将文件拆分为多个较小的文件后再导入';

/** Bundled (Electron): import-writer.cjs next to this bundle; from source: the .ts through tsx. */
function spawnWriter(start: WriterStart): Worker {
  const bundled = fileURLToPath(new URL('./import-writer.cjs', import.meta.url));
  if (existsSync(bundled)) return new Worker(bundled, { workerData: start, resourceLimits: IMPORT_WRITER_LIMITS });
  const entry = new URL('./import-writer-worker.ts', import.meta.url);
  const bootstrap = fileURLToPath(new URL('../core/worker-bootstrap.mjs', import.meta.url));
  return new Worker(bootstrap, { workerData: { ...start, entry: entry.href }, resourceLimits: IMPORT_WRITER_LIMITS });
}

/**
 * Holds `db` on its last committed state until `end()`: a read transaction begun now. Reads on
 * the connection meanwhile (savepoints nest inside it) see no commit of another connection.
 */
function holdSnapshot(db: Workspace['db']): { end(): void } {
  if (db.inTransaction) return { end: () => undefined }; // already held: the holder ends it
  db.exec('BEGIN');
  db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get(); // a deferred BEGIN takes its snapshot at the first read
  return {
    end: () => {
      if (db.inTransaction) db.exec('COMMIT');
    },
  };
}

/** Runs the import in a writer thread; resolves once it has ended and `ws.db` sees its result. */
export async function importOffThread(
  ws: Workspace,
  files: { name: string; bytes: Uint8Array }[],
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  const snapshot = holdSnapshot(ws.db);
  try {
    const writer = spawnWriter({ dbPath: ws.path, files, replace: options.replace ?? false, rejects: options.rejects ?? false });
    return await new Promise<ImportOutcome>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        f();
        void writer.terminate();
      };
      writer.on('message', (m: WriterMessage) => {
        if (m.type === 'progress') onProgress?.(m.progress);
        else if (m.type === 'done') settle(() => resolve({ report: m.report, days: m.days }));
        else settle(() => reject(m.user ? new UserError(m.message) : new Error(m.message)));
      });
      writer.on('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new UserError(OUT_OF_MEMORY) : e)));
      writer.on('exit', (code) => settle(() => reject(new Error(`导入写入线程意外退出（代码 ${code}）`))));
    });
  } finally {
    snapshot.end();
  }
}
