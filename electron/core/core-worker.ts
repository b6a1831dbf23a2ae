// The thread that owns the database: opens the one it is started on (or none, until the page
// chooses), and answers calls off the window's and the web server's threads. Writes run one at a
// time, in order; reads are answered at once, during an import too (call-queue.ts). Switching the
// database (打开 / 新建 / 演示数据) is a write like the others.
import { parentPort, workerData } from 'node:worker_threads';
import { createSession, NO_DATABASE_MESSAGE, openAtStart } from './session';
import { UserError } from '../../shared/errors';
import { asUserFacing } from '../store/sqlite-errors';
import { isOperationName, isWorkspaceOperation } from '../../shared/api/operations';
import type { CallError, CallMessage, WorkerMessage, WorkerStart } from './core-protocol';
import { CallQueue, isWriteOperation } from './call-queue';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const asError = (caught: unknown): CallError => {
  const e = asUserFacing(caught);
  return e instanceof UserError ? { message: e.message, user: true } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false };
};

const start = workerData as WorkerStart;
try {
  // The write under way: the only kind of call that reports progress (imports), one at a time.
  let current = 0;
  const session = createSession({ home: start.home, onImportProgress: (progress) => post({ type: 'progress', id: current, progress }) });
  openAtStart(session, start);
  const queue = new CallQueue();
  // The slice engine is loaded as soon as a database is open, while the page loads, not on the
  // first query (the load is synchronous: calls that come meanwhile wait for it). A failure here
  // is not the queue's: the first query meets it again and reports it.
  const warmEngine = () => queue.write(() => void session.current()?.engine.get());
  port.on('message', (m: CallMessage) => {
    const write = isWriteOperation(m.op);
    (write ? queue.write.bind(queue) : queue.read.bind(queue))(async () => {
      if (write) current = m.id;
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
