// Writing a file so that it is either the old one or the whole new one: the new bytes go to a
// temporary file beside it (owner-only), are flushed to disk, and then renamed over the old one.
// A crash or a full disk leaves the old file as it was; the temporary file is removed on failure.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../store/database';
import { asUserFacing } from '../store/sqlite-errors';

export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw asUserFacing(e, path);
  }
}
