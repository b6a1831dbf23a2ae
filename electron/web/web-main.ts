// `npm run web -- [--db PATH | --demo] [--port N] [--new-token]`: the workstation in a browser, on
// 127.0.0.1 only. Without --db it reopens the database opened last, or the page offers the
// first-start choice (打开演示数据 / 新建空数据库 / 打开已有数据库). A --db file that does not exist is
// created empty; only --demo (what `npm start` passes) opens the demo database.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreClient } from '../core/core-client';
import { demoDbPath, userDataFolder } from '../runtime/default-db';
import { databaseToReopen, webToken } from '../runtime/user-settings';
import { startWebServer, type WebServer } from './web-server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
/** The port `npm run web` uses when it is free, so a bookmarked address keeps working. */
export const DEFAULT_WEB_PORT = 47820;

export interface WebModeOptions {
  db?: string;
  /** Open the per-user demo database (built on first use). */
  demo?: boolean;
  /** 0: any free port; default DEFAULT_WEB_PORT, or any free port when that one is taken. */
  port?: number;
  /** The per-user folder (demo.db, settings, token); default userDataFolder(). */
  home?: string;
  /** Replace the stored token with a new one (old bookmarks stop working). */
  newToken?: boolean;
  /** The built renderer to serve (tests serve a build with their hooks); default dist/renderer. */
  rendererDir?: string;
}

export interface WebMode {
  server: WebServer;
  core: CoreClient;
  /** The database opened at start; null when the page is to offer the first-start choice. */
  dbPath: string | null;
  /** Said when the default port was taken and another one is used. */
  portNotice: string | null;
}

function isAddressInUse(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
}

export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const home = options.home ?? userDataFolder();
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error('界面尚未构建：请先运行 npm run build:renderer');
  let dbPath: string | null;
  if (options.demo) dbPath = demoDbPath(home);
  else if (options.db) dbPath = options.db;
  else {
    dbPath = databaseToReopen(home);
  }
  if (options.demo && !existsSync(dbPath!)) console.log(`首次打开演示数据：正在 ${dbPath} 生成演示数据库（约需 1 分钟）……`);
  const core = new CoreClient({ dbPath: options.demo ? null : dbPath, demo: options.demo ?? false, home });
  try {
    await core.ready;
  } catch (e) {
    await core.close();
    throw e;
  }
  const token = webToken(home, options.newToken ?? false);
  let portNotice: string | null = null;
  let server: WebServer;
  try {
    server = await startWebServer({ core, rendererDir, token, home, port: options.port ?? DEFAULT_WEB_PORT });
  } catch (e) {
    if (options.port !== undefined || !isAddressInUse(e)) {
      await core.close();
      throw e;
    }
    server = await startWebServer({ core, rendererDir, token, home, port: 0 });
    portNotice = `默认端口 ${DEFAULT_WEB_PORT} 已被占用，改用端口 ${server.port}（此次地址与书签不同）。`;
  }
  return { server, core, dbPath, portNotice };
}

export async function webMain(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, demo: { type: 'boolean' }, port: { type: 'string' }, 'new-token': { type: 'boolean' } },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`--port 须为 0–65535 的整数（收到 ${values.port}）`);
  if (values.db && values.demo) throw new Error('--db 与 --demo 只能选一个');
  // As the CLI and the window: CAMPAIGN_DB names the database when --db does not.
  if (!values.db && !values.demo && process.env.CAMPAIGN_DB) values.db = process.env.CAMPAIGN_DB;
  if (values.db && !existsSync(values.db)) console.log(`新建空数据库：${values.db}`);
  const { server, dbPath, portNotice } = await startWebMode({
    ...(values.db ? { db: values.db } : {}),
    ...(values.demo ? { demo: true } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values['new-token'] ? { newToken: true } : {}),
  });
  console.log(dbPath ? `数据库：${dbPath}` : '尚未选择数据库：请在页面中选择 打开演示数据、新建空数据库 或 打开已有数据库。');
  if (portNotice) console.log(portNotice);
  if (values['new-token']) console.log('已更换访问令牌：旧的书签地址不再可用。');
  console.log(`工作站（网页模式）已启动，请在浏览器中打开：${server.url}`);
  console.log('按 Ctrl+C 退出。');
}
