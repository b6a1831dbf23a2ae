// better-sqlite3 for Electron: compiled against Electron's ABI into .electron-native/<version>/,
// apart from node_modules, so the Node build that the CLI and the tests use is never replaced.
// Needs Electron's headers (downloaded by node-gyp), so it only runs when launching or packaging
// Electron on a machine that can reach them.
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Path of the Electron build of better_sqlite3.node; null (with the reason printed) when it cannot be built. */
export function ensureElectronSqlite(electronVersion) {
  const dir = join(root, '.electron-native', electronVersion);
  const binary = join(dir, 'better_sqlite3.node');
  if (existsSync(binary)) return binary;
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const pkg = join(root, 'node_modules', 'better-sqlite3');
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(join(pkg, part), join(src, part), { recursive: true });
  console.log(`正在为 Electron ${electronVersion} 编译 better-sqlite3（首次启动，约 1 分钟）……`);
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const r = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: src, stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.log('未能为 Electron 编译 better-sqlite3（需要联网获取 Electron 头文件）。');
    return null;
  }
  copyFileSync(join(src, 'build', 'Release', 'better_sqlite3.node'), binary);
  rmSync(src, { recursive: true, force: true });
  return binary;
}
