// Running from source: a worker thread does not inherit tsx from its parent, so register it here
// and then load the TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
