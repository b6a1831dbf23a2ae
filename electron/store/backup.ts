// Copies of the database taken before destructive work (undo, schema upgrades). The copy is made
// with VACUUM INTO, which writes a consistent snapshot even while WAL holds recent commits.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';

const KEEP = 5;

export function backupDatabase(db: Database, path: string, reason: string): string | null {
  if (path === ':memory:') return null;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const target = join(dirname(path), `${basename(path)}.${stamp}.${reason}.bak`);
  db.prepare('VACUUM INTO ?').run(target);
  pruneBackups(path);
  return target;
}

function pruneBackups(path: string): void {
  const prefix = `${basename(path)}.`;
  const backups = readdirSync(dirname(path))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.bak'))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP))) rmSync(join(dirname(path), old));
}
