// The thread that owns the database: opens the one it is started on (or none, until the page
// chooses), and answers calls one at a time, so a long import never blocks the window or the web
// server. Switching the database (打开 / 新建 / 演示数据) is a call like any other, in the same queue.
import { parentPort, workerData } from 'node:worker_threads';
import { createSession, NO_DATABASE_MESSAGE, openAtStart } from './session';
import { UserError } from '../../shared/errors';
import { asUserFacing } from '../store/sqlite-errors';
import { isOperationName, isWorkspaceOperation } from '../../shared/api/operations';
import type { CallError, CallMessage, WorkerMessage, WorkerStart } from './core-protocol';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const asError = (caught: unknown): CallError => {
  const e = asUserFacing(caught);
  return e instanceof UserError ? { message: e.message, user: true } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false };
};

const start = workerData as WorkerStart;
try {
  let current = 0;
  const session = createSession({ home: start.home, onImportProgress: (progress) => post({ type: 'progress', id: current, progress }) });
  openAtStart(session, start);
  // Calls run strictly in order: an import's awaits must not let a query see half a state.
  let queue: Promise<void> = Promise.resolve();
  // The slice engine is loaded as soon as a database is open, while the page loads, not on the
  // first query; calls that come meanwhile wait behind it, in order, as always. A failure here is
  // not the queue's: the first query meets it again and reports it.
  const warmEngine = () => {
    queue = queue.then(() => void session.current()?.engine.get()).catch(() => undefined);
  };
  port.on('message', (m: CallMessage) => {
    queue = queue.then(async () => {
      current = m.id;
      try {
        if (!isOperationName(m.op)) throw new UserError(`未知操作 ${String(m.op)}`);
        if (isWorkspaceOperation(m.op)) {
          const handler = session[m.op] as (input: unknown) => unknown;
          const before = session.current();
          post({ type: 'result', id: m.id, ok: true, result: handler(m.input) });
          if (session.current() !== before) warmEngine();
          return;
        }
        const open = session.current();
        if (!open) throw new UserError(NO_DATABASE_MESSAGE);
        const handler = open.core[m.op] as (input: unknown) => unknown;
        post({ type: 'result', id: m.id, ok: true, result: await handler(m.input) });
      } catch (e) {
        post({ type: 'result', id: m.id, ok: false, error: asError(e) });
      }
    });
  });
  post({ type: 'ready' });
  warmEngine();
} catch (e) {
  post({ type: 'failed', error: asError(e) });
}
