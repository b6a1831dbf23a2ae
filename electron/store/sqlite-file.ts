// What a file's first bytes say before SQLite opens it: whether it is an SQLite database at all
// (the session refuses other files; a backup cut short is not counted as one).
import { closeSync, openSync, readSync } from 'node:fs';

/** The 16 bytes every SQLite database file starts with. */
export const SQLITE_HEADER = 'SQLite format 3\u0000';

/** The first `bytes` bytes of a file (fewer when the file is shorter). */
export function readFileHead(path: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export function hasSqliteHeader(head: Buffer): boolean {
  return head.length >= 16 && head.toString('latin1', 0, 16) === SQLITE_HEADER;
}
