// The core worker's session: which database is open, and switching it (打开 / 新建 / 演示数据). A new
// file is created empty; only the demo file (demo.db in the per-user folder) ever gets the demo.
// The database opened last is remembered in the per-user folder for the next start.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { hasSqliteHeader, readFileHead } from '../store/sqlite-file';
import { bundleInfoOf } from '../store/bundle-origin';
import { writesOf, type OperationResults, type WorkspaceOperationName, type WorkspaceState } from '../../shared/api/operations';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { ImportProgress } from '../../shared/api/import';
import { UserError } from '../../shared/errors';
import { openWorkspace, type Workspace } from '../store/workspace';
import { createCore, engineHolder, type Core, type CoreOptions, type EngineHolder } from './handlers';
import { buildDemo } from '../demo/generate';
import { holdsDemoData } from '../demo/marker';
import { demoDbPath } from '../runtime/default-db';
import { rememberDatabase } from '../runtime/user-settings';
import { BUNDLE_EXTENSION, isBundlePath, openBundleWorkspace } from '../bundle/bundle-workspace';

export interface SessionOptions {
  /** The per-user folder: demo.db and the settings live there. */
  home: string;
  onImportProgress?: (p: ImportProgress) => void;
  /** What dataStatus answers (the core worker's; see createCore). */
  status?: CoreOptions['status'];
}

interface OpenDatabase {
  ws: Workspace;
  core: Core;
  engine: EngineHolder;
}

type WorkspaceHandlers = {
  [K in WorkspaceOperationName]: (input: OperationParsed<K>) => OperationResults[K];
};

export const NO_DATABASE_MESSAGE = '尚未打开数据库：请选择 打开演示数据、新建空数据库 或 打开已有数据库。';

/** `~/x.db` and relative paths made absolute; a path the user must be told about is refused. */
export function resolveDatabasePath(raw: string): string {
  const given = raw.trim();
  const expanded = given === '~' || given.startsWith('~/') ? join(homedir(), given.slice(1)) : given;
  if (!isAbsolute(expanded)) throw new UserError(`请填写完整路径（如 ${join(homedir(), '数据', '2024年夏季行动.db')}），收到：${given}`);
  const path = resolve(expanded);
  const lower = path.toLowerCase();
  if (!lower.endsWith('.db') && !lower.endsWith(BUNDLE_EXTENSION))
    throw new UserError(`数据库文件名须以 .db 结尾（督导包以 .cwb 结尾）：${path}`);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`文件夹不存在：${folder}`);
  return path;
}

/** An existing file that this program can open: SQLite, and either ours or empty. */
function checkExistingDatabase(path: string): void {
  if (!existsSync(path)) throw new UserError(`数据库文件不存在：${path}（要新建请用 新建空数据库）`);
  const stat = statSync(path);
  if (!stat.isFile()) throw new UserError(`不是文件：${path}`);
  if (stat.size === 0) return;
  if (!hasSqliteHeader(readFileHead(path, 16))) throw new UserError(`不是工作站的数据库文件（不是 SQLite 文件）：${path}`);
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
    // Schema version 0 with tables: some other program's SQLite file, which we must not alter.
    if (version === 0 && tables > 0) throw new UserError(`不是工作站的数据库文件（其他程序的 SQLite 数据库）：${path}`);
  } finally {
    db.close();
  }
}

/** A 督导包 opened in memory: the passphrase is required, and said so plainly when missing. */
function openBundle(path: string, passphrase: string | undefined): Workspace {
  if (passphrase === undefined || passphrase === '') throw new UserError(`打开督导包须输入口令：${basename(path)}`);
  return openBundleWorkspace(path, passphrase);
}

export interface Session extends WorkspaceHandlers {
  /** The handlers of the open database, or null before the first choice. */
  current(): OpenDatabase | null;
  /** A path given at start (`--db`): opened as it is, or created empty (no .db rule here). */
  openAtStart(path: string): WorkspaceState;
  close(): void;
}

export function createSession(options: SessionOptions): Session {
  let open: OpenDatabase | null = null;

  const state = (): WorkspaceState =>
    open
      ? {
          path: open.ws.path,
          fileName: basename(open.ws.path),
          demo: holdsDemoData(open.ws.db),
          homeFolder: options.home,
          bundle: bundleInfoOf(open.ws.db),
        }
      : { path: null, fileName: null, demo: false, homeFolder: options.home, bundle: null };

  /** The new database replaces the open one only once it opened: a failure leaves things as they were. */
  const switchTo = (ws: Workspace): WorkspaceState => {
    const previous = open;
    const engine = engineHolder(ws);
    open = {
      ws,
      engine,
      core: createCore(ws, {
        engine,
        offThreadImport: true,
        ...(options.onImportProgress ? { onImportProgress: options.onImportProgress } : {}),
        ...(options.status ? { status: options.status } : {}),
      }),
    };
    previous?.ws.close();
    rememberDatabase(options.home, ws.path);
    return state();
  };

  const alreadyOpen = (path: string) => open !== null && resolve(open.ws.path) === path;

  return {
    current: () => open,
    close: () => {
      open?.ws.close();
      open = null;
    },
    openAtStart: (given) => {
      const path = resolve(given);
      // A bundle given at start opens with CAMPAIGN_PASSPHRASE (the page asks for it otherwise).
      if (isBundlePath(path)) return switchTo(openBundle(path, process.env.CAMPAIGN_PASSPHRASE));
      if (!existsSync(path)) return switchTo(openWorkspace(path));
      checkExistingDatabase(path);
      return switchTo(openWorkspace(path));
    },
    workspace: () => state(),
    openDatabase: (input) => {
      const path = resolveDatabasePath(input.path);
      if (alreadyOpen(path)) return { ...state(), changed: [] };
      if (isBundlePath(path)) return { ...switchTo(openBundle(path, input.passphrase)), changed: writesOf('openDatabase') };
      checkExistingDatabase(path);
      return { ...switchTo(openWorkspace(path)), changed: writesOf('openDatabase') };
    },
    createDatabase: (input) => {
      const path = resolveDatabasePath(input.path);
      if (existsSync(path)) throw new UserError(`文件已存在：${path}（要打开它请用 打开已有数据库）`);
      if (path.toLowerCase().endsWith(BUNDLE_EXTENSION))
        throw new UserError(`督导包不能新建为空数据库：请在全省数据库中用 导出督导包 生成（${basename(path)}）`);
      return { ...switchTo(openWorkspace(path)), changed: writesOf('createDatabase') };
    },
    openDemo: () => {
      const path = demoDbPath(options.home);
      if (alreadyOpen(path)) return { ...state(), changed: [] };
      if (existsSync(path)) checkExistingDatabase(path);
      const ws = openWorkspace(path);
      try {
        // Built on first use, or again if an earlier build was interrupted (it is one transaction).
        if (!ws.db.prepare('SELECT 1 FROM fact LIMIT 1').get()) buildDemo(ws);
      } catch (e) {
        ws.close();
        throw e;
      }
      return { ...switchTo(ws), changed: writesOf('openDemo') };
    },
  };
}

/** Opens what a start asks for: the demo, or a path (created empty when new), or nothing yet. */
export function openAtStart(session: Session, start: { dbPath: string | null; demo: boolean }): void {
  if (start.demo) session.openDemo({});
  else if (start.dbPath !== null) session.openAtStart(start.dbPath);
}
