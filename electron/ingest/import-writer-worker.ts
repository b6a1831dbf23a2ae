// The import writer thread: imports on its own connection to the core's database file, so the
// core thread keeps answering queries from the last committed state (WAL) while this one holds the
// write transaction (all or nothing). One import at a time, in the order sent. The connection is
// opened per import (cheap) and closed before the answer, so no handle outlives the import.
import { parentPort } from 'node:worker_threads';
import { openWorkspace } from '../store/workspace';
import { UserError } from '../../shared/errors';
import { asUserFacing } from '../store/sqlite-errors';
import { importFilesTouching, type ImportOutcome } from './import-files';
import type { WriterReply, WriterRequest } from './import-writer-protocol';

const port = parentPort!;
const post = (m: WriterReply) => port.postMessage(m);
let queue: Promise<void> = Promise.resolve();

async function runImport(request: WriterRequest): Promise<ImportOutcome> {
  const ws = openWorkspace(request.dbPath);
  try {
    return await importFilesTouching(ws, request.files, { replace: request.replace, rejects: request.rejects }, (progress) =>
      post({ id: request.id, type: 'progress', progress }),
    );
  } finally {
    ws.close();
  }
}

port.on('message', (request: WriterRequest) => {
  queue = queue.then(async () => {
    const { id } = request;
    try {
      post({ id, type: 'done', ...(await runImport(request)) });
    } catch (caught) {
      const e = asUserFacing(caught, request.dbPath);
      post(
        e instanceof UserError
          ? { id, type: 'failed', message: e.message, user: true }
          : { id, type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false },
      );
    }
  });
});
