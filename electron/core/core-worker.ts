// The thread that owns the database: opens the one it is started on (or none, until the page
// chooses), and answers calls off the window's and the web server's threads. Writes run one at a
// time, in order; reads are answered at once, during an import too (call-queue.ts). Switching the
// database (打开 / 新建 / 演示数据) is a write like the others.
import { parentPort, workerData } from 'node:worker_threads';
import { createSession, NO_DATABASE_MESSAGE, openAtStart } from './session';
import { UserError } from '../../shared/errors';
import { isOperationName, isWorkspaceOperation } from '../../shared/api/operations';
import type { CallError } from '../../shared/api/call-outcome';
import type { CallMessage, TestFaultMessage, WorkerMessage, WorkerStart } from './core-protocol';
import { CallQueue, isWriteOperation } from './call-queue';
import { callError } from './call-errors';
import { watchExternalChanges } from './external-changes';
import { isTestFaultMessage, testFaults } from './test-faults';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const start = workerData as WorkerStart;
// Bugs go to the per-user error log; the page gets their id (call-errors.ts).
const asError = (caught: unknown, operation: string, input?: unknown): CallError => callError(caught, start.home, operation, input);

try {
  // The write under way: the only kind of call that reports progress (imports), one at a time.
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
    if (open && !writing) externalChanges.check(open.engine);
  };
  openAtStart(session, start);
  const queue = new CallQueue();
  // The slice engine is loaded as soon as a database is open, while the page loads, not on the
  // first query (the load is synchronous: calls that come meanwhile wait for it). A failure here
  // is not the queue's: the first query meets it again and reports it.
  const warmEngine = () =>
    queue.write(() => {
      reloadIfChangedElsewhere();
      session.current()?.engine.get();
    });
  // While a write runs, its own commit (the import's writer thread) is not another program's.
  let writing = false;
  port.on('message', (m: CallMessage | TestFaultMessage) => {
    if (isTestFaultMessage(m)) return faults.arm(m);
    const write = isWriteOperation(m.op);
    (write ? queue.write.bind(queue) : queue.read.bind(queue))(async () => {
      if (write) current = m.id;
      try {
        faults.fire();
        reloadIfChangedElsewhere();
        if (write) writing = true;
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
      } finally {
        if (write) writing = false;
      }
    });
  });
  post({ type: 'ready' });
  warmEngine();
} catch (e) {
  post({ type: 'failed', error: asError(e, 'start') });
}
