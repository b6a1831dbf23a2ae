// The caller's side of the core worker: one method per call, results as promises.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { OperationName, OperationResults } from '../../shared/api/operations';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { ImportProgress } from '../../shared/api/import';
import type { CallOutcome, WorkerMessage, WorkerStart } from './core-protocol';
import { userDataFolder } from '../runtime/default-db';
import { movableBuffers } from '../ingest/movable-buffers';

export interface CoreClientOptions {
  /** The database to open (created empty when new); null: none until the page chooses. */
  dbPath: string | null;
  /** Open the per-user demo database instead (built on first use). */
  demo?: boolean;
  /** The per-user folder (demo.db, settings); default userDataFolder(). */
  home?: string;
  /** A bundled worker script (Electron build); by default the sources are run through tsx. */
  workerScript?: string;
  env?: NodeJS.ProcessEnv;
}

/** The core worker's heap bound (the slice engine's typed arrays live outside it). */
export const CORE_WORKER_HEAP_MB = Number(process.env.CAMPAIGN_CORE_WORKER_HEAP_MB || 4096);

export class CoreClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: CallOutcome) => void; onProgress?: (p: ImportProgress) => void }>();
  readonly ready: Promise<void>;

  constructor(options: CoreClientOptions) {
    const start: WorkerStart = { dbPath: options.dbPath, demo: options.demo ?? false, home: options.home ?? userDataFolder() };
    let script = options.workerScript;
    if (!script) {
      const entry = new URL('./core-worker.ts', import.meta.url);
      if (!existsSync(fileURLToPath(entry))) throw new Error('core-worker.ts not found: pass workerScript for a bundled build');
      start.entry = entry.href;
      script = fileURLToPath(new URL('../runtime/worker-bootstrap.mjs', import.meta.url));
    }
    // A heap bound of its own, so a worker that still runs out dies alone and the process carries on.
    this.worker = new Worker(script, { workerData: start, env: options.env ?? process.env, resourceLimits: { maxOldGenerationSizeMb: CORE_WORKER_HEAP_MB } });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(m.error.message));
        else if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.progress);
        else if (m.type === 'result') {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
        }
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', (e) => {
        reject(e);
        for (const p of this.pending.values()) p.resolve({ ok: false, error: { message: String(e), user: false } });
        this.pending.clear();
      });
    });
  }

  /** Resolves to an outcome, never rejects for an operation's own errors. `input` was validated where the call entered. */
  async call<K extends OperationName>(
    op: K,
    input: OperationParsed<K>,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<CallOutcome<OperationResults[K]>> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as (o: CallOutcome) => void, ...(onProgress ? { onProgress } : {}) });
      // An import's files are moved to the worker, not copied: the caller must not use their bytes afterwards.
      this.worker.postMessage({ id, op, input }, op === 'import' ? movableBuffers((input as OperationParsed<'import'>).files) : []);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
