// Electron's main process: one window, no Node in the page, every call validated and passed to
// the core worker, which owns the database off this thread.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { CoreClient } from '../core/core-client';
import { makeApiCallHandler } from './api-call';
import { CONTENT_SECURITY_POLICY } from '../server/csp';

// The bundle sits in dist/electron; the renderer in dist/renderer.
const here = __dirname;
const rendererIndex = join(here, '..', 'renderer', 'index.html');

let core: CoreClient | null = null;

function dbPath(): string {
  if (process.env.CAMPAIGN_DB) return process.env.CAMPAIGN_DB;
  const folder = app.getPath('userData');
  mkdirSync(folder, { recursive: true });
  return join(folder, 'campaign.db');
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

  const path = dbPath();
  core = new CoreClient({ dbPath: path, demoIfEmpty: !existsSync(path), workerScript: join(here, 'core-worker.cjs') });

  ipcMain.handle('api:call', makeApiCallHandler(() => core!));

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
