// The thread that owns the database: opens it, builds the demo on first run, and answers calls
// one at a time, so a long import never blocks the window or the web server.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from './workspace';
import { createCore, engineHolder } from './handlers';
import { buildDemo } from '../demo/generate';
import { UserError } from '../../shared/errors';
import type { CallError, CallMessage, WorkerMessage, WorkerStart } from './core-protocol';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const asError = (e: unknown): CallError =>
  e instanceof UserError ? { message: e.message, user: true } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false };

const start = workerData as WorkerStart;
try {
  const ws = openWorkspace(start.dbPath);
  if (start.demoIfEmpty && !ws.db.prepare('SELECT 1 FROM fact_day_column LIMIT 1').get()) buildDemo(ws);
  let current = 0;
  const engine = engineHolder(ws);
  const core = createCore(ws, { engine, onImportProgress: (progress) => post({ type: 'progress', id: current, progress }) });
  // Calls run strictly in order: an import's awaits must not let a query see half a state.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: CallMessage) => {
    queue = queue.then(async () => {
      current = m.id;
      try {
        const handler = core[m.op] as (input: unknown) => unknown;
        if (typeof handler !== 'function') throw new UserError(`未知操作 ${String(m.op)}`);
        post({ type: 'result', id: m.id, ok: true, result: await handler(m.input) });
      } catch (e) {
        post({ type: 'result', id: m.id, ok: false, error: asError(e) });
      }
    });
  });
  post({ type: 'ready' });
  // The slice engine is loaded now, while the window or the browser loads the page, not on the
  // first query; calls that come meanwhile wait behind it, in order, as always. A failure here is
  // not the queue's: the first query meets it again and reports it.
  queue = queue.then(() => void engine.get()).catch(() => undefined);
} catch (e) {
  post({ type: 'failed', error: asError(e) });
}
