// Messages between the core thread and the import writer thread (import-writer.ts).
import type { ImportProgress } from '../../shared/api/import';
import type { ImportOutcome } from './import-files';

export interface WriterRequest {
  id: number;
  /** The database file the core has open: the writer keeps its own connection to it. */
  dbPath: string;
  files: { name: string; bytes: Uint8Array }[];
  replace: boolean;
  rejects: boolean;
}

export type WriterReply =
  | { id: number; type: 'progress'; progress: ImportProgress }
  | ({ id: number; type: 'done' } & ImportOutcome)
  /** `user`: the message is for the analyst as it stands (a UserError); else a bug, with its stack. */
  | { id: number; type: 'failed'; message: string; user: boolean };
