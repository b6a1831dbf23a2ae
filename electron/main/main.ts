// Electron's main process: one window, no Node in the page, every call validated and passed to
// the core worker, which owns the database off this thread.
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { CoreClient } from '../core/core-client';
import { readSettings } from '../runtime/user-settings';
import { makeApiCallHandler } from './api-call';
import { chooseDatabaseHandler } from './database-dialog';
import { CONTENT_SECURITY_POLICY } from '../server/csp';

// The bundle sits in dist/electron; the renderer in dist/renderer.
const here = __dirname;
const rendererIndex = join(here, '..', 'renderer', 'index.html');

let core: CoreClient | null = null;

function home(): string {
  return process.env.CAMPAIGN_HOME || app.getPath('userData');
}

/** CAMPAIGN_DB, else the database opened last, else none: the page offers the first-start choice. */
function startDatabase(): string | null {
  if (process.env.CAMPAIGN_DB) return process.env.CAMPAIGN_DB;
  const last = readSettings(home()).lastDatabase;
  return last && existsSync(last) ? last : null;
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1100,
    minHeight: 700,
    title: '专项行动统计分析工作站',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The page never leaves the app: no navigation, no new windows (links open in the browser).
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(rendererIndex);
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  // `npm start` passes --demo: the demo database (demo.db in the per-user folder), built on first use.
  const demo = process.argv.includes('--demo');
  core = new CoreClient({ dbPath: demo ? null : startDatabase(), demo, home: home(), workerScript: join(here, 'core-worker.cjs') });

  ipcMain.handle('api:call', makeApiCallHandler(() => core!));
  ipcMain.handle('dialog:database', chooseDatabaseHandler((window, mode) => {
    const filters = [{ name: '工作站数据库', extensions: ['db'] }];
    if (mode === 'open') {
      return dialog.showOpenDialog(window, { title: '打开已有数据库', filters, properties: ['openFile'] }).then((r) => (r.canceled ? null : (r.filePaths[0] ?? null)));
    }
    return dialog.showSaveDialog(window, { title: '新建空数据库', filters, defaultPath: '新数据库.db' }).then((r) => (r.canceled ? null : (r.filePath ?? null)));
  }));

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => {
  void core?.close();
  if (process.platform !== 'darwin') app.quit();
});
