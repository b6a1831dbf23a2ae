// Copies of the database taken before destructive work (undo, schema upgrades). The copy is made
// with VACUUM INTO, which writes a consistent snapshot even while WAL holds recent commits. Only
// the last KEEP_BACKUPS complete copies of each database are kept: every undo would otherwise
// leave a full copy of the database behind, forever.
//
// A copy is written under a temporary name (…​.bak.partial-PID) and renamed to …​.bak only when
// complete, so a process killed midway (or a full disk) never leaves a file that looks like a
// backup. Leftovers of such a process — the temporary file, a journal beside it, an empty or
// truncated .bak of an older version — are removed when the database is next opened or backed up,
// and never count as one of the kept backups.
import { chmodSync, closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hasSqliteHeader, readFileHead } from './sqlite-file';
import type { Database } from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { readOnlyMessage } from './sqlite-errors';

export const KEEP_BACKUPS = 5;

/** 20261201T190146123Z: fixed width, so names sort by time. */
function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

const PARTIAL = /\.bak\.partial-(\d+)(-journal|-wal|-shm)?$/;
/** Copies this process is writing now (not leftovers, though their writer is alive). */
const writing = new Set<string>();

export function backupDatabase(db: Database, path: string, reason: string): string | null {
  if (path === ':memory:') return null;
  // A backup comes before a write; on a read-only connection the write cannot follow.
  if (db.readonly) throw new UserError(readOnlyMessage(path));
  removeBackupLeftovers(path);
  const stem = `${basename(path)}.${stampOf(new Date())}.${reason}`;
  let target = join(dirname(path), `${stem}.bak`);
  for (let i = 2; existsSync(target); i++) target = join(dirname(path), `${stem}-${i}.bak`);
  const partial = `${target}.partial-${process.pid}`;
  writing.add(partial);
  try {
    // A backup holds the same data as the database: created owner-only before anything is in it
    // (VACUUM INTO accepts an empty file), so there is no moment it is readable by others.
    closeSync(openSync(partial, 'wx', 0o600));
    chmodSync(partial, 0o600);
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, target);
  } catch (e) {
    // A copy cut short (disk full) is no backup: it must not stay and push a good one out.
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw e;
  } finally {
    writing.delete(partial);
  }
  pruneBackups(path);
  return target;
}

/** Whether a process with this id is running (a partial copy of a running process is not a leftover). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A complete copy: an SQLite file whose size is its header's page count times its page size
 * (VACUUM INTO writes the header's count; a copy cut short is shorter, or empty).
 */
export function isCompleteBackup(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size < 100) return false;
  const head = readFileHead(file, 100);
  if (!hasSqliteHeader(head)) return false;
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = head.readUInt32BE(28);
  return pages > 0 && pageSize >= 512 && size === pageSize * pages;
}

/**
 * Removes what a killed or failed backup left beside the database: temporary copies (and their
 * journals) of processes no longer running, journals of .bak files, and .bak files that are not
 * complete copies. Returns the files removed.
 */
export function removeBackupLeftovers(path: string): string[] {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).filter((x) => x.startsWith(prefix));
  } catch {
    return removed;
  }
  for (const f of names) {
    const full = join(folder, f);
    const partial = PARTIAL.exec(f);
    const leftover = partial
      ? !writing.has(full.replace(/(-journal|-wal|-shm)$/, '')) && !alive(Number(partial[1]))
      : f.endsWith('.bak-journal') || f.endsWith('.bak-wal') || f.endsWith('.bak-shm') || (f.endsWith('.bak') && !isCompleteBackup(full));
    if (!leftover) continue;
    try {
      rmSync(full, { force: true });
      removed.push(full);
    } catch {
      // A leftover that cannot be removed (read-only folder) is still not counted as a backup.
    }
  }
  return removed;
}

/** The complete backups of a database, oldest first; leftovers of killed backups are removed. */
export function listBackups(path: string): string[] {
  removeBackupLeftovers(path);
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  return readdirSync(folder)
    .filter((x) => x.startsWith(prefix) && x.endsWith('.bak'))
    .sort()
    .map((f) => join(folder, f))
    .filter(isCompleteBackup);
}

function pruneBackups(path: string): void {
  const backups = listBackups(path);
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP_BACKUPS))) rmSync(old, { force: true });
}
