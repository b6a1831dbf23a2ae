// The validation worker: reads and checks the files of large imports on its own core while the
// import's thread writes the facts already checked (see validation-stream.ts). Files are taken
// one at a time, in the order they were sent.
import { parentPort } from 'node:worker_threads';
import { resolveCacheFor, runValidation, type WorkerReply, type WorkerRequest } from './validation-stream';

const port = parentPort!;
let last: ReturnType<typeof resolveCacheFor> | null = null;
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const post = (reply: WorkerReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
    try {
      last = resolveCacheFor(request.catalogue, last);
      await runValidation(request.name, request.bytes, last.cache, (event, transfer) => post({ id: request.id, event }, transfer));
    } catch (e) {
      post({ id: request.id, failed: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
