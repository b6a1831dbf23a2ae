// Copies of the database taken before destructive work (undo, schema upgrades). The copy is made
// with VACUUM INTO, which writes a consistent snapshot even while WAL holds recent commits. Only
// the last KEEP_BACKUPS complete copies of each database are kept: every undo would otherwise
// leave a full copy of the database behind, forever.
import { chmodSync, closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { readOnlyMessage } from './sqlite-errors';

export const KEEP_BACKUPS = 5;

/** 20261201T190146123Z: fixed width, so names sort by time. */
function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

export function backupDatabase(db: Database, path: string, reason: string): string | null {
  if (path === ':memory:') return null;
  // A backup comes before a write; on a read-only connection the write cannot follow.
  if (db.readonly) throw new UserError(readOnlyMessage(path));
  const stem = `${basename(path)}.${stampOf(new Date())}.${reason}`;
  let target = join(dirname(path), `${stem}.bak`);
  for (let i = 2; existsSync(target); i++) target = join(dirname(path), `${stem}-${i}.bak`);
  try {
    // A backup holds the same data as the database: created owner-only before anything is in it
    // (VACUUM INTO accepts an empty file), so there is no moment it is readable by others.
    closeSync(openSync(target, 'wx', 0o600));
    chmodSync(target, 0o600);
    db.prepare('VACUUM INTO ?').run(target);
  } catch (e) {
    // A copy cut short (disk full) is no backup: it must not stay and push a good one out.
    rmSync(target, { force: true });
    throw e;
  }
  pruneBackups(path);
  return target;
}

/** The complete backups of a database, oldest first; empty leftovers are removed. */
export function listBackups(path: string): string[] {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  const backups: string[] = [];
  for (const f of readdirSync(folder).filter((x) => x.startsWith(prefix) && x.endsWith('.bak')).sort()) {
    const full = join(folder, f);
    if (statSync(full).size === 0) rmSync(full, { force: true });
    else backups.push(full);
  }
  return backups;
}

function pruneBackups(path: string): void {
  const backups = listBackups(path);
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP_BACKUPS))) rmSync(old, { force: true });
}
