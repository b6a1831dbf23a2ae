// `npm start`: builds what it needs and opens the workstation window. Where the Electron binary
// cannot be had (an offline machine: it is downloaded on first launch, not at install), it says so
// in one line and starts the web mode instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from './ensure-renderer.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the binary's path, once the binary has been downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// `npm start` opens the demo database (demo.db in the per-user folder, built on first use), unless
// a database is named (`npm start -- --db PATH` in the web fallback, or CAMPAIGN_DB).
const given = process.argv.slice(2);
const demoArgs = given.includes('--db') || process.env.CAMPAIGN_DB ? [] : ['--demo'];

function startWeb(reason) {
  console.log(`${reason}，改为启动网页模式。`);
  const child = spawn(process.execPath, [join(root, 'bin', 'web.js'), ...demoArgs, ...given], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureRenderer();

let binary = electronBinary();
if (!binary && !process.env.CAMPAIGN_WEB) {
  // Electron's own installer downloads the binary; it is not run at npm install time on purpose.
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  binary = electronBinary();
}
if (process.env.CAMPAIGN_WEB) startWeb('已设置 CAMPAIGN_WEB');
else if (!binary) startWeb('无法获取 Electron 运行文件（本机离线或下载失败）');
else {
  const electronVersion = require('electron/package.json').version;
  const sqlite = ensureElectronSqlite(electronVersion);
  if (!sqlite) startWeb('Electron 版 better-sqlite3 不可用');
  else {
    spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { stdio: 'inherit' });
    const child = spawn(binary, [join(root, 'dist', 'electron', 'main.cjs'), ...demoArgs], {
      stdio: 'inherit',
      env: { ...process.env, CAMPAIGN_SQLITE_BINDING: sqlite },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
