// The thread that owns the database: opens the one it is started on (or none, until the page
// chooses), and answers calls one at a time, so a long import never blocks the window or the web
// server. Switching the database (打开 / 新建 / 演示数据) is a call like any other, in the same queue.
import { parentPort, workerData } from 'node:worker_threads';
import { createSession, NO_DATABASE_MESSAGE, openAtStart } from './session';
import { UserError } from '../../shared/errors';
import { isOperationName, isWorkspaceOperation } from '../../shared/api/operations';
import type { CallError, CallMessage, TestFaultMessage, WorkerMessage, WorkerStart } from './core-protocol';
import { callError } from './call-errors';
import { watchExternalChanges } from './external-changes';
import { isTestFaultMessage, testFaults } from './test-faults';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const start = workerData as WorkerStart;
// Bugs go to the per-user error log; the page gets their id (call-errors.ts).
const asError = (caught: unknown, operation: string, input?: unknown): CallError => callError(caught, start.home, operation, input);

try {
  let current = 0;
  const externalChanges = watchExternalChanges();
  const faults = testFaults();
  const session = createSession({
    home: start.home,
    onImportProgress: (progress) => post({ type: 'progress', id: current, progress }),
    status: () => ({ generation: externalChanges.generation(), coreRestarts: start.restarts ?? 0 }),
  });
  // Another program (a CLI import or undo) wrote the open file: the engine is loaded again.
  const reloadIfChangedElsewhere = () => {
    const open = session.current();
    if (open) externalChanges.check(open.ws.db, () => open.engine.reset());
  };
  openAtStart(session, start);
  // Calls run strictly in order: an import's awaits must not let a query see half a state.
  let queue: Promise<void> = Promise.resolve();
  // The slice engine is loaded as soon as a database is open, while the page loads, not on the
  // first query; calls that come meanwhile wait behind it, in order, as always. A failure here is
  // not the queue's: the first query meets it again and reports it.
  const warmEngine = () => {
    queue = queue
      .then(() => {
        reloadIfChangedElsewhere();
        session.current()?.engine.get();
      })
      .catch(() => undefined);
  };
  port.on('message', (m: CallMessage | TestFaultMessage) => {
    if (isTestFaultMessage(m)) return faults.arm(m);
    queue = queue.then(async () => {
      current = m.id;
      try {
        faults.fire();
        reloadIfChangedElsewhere();
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
        post({ type: 'result', id: m.id, ok: false, error: asError(e, String(m.op), m.input) });
      }
    });
  });
  post({ type: 'ready' });
  warmEngine();
} catch (e) {
  post({ type: 'failed', error: asError(e, 'start') });
}
