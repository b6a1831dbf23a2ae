// Opens (or creates) a campaign database: pragmas, schema migrations, and refusal of files
// written by a newer version of the program.
import Database from 'better-sqlite3';
import { accessSync, chmodSync, closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { backupDatabase, removeBackupLeftovers } from './backup';
import { UserError } from '../../shared/errors';
import { asUserFacing } from './sqlite-errors';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Milliseconds a write waits for another connection's lock; CAMPAIGN_BUSY_TIMEOUT_MS, else 5000. */
  busyTimeoutMs?: number;
}

/** Files the product creates hold police data: owner only, whatever the umask. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Connections opened read-only because the file or its folder cannot be written. */
const openedReadOnlyForLackOfWrite = new WeakSet<Db>();

/** True when the database was asked for writing but could only be opened for reading. */
export function isReadOnlyFallback(db: Db): boolean {
  return openedReadOnlyForLackOfWrite.has(db);
}

function busyTimeoutOf(options: OpenOptions): number {
  const fromEnv = Number(process.env.CAMPAIGN_BUSY_TIMEOUT_MS);
  const ms = options.busyTimeoutMs ?? (Number.isFinite(fromEnv) && process.env.CAMPAIGN_BUSY_TIMEOUT_MS ? fromEnv : 5000);
  return Math.max(0, Math.floor(ms));
}

/** Writing needs the file and its folder (WAL and backups are created beside it). */
function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function folderWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A WAL database is read through its -shm file, which SQLite must create beside it when it is
 * absent; in a folder that cannot be written it cannot, so reading goes to a private copy
 * (owner-only, in a fresh temporary folder, removed on close).
 */
function readableCopy(path: string): { file: string; remove: () => void } | null {
  if (folderWritable(path) || existsSync(`${path}-shm`)) return null;
  const folder = mkdtempSync(join(tmpdir(), 'campaign-readonly-'));
  chmodSync(folder, PRIVATE_FOLDER_MODE);
  const file = join(folder, basename(path));
  copyFileSync(path, file);
  chmodSync(file, PRIVATE_FILE_MODE);
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A new database file, created empty with owner-only rights before SQLite opens it. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE); // openSync's mode passes through the umask
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const isNew = path === ':memory:' || !existsSync(path);
  if (options.readonly && isNew) throw new UserError(`数据库文件不存在：${path}`);
  try {
    if (isNew && path !== ':memory:') createPrivateFile(path);
  } catch (e) {
    throw asUserFacing(e, path);
  }
  // A file or folder that cannot be written still opens, for reading; writes then say why not.
  const fallback = !options.readonly && !isNew && !canWrite(path);
  const readonly = (options.readonly ?? false) || fallback;
  // Under Electron the app passes a build of better-sqlite3 made for Electron's ABI.
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  let db: Db;
  try {
    const copy = readonly && path !== ':memory:' ? readableCopy(path) : null;
    db = new Database(copy?.file ?? path, { readonly, ...(nativeBinding ? { nativeBinding } : {}) });
    if (copy) {
      const closeDb = db.close.bind(db);
      db.close = () => {
        closeDb();
        copy.remove();
        return db;
      };
    }
  } catch (e) {
    throw asUserFacing(e, path);
  }
  if (fallback) openedReadOnlyForLackOfWrite.add(db);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutOf(options)}`);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a crash can lose the last commit, never corrupt
    // Deleted rows (an undone batch) are overwritten with zeros, not left readable in free pages.
    db.pragma('secure_delete = ON');
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    migrate(db, path, isNew, readonly);
    // What a killed undo or upgrade left (a partial copy, its journal) goes on the next open.
    if (!readonly && path !== ':memory:') removeBackupLeftovers(path);
    return db;
  } catch (e) {
    db.close();
    throw asUserFacing(e, path);
  }
}

function migrate(db: Db, path: string, isNew: boolean, readonly: boolean): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_VERSION) {
    throw new UserError(
      `数据库 ${path} 的结构版本为 ${version}，高于本程序支持的 ${LATEST_VERSION}：它由更新版本的程序写入，请升级程序后再打开。`,
    );
  }
  if (version === LATEST_VERSION) return;
  if (readonly) throw new UserError(`数据库 ${path} 需要升级（版本 ${version} → ${LATEST_VERSION}），只读模式下无法升级。`);
  if (!isNew && version > 0) backupDatabase(db, path, `before-migration-v${LATEST_VERSION}`);
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
