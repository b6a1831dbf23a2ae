// `npm run web -- [--db PATH] [--port N]`: the workstation in a browser, on 127.0.0.1 only.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreClient } from '../core/core-client';
import { defaultDbPath } from '../core/default-db';
import { startWebServer, type WebServer } from './web-server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface WebModeOptions {
  db?: string;
  port?: number;
}

/** Starts the core worker and the server; the default database gets the demo on first run. */
export async function startWebMode(options: WebModeOptions): Promise<{ server: WebServer; core: CoreClient; dbPath: string }> {
  const dbPath = options.db ?? defaultDbPath();
  if (options.db && !existsSync(dbPath)) {
    throw new Error(`数据库不存在：${dbPath}（可先用 campaign demo --db ${dbPath} 生成演示数据库）`);
  }
  if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new Error('界面尚未构建：请先运行 npm run build:renderer');
  const firstRun = !existsSync(dbPath);
  if (firstRun) console.log(`首次运行：正在 ${dbPath} 生成演示数据库……`);
  const core = new CoreClient({ dbPath, demoIfEmpty: firstRun });
  await core.ready;
  const server = await startWebServer({ core, rendererDir: RENDERER_DIR, ...(options.port !== undefined ? { port: options.port } : {}) });
  return { server, core, dbPath };
}

export async function webMain(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, port: { type: 'string' } }, strict: true });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port 须为 0–65535 的整数（收到 ${values.port}）`);
  const { server, dbPath } = await startWebMode({ ...(values.db ? { db: values.db } : {}), ...(port !== undefined ? { port } : {}) });
  console.log(`数据库：${dbPath}`);
  console.log(`工作站（网页模式）已启动，请在浏览器中打开：${server.url}`);
  console.log('按 Ctrl+C 退出。');
}
