// Opens (or creates) a campaign database: pragmas, schema migrations, and refusal of files
// written by a newer version of the program.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { backupDatabase } from './backup';
import { UserError } from '../../shared/errors';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const isNew = path === ':memory:' || !existsSync(path);
  if (options.readonly && isNew) throw new UserError(`数据库文件不存在：${path}`);
  if (isNew && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // Under Electron the app passes a build of better-sqlite3 made for Electron's ABI.
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  const db = new Database(path, { readonly: options.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a crash can lose the last commit, never corrupt
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    migrate(db, path, isNew, options.readonly ?? false);
    return db;
  } catch (e) {
    db.close();
    throw e;
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
