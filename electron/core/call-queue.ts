// The order in which the core worker runs calls. Writes (import, undo, saved views, switching the
// database) run one after another, in the order they came. Reads run at once, also while a write
// is under way: the only write that waits for anything is an import, whose transaction is held by
// its writer thread while the core's connection stays on the last committed state
// (ingest/import-writer.ts), so a read never sees half a write. A write starts only once the reads
// already running have finished (a report is built across awaits).
import { isOperationName, isWritingOperation } from '../../shared/api/operations';

/** The operations that change the database or which one is open: the operations table says (OPERATION_DATA). */
export function isWriteOperation(op: string): boolean {
  return isOperationName(op) && isWritingOperation(op);
}

export class CallQueue {
  private writes: Promise<void> = Promise.resolve();
  private readonly reads = new Set<Promise<void>>();

  /** A read: started now. `task` handles its own errors. */
  read(task: () => Promise<void> | void): void {
    const running = Promise.resolve()
      .then(task)
      .catch(() => undefined)
      .finally(() => this.reads.delete(running));
    this.reads.add(running);
  }

  /** A write: after every write queued before it and the reads running when its turn comes. */
  write(task: () => Promise<void> | void): void {
    this.writes = this.writes
      .then(() => Promise.all([...this.reads]))
      .then(task)
      .catch(() => undefined);
  }
}
