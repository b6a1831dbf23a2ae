// Messages between the core thread and the import writer thread (import-writer.ts).
import type { ImportProgress } from '../../shared/api/import';
import type { ImportOutcome } from './import-files';

export interface WriterStart {
  /** The database file the core has open: the writer opens its own connection to it. */
  dbPath: string;
  files: { name: string; bytes: Uint8Array }[];
  replace: boolean;
  rejects: boolean;
  /** The TypeScript entry to load when running from source (see core/worker-bootstrap.mjs). */
  entry?: string;
}

export type WriterMessage =
  | { type: 'progress'; progress: ImportProgress }
  | ({ type: 'done' } & ImportOutcome)
  /** `user`: the message is for the analyst as it stands (a UserError); else a bug, with its stack. */
  | { type: 'failed'; message: string; user: boolean };
