// The caller's side of the core worker: one method per call, results as promises. A worker that
// dies (exits, throws outside a call, runs out of its heap) fails every pending call at once, is
// logged (error-log.ts) and restarted on the database it had open; a crash loop is stopped.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { isWorkspaceOperation, type OperationName, type OperationResults, type WorkspaceState } from '../../shared/api/operations';
import type { OperationParsed } from '../../shared/api/parse-input';
import { movableBuffers } from '../ingest/movable-buffers';
import type { ImportProgress } from '../../shared/api/import';
import type { CallError, CallOutcome } from '../../shared/api/call-outcome';
import type { TestFault, TestFaultMessage, WorkerMessage, WorkerStart } from './core-protocol';
import { userDataFolder } from '../runtime/default-db';
import { callError } from './call-errors';
import { ERROR_LOG_FILE, logBug } from './error-log';

export interface CoreClientOptions {
  /** The database to open (created empty when new); null: none until the page chooses. */
  dbPath: string | null;
  /** Open the per-user demo database instead (built on first use). */
  demo?: boolean;
  /** The per-user folder (demo.db, settings, logs/errors.log); default userDataFolder(). */
  home?: string;
  /** A bundled worker script (Electron build); by default the sources are run through tsx. */
  workerScript?: string;
  env?: NodeJS.ProcessEnv;
  /** The worker's heap bound in MB; default CORE_WORKER_HEAP_MB. */
  heapMb?: number;
}

/** The core worker's heap bound (the slice engine's typed arrays live outside it). */
export const CORE_WORKER_HEAP_MB = Number(process.env.CAMPAIGN_CORE_WORKER_HEAP_MB || 4096);
/** This many deaths within CRASH_WINDOW_MS and the worker is not restarted again (a crash loop). */
export const MAX_CRASHES = 3;
export const CRASH_WINDOW_MS = 60_000;

interface PendingCall {
  op: OperationName;
  resolve: (o: CallOutcome) => void;
  onProgress?: (p: ImportProgress) => void;
}

function isOutOfMemory(cause: unknown): boolean {
  return cause instanceof Error && 'code' in cause && cause.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

export class CoreClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  /** The first worker started: rejects when it could not open what it was started on. */
  readonly ready: Promise<void>;
  /** The running worker's start: null once ready, or why it could not start. */
  private started: Promise<CallError | null>;
  /** Where a restarted worker opens: what the session had open last. */
  private start: WorkerStart;
  private readonly script: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly heapMb: number;
  private readonly crashes: number[] = [];
  private restarts = 0;
  /** Set after a crash loop: every call fails with it. */
  private stopped: CallError | null = null;
  private closing = false;

  constructor(options: CoreClientOptions) {
    this.start = { dbPath: options.dbPath, demo: options.demo ?? false, home: options.home ?? userDataFolder() };
    let script = options.workerScript;
    if (!script) {
      const entry = new URL('./core-worker.ts', import.meta.url);
      if (!existsSync(fileURLToPath(entry))) throw new Error('core-worker.ts not found: pass workerScript for a bundled build');
      this.start.entry = entry.href;
      script = fileURLToPath(new URL('../runtime/worker-bootstrap.mjs', import.meta.url));
    }
    this.script = script;
    this.env = options.env ?? process.env;
    this.heapMb = options.heapMb ?? CORE_WORKER_HEAP_MB;
    const first = this.spawn();
    this.worker = first.worker;
    this.started = first.started;
    this.ready = first.started.then((failure) => {
      if (failure) throw new Error(failure.message);
    });
    // Who awaits `ready` sees the failure; calls get it as their outcome: not an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  private spawn(): { worker: Worker; started: Promise<CallError | null> } {
    // A heap bound of its own, so a worker that still runs out dies alone and the process carries on.
    const worker = new Worker(this.script, {
      workerData: { ...this.start, restarts: this.restarts } satisfies WorkerStart,
      env: this.env,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    let isReady = false;
    let gone = false;
    const started = new Promise<CallError | null>((resolve) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          isReady = true;
          resolve(null);
        } else if (m.type === 'failed') {
          // Could not open its database: not a crash to restart, the error every call gets.
          gone = true;
          resolve(m.error);
        } else if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.progress);
        else if (m.type === 'result') this.settle(m.id, m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
      });
      // 'error' (an exception outside a call, out of memory) comes before 'exit': the first says why.
      const onDeath = (cause: unknown) => {
        if (gone) return;
        gone = true;
        // Terminated by close(): neither a failure to start nor a crash.
        if (this.closing) return resolve(null);
        if (!isReady) return resolve(callError(cause, this.start.home, 'core-worker start'));
        this.died(worker, cause);
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => onDeath(new Error(`core worker exited with code ${code}`)));
    });
    return { worker, started };
  }

  private settle(id: number, outcome: CallOutcome): void {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p) return;
    // A restarted worker opens what the session had open last.
    if (outcome.ok && isWorkspaceOperation(p.op)) {
      const state = outcome.result as WorkspaceState;
      if (p.op === 'openDemo') this.start = { ...this.start, demo: true, dbPath: null };
      else if (state.path !== null) this.start = { ...this.start, demo: false, dbPath: state.path };
    }
    p.resolve(outcome);
  }

  private died(worker: Worker, cause: unknown): void {
    if (this.closing || worker !== this.worker) return;
    const oom = isOutOfMemory(cause);
    const { id } = logBug(this.start.home, cause, { operation: oom ? 'core-worker died: out of memory' : 'core-worker died' });
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && this.crashes[0]! <= now - CRASH_WINDOW_MS) this.crashes.shift();
    const stop = this.crashes.length >= MAX_CRASHES;
    const why = oom ? '数据处理进程内存不足，意外退出' : '数据处理进程意外退出';
    const error: CallError = stop
      ? {
          message: `${why}：1 分钟内已退出 ${this.crashes.length} 次，已停止自动重启；请关闭并重新启动工作站（错误编号 ${id}，详情已记入 ${ERROR_LOG_FILE}）`,
          user: true,
          coreRestart: 'stopped',
          coreRestarts: this.restarts,
        }
      : {
          message: `${why}，已自动重启；请重试刚才的操作${oom ? '（可先缩小筛选范围）' : ''}（错误编号 ${id}，详情已记入 ${ERROR_LOG_FILE}）`,
          user: true,
          coreRestart: 'restarted',
          coreRestarts: this.restarts + 1,
        };
    for (const p of this.pending.values()) p.resolve({ ok: false, error });
    this.pending.clear();
    if (stop) {
      this.stopped = error;
      return;
    }
    this.restarts += 1;
    const next = this.spawn();
    this.worker = next.worker;
    this.started = next.started;
  }

  /** Resolves to an outcome, never rejects for an operation's own errors nor for a dead worker. */
  async call<K extends OperationName>(
    op: K,
    input: OperationParsed<K>,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<CallOutcome<OperationResults[K]>> {
    for (;;) {
      if (this.stopped) return { ok: false, error: this.stopped };
      if (this.closing) return { ok: false, error: { message: '工作站正在关闭', user: true } };
      const starting = this.started;
      const failure = await starting;
      // The worker died (and another is starting) while this call waited: wait for that one.
      if (starting !== this.started) continue;
      if (failure) return { ok: false, error: failure };
      const id = this.nextId++;
      return new Promise((resolve) => {
        this.pending.set(id, { op, resolve: resolve as (o: CallOutcome) => void, ...(onProgress ? { onProgress } : {}) });
        // An import's files are moved to the worker, not copied: the caller must not use their bytes afterwards.
        this.worker.postMessage({ id, op, input }, op === 'import' ? movableBuffers((input as OperationParsed<'import'>).files) : []);
      });
    }
  }

  /** How often the worker was restarted after dying. */
  get restartCount(): number {
    return this.restarts;
  }

  /** Tests only: the worker honours it only with CAMPAIGN_TEST_HOOKS=1 in its environment. */
  injectTestFault(fault: TestFault): void {
    this.worker.postMessage({ type: 'test-fault', fault } satisfies TestFaultMessage);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const p of this.pending.values()) p.resolve({ ok: false, error: { message: '工作站正在关闭', user: true } });
    this.pending.clear();
    await this.worker.terminate();
  }
}
