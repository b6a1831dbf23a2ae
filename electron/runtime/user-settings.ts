// Small files in the per-user folder: the database last opened (so `npm run web` and the window
// reopen it) and the web mode's token (so a bookmarked address keeps working across restarts).
// Both are private to the user: folder 0700, files 0600.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileHead } from '../store/sqlite-file';
import { sealedKindOf } from '../bundle/sealed-file';

export const SETTINGS_FILE = 'settings.json';
export const TOKEN_FILE = 'web-token';

export interface UserSettings {
  /** Absolute path of the database last opened in the window or the web mode. */
  lastDatabase?: string;
}

export function ensurePrivateFolder(home: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(home, 0o700);
}

/** Written whole (temporary file, then rename), readable by the user alone. */
function writePrivateFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function readSettings(home: string): UserSettings {
  const path = join(home, SETTINGS_FILE);
  if (!existsSync(path)) return {};
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (value && typeof value === 'object' && 'lastDatabase' in value && typeof value.lastDatabase === 'string') {
      return { lastDatabase: value.lastDatabase };
    }
  } catch {
    // A damaged settings file is as good as none: the first-start choice is offered again.
  }
  return {};
}

/** A 督导包 (.cwb, or a file beginning with its mark): it needs a passphrase to open. */
function needsPassphrase(path: string): boolean {
  if (path.toLowerCase().endsWith('.cwb')) return true;
  try {
    return sealedKindOf(readFileHead(path, 8)) === 'bundle';
  } catch {
    return false;
  }
}

/**
 * The database to open at start without asking: the one opened last, if it is still there and is
 * not a 督导包 (which is never opened without its passphrase: the page offers the choice instead).
 */
export function databaseToReopen(home: string): string | null {
  const last = readSettings(home).lastDatabase;
  return last && existsSync(last) && !needsPassphrase(last) ? last : null;
}

export function rememberDatabase(home: string, path: string): void {
  ensurePrivateFolder(home);
  writePrivateFile(join(home, SETTINGS_FILE), JSON.stringify({ ...readSettings(home), lastDatabase: path }, null, 2) + '\n');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,}$/;

/** The web mode's token: the stored one, or a new one (stored) when there is none or `rotate`. */
export function webToken(home: string, rotate = false): string {
  const path = join(home, TOKEN_FILE);
  if (!rotate && existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (TOKEN_PATTERN.test(stored)) return stored;
  }
  const token = randomBytes(24).toString('base64url');
  ensurePrivateFolder(home);
  writePrivateFile(path, token + '\n');
  return token;
}
