// The import's worker threads (validation, writer) start the same way: bundled (the Electron app,
// the CLI bundle), `NAME.cjs` stands next to the bundle that starts it; from sources, the .ts
// entry runs through tsx by way of the worker bootstrap. Each has a heap bound of its own, so a
// file that exhausts it ends that worker alone, not the process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `name`: the entry beside this module (`name.ts`) and its bundled script (`name.cjs`). */
export function spawnIngestWorker(name: string, resourceLimits: ResourceLimits): Worker {
  const bundled = fileURLToPath(new URL(`./${name}.cjs`, import.meta.url));
  if (existsSync(bundled)) return new Worker(bundled, { resourceLimits });
  const entry = new URL(`./${name}.ts`, import.meta.url);
  const bootstrap = fileURLToPath(new URL('../runtime/worker-bootstrap.mjs', import.meta.url));
  return new Worker(bootstrap, { workerData: { entry: entry.href }, resourceLimits });
}

/** The error a worker dies of when it ran out of its heap bound. */
export function isWorkerOutOfMemory(e: Error & { code?: string }): boolean {
  return e.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
