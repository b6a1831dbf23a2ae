// Validation of one file as a stream of events — its facts in chunks while the rows are read, then
// a summary — so that the import can write the first facts while the rest of the file is still
// being read. The same events come from the import's own thread (small files) or from the
// validation worker (large ones: reading and writing then run on two cores at once).
import type { Worker } from 'node:worker_threads';
import { isWorkerOutOfMemory, spawnIngestWorker } from './spawn-worker';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { ImportFormat, ImportProgress, TextEncodingLabel } from '../../shared/api/import';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import { UserError } from '../../shared/errors';
import { chunkBuffers, type FactBuffer, type FactChunk } from '../store/facts/fact-buffer';
import { IssueList, type IssueSnapshot } from './issues';
import { ResolveCache, type RecognisedSheet } from './validate';
import { validateFile } from './validate-file';

export interface ValidationSummary {
  /** False when the file is no table at all (unsupported type, empty, unreadable XLSX). */
  readable: boolean;
  format: ImportFormat | null;
  sheets: RecognisedSheet[];
  skippedSheets: string[];
  encoding: TextEncodingLabel | null;
  issues: IssueSnapshot;
  /** The file's fact keys in ascending order. */
  sortedKeys: Float64Array;
  /** Values as typed where that differs from the number (FactBuffer.keepRaw). */
  raw: [number, string][];
  facts: number;
}

export type ValidationEvent =
  { type: 'progress'; progress: ImportProgress } | { type: 'facts'; chunk: FactChunk } | { type: 'summary'; summary: ValidationSummary };

type Emit = (event: ValidationEvent, transfer?: ArrayBuffer[]) => void;

/** Facts per chunk: small enough for the writer to start early, large enough to cost nothing. */
const CHUNK_FACTS = 16_384;

/** Validates one file, emitting its facts in chunks as they are read, then the summary. */
export async function runValidation(name: string, bytes: Uint8Array, cache: ResolveCache, emit: Emit): Promise<void> {
  const issues = new IssueList(name);
  let sent = 0;
  const ship = (facts: FactBuffer, min: number) => {
    if (facts.length - sent < min) return;
    const chunk = facts.chunk(sent, facts.length);
    sent = facts.length;
    emit({ type: 'facts', chunk }, chunkBuffers(chunk));
  };
  // Every valid fact is shipped, also from a file with errors: the writer checks them all against
  // stored data, so one pass reports the conflicts beside the file's own errors.
  const v = await validateFile(
    name,
    bytes,
    cache,
    issues,
    (progress) => emit({ type: 'progress', progress }),
    (f, final) => ship(f, final ? 1 : CHUNK_FACTS),
  );
  const sortedKeys = v ? v.sortedKeys.slice() : new Float64Array(0);
  const summary: ValidationSummary = {
    readable: v !== null,
    format: v?.format ?? null,
    sheets: v?.sheets ?? [],
    skippedSheets: v?.skippedSheets ?? [],
    encoding: v?.encoding ?? null,
    issues: issues.snapshot(),
    sortedKeys,
    raw: v?.facts.rawEntries() ?? [],
    facts: v?.facts.length ?? 0,
  };
  emit({ type: 'summary', summary }, [sortedKeys.buffer]);
}

/** Events pushed by one side, taken with `for await` by the other. */
class EventQueue implements AsyncIterable<ValidationEvent> {
  private readonly items: ValidationEvent[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private error: Error | null = null;

  push(e: ValidationEvent): void {
    this.items.push(e);
    if (e.type === 'summary') this.ended = true;
    this.wake?.();
  }

  fail(error: Error): void {
    this.error = error;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ValidationEvent> {
    let next = 0;
    for (;;) {
      if (next < this.items.length) {
        const e = this.items[next]!;
        this.items[next++] = undefined as unknown as ValidationEvent; // let the chunk go once taken
        yield e;
        continue;
      }
      if (this.error) throw this.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

export interface WorkerRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  catalogue: Catalogue;
}
export type WorkerReply = { id: number; event: ValidationEvent } | { id: number; failed: string };

/** The validation worker: started on first use, kept (unreferenced while idle) for later imports. */
class ValidationWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, EventQueue>();

  /** `handOver`: the bytes are the caller's to give away (moved to the worker, not copied). */
  validate(name: string, bytes: Uint8Array, catalogue: Catalogue, handOver: boolean): AsyncIterable<ValidationEvent> {
    const worker = this.start();
    const id = this.nextId++;
    const queue = new EventQueue();
    this.pending.set(id, queue);
    worker.ref();
    const request: WorkerRequest = { id, name, bytes, catalogue };
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    worker.postMessage(request, handOver && whole ? [bytes.buffer] : []);
    return queue;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnIngestWorker('validation-worker', VALIDATION_WORKER_LIMITS);
    worker.on('message', (m: WorkerReply) => {
      const queue = this.pending.get(m.id);
      if (!queue) return;
      if ('failed' in m) queue.fail(new Error(m.failed));
      else queue.push(m.event);
      if ('failed' in m || m.event.type === 'summary') this.settle(m.id);
    });
    const fail = (e: Error) => {
      for (const q of this.pending.values()) q.fail(e);
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', (e: Error & { code?: string }) =>
      fail(
        isWorkerOutOfMemory(e)
          ? new UserError('导入失败：读取文件所需内存超过上限，导入校验线程已停止，数据库未改动。请将文件拆分为多个较小的文件后再导入')
          : e,
      ),
    );
    worker.on('exit', (code) => fail(new Error(`导入校验线程意外退出（代码 ${code}）`)));
    worker.unref();
    return (this.worker = worker);
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }
}

/**
 * A heap bound of its own: a file that still exhausts it ends this worker alone (the import then
 * reports that the worker exited) instead of aborting the whole process with a heap OOM.
 */
export const VALIDATION_WORKER_LIMITS = { maxOldGenerationSizeMb: Number(process.env.CAMPAIGN_VALIDATION_WORKER_HEAP_MB || 3072) };

let shared: ValidationWorker | null = null;

/** Validates in the worker (a separate core) or, for small inputs, right here. */
export function validationEvents(
  name: string,
  bytes: Uint8Array,
  resolver: CatalogueResolver,
  inWorker: boolean,
  handOver = false,
): AsyncIterable<ValidationEvent> {
  if (inWorker) return (shared ??= new ValidationWorker()).validate(name, bytes, resolver.catalogue, handOver);
  const queue = new EventQueue();
  runValidation(name, bytes, new ResolveCache(resolver), (e) => queue.push(e)).catch((e: unknown) =>
    queue.fail(e instanceof Error ? e : new Error(String(e))),
  );
  return queue;
}

/** For the worker: a resolver per catalogue it is sent (the catalogue of one database rarely changes). */
export function resolveCacheFor(catalogue: Catalogue, last: { json: string; resolver: CatalogueResolver } | null) {
  const json = JSON.stringify(catalogue);
  const resolver = last && last.json === json ? last.resolver : new CatalogueResolver(catalogue);
  return { json, resolver, cache: new ResolveCache(resolver) };
}
