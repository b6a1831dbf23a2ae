// The core's side of an import written off its thread: the writer thread (import-writer-worker.ts)
// opens its own connection to the database and holds the write transaction, while the core's
// connection is held on the last committed state (one read transaction), so every read answered
// meanwhile — from the slice engine or from SQL — sees the database as it was before the import,
// until the import has ended. Progress events are passed on; the writer's errors come back as the
// same errors an in-process import throws.
import type { Worker } from 'node:worker_threads';
import { isWorkerOutOfMemory, spawnIngestWorker } from './spawn-worker';
import { refuseImportOnBundle, type Workspace } from '../store/workspace';
import type { ImportOptions, ImportProgress } from '../../shared/api/import';
import { UserError } from '../../shared/errors';
import type { ImportOutcome } from './import-files';
import type { WriterReply, WriterRequest } from './import-writer-protocol';
import { movableBuffers } from './movable-buffers';

/** The writer thread's heap bound (CAMPAIGN_IMPORT_WRITER_HEAP_MB): a file that exhausts it ends the import alone. */
export const IMPORT_WRITER_LIMITS = { maxOldGenerationSizeMb: Number(process.env.CAMPAIGN_IMPORT_WRITER_HEAP_MB || 3072) };

const OUT_OF_MEMORY = '导入失败：写入所需内存超过上限，导入线程已停止，数据库未改动。请将文件拆分为多个较小的文件后再导入';

interface Pending {
  resolve: (o: ImportOutcome) => void;
  reject: (e: Error) => void;
  onProgress: ((p: ImportProgress) => void) | undefined;
}

/**
 * The writer thread: started at the first import (not with the database: loading its code would
 * compete with the page's first requests) and kept (unreferenced while idle), since starting it
 * and loading the import's code costs more than a small import. If it dies, the
 * imports it held fail and the next one starts a new thread.
 */
class ImportWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  run(request: Omit<WriterRequest, 'id'>, onProgress: ((p: ImportProgress) => void) | undefined): Promise<ImportOutcome> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.ref();
      worker.postMessage({ id, ...request } satisfies WriterRequest, movableBuffers(request.files));
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnIngestWorker('import-writer-worker', IMPORT_WRITER_LIMITS);
    worker.on('message', (m: WriterReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m.progress);
      this.settle(m.id);
      if (m.type === 'done') p.resolve({ report: m.report, days: m.days });
      else p.reject(m.user ? new UserError(m.message) : new Error(m.message));
    });
    const fail = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e: Error & { code?: string }) => fail(isWorkerOutOfMemory(e) ? new UserError(OUT_OF_MEMORY) : e));
    worker.on('exit', (code) => fail(new Error(`导入写入线程意外退出（代码 ${code}）`)));
    worker.unref();
    return (this.worker = worker);
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }
}

let shared: ImportWriter | null = null;

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

/**
 * Runs the import in a writer thread; resolves once it has ended and `ws.db` sees its result. The
 * files' bytes are moved to the writer: the caller must not use them afterwards.
 */
export async function importOffThread(
  ws: Workspace,
  files: { name: string; bytes: Uint8Array }[],
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  // The writer thread opens the file by its path: a 督导包's is sealed, and its data only in memory.
  refuseImportOnBundle(ws);
  const snapshot = holdSnapshot(ws.db);
  try {
    return await (shared ??= new ImportWriter()).run(
      { dbPath: ws.path, files, replace: options.replace ?? false, rejects: options.rejects ?? false },
      onProgress,
    );
  } finally {
    snapshot.end();
  }
}
