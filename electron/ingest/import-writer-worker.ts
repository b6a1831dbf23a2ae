// The import writer thread: one import, on its own connection to the core's database file, so the
// core thread keeps answering queries from the last committed state (WAL) while this one holds the
// write transaction. It exits when the import is done; the transaction is all or nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../core/workspace';
import { UserError } from '../../shared/errors';
import { asUserFacing } from '../store/sqlite-errors';
import { importFilesTouching } from './import-files';
import type { WriterMessage, WriterStart } from './import-writer-protocol';

const port = parentPort!;
const post = (m: WriterMessage) => port.postMessage(m);
const start = workerData as WriterStart;

async function run(): Promise<void> {
  const ws = openWorkspace(start.dbPath);
  let outcome;
  try {
    outcome = await importFilesTouching(ws, start.files, { replace: start.replace, rejects: start.rejects }, (progress) => post({ type: 'progress', progress }));
  } finally {
    ws.close(); // before the answer: the core goes on with the file as this connection left it
  }
  post({ type: 'done', ...outcome });
}

run().catch((caught: unknown) => {
  const e = asUserFacing(caught, start.dbPath);
  post(e instanceof UserError ? { type: 'failed', message: e.message, user: true } : { type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false });
});
