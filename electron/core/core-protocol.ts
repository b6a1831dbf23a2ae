// Messages between the thread that owns the database (the core worker) and its clients.
import type { CallError, CallOutcome } from '../../shared/api/call-outcome';
import type { ImportProgress } from '../../shared/api/import';
import type { OperationName } from '../../shared/api/operations';

export interface CallMessage {
  id: number;
  op: OperationName;
  /** Validated where the call entered (structured clone keeps Uint8Array and the rest). */
  input: unknown;
}

export type WorkerMessage =
  | ({ type: 'result'; id: number } & CallOutcome)
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'ready' }
  | { type: 'failed'; error: CallError };

export interface WorkerStart {
  /** The database to open (created empty when new); null: none until the page chooses one. */
  dbPath: string | null;
  /** Open the demo database of the per-user folder instead, building it on first use. */
  demo: boolean;
  /** The per-user folder (demo.db, settings). */
  home: string;
  /** The TypeScript entry to load when running from source (see worker-bootstrap.mjs). */
  entry?: string;
  /** How often the core worker was restarted after dying (0 for the first one); the page is told. */
  restarts?: number;
}

/** Test builds only (CAMPAIGN_TEST_HOOKS=1 in the worker's env): a fault for the next call or now. */
export type TestFault = 'bug' | 'exit' | 'oom' | 'uncaught';

export interface TestFaultMessage {
  type: 'test-fault';
  fault: TestFault;
}
