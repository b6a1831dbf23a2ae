// Electron's main process: one window, no Node in the page, every call validated and passed to
// the core worker, which owns the database off this thread.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoreClient } from '../core/core-client';
import { databaseToReopen } from '../runtime/user-settings';
import { makeApiCallHandler } from './api-call';
import { chooseDatabaseHandler } from './database-dialog';
import { CONTENT_SECURITY_POLICY } from '../web/csp';
import { coreWorkerEnv, SQLITE_BINDING_VARIABLE } from './ipc-guard';
import { focusFirstWindow, hardenContents, hardenSession } from './hardening';
import { CredentialStore, makeCredentialHandlers } from './server-credentials';

// The bundle sits in dist/electron; the renderer in dist/renderer.
const here = __dirname;
const rendererIndex = join(here, '..', 'renderer', 'index.html');
/** The one page that may call the main process (loadFile loads exactly this URL). */
const appUrl = () => pathToFileURL(rendererIndex).href;

let core: CoreClient | null = null;
let mainWindow: BrowserWindow | undefined;

// The native-code override of better-sqlite3 is for development only: gone before anything reads it.
const workerEnv = coreWorkerEnv(process.env, app.isPackaged);
if (app.isPackaged) delete process.env[SQLITE_BINDING_VARIABLE];

// One instance per user: a second start brings the first window forward (two would write one database).
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.on('second-instance', () => focusFirstWindow(mainWindow));

function home(): string {
  return process.env.CAMPAIGN_HOME || app.getPath('userData');
}

/** CAMPAIGN_DB, else the database opened last, else none: the page offers the first-start choice. */
function startDatabase(): string | null {
  if (process.env.CAMPAIGN_DB) return process.env.CAMPAIGN_DB;
  return databaseToReopen(home());
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
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadFile(rendererIndex);
}

// Nothing waits for the app's start: a throw in it is reported as an unhandled rejection.
void app.whenReady().then(async () => {
  if (!firstInstance) return;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  hardenSession(session.defaultSession);

  // `npm start` passes --demo: the demo database (demo.db in the per-user folder), built on first use.
  const demo = process.argv.includes('--demo');
  core = new CoreClient({
    dbPath: demo ? null : startDatabase(),
    demo,
    home: home(),
    workerScript: join(here, 'core-worker.cjs'),
    env: workerEnv,
  });

  ipcMain.handle(
    'api:call',
    makeApiCallHandler(() => core!, appUrl),
  );
  ipcMain.handle(
    'dialog:database',
    chooseDatabaseHandler((window, mode) => {
      const filters = [{ name: '工作站数据库', extensions: ['db'] }];
      if (mode === 'bundle') {
        const bundles = [{ name: '督导包', extensions: ['cwb'] }];
        return dialog
          .showOpenDialog(window, { title: '打开督导包', filters: bundles, properties: ['openFile'] })
          .then((r) => (r.canceled ? null : (r.filePaths[0] ?? null)));
      }
      if (mode === 'open') {
        return dialog
          .showOpenDialog(window, { title: '打开已有数据库', filters, properties: ['openFile'] })
          .then((r) => (r.canceled ? null : (r.filePaths[0] ?? null)));
      }
      return dialog
        .showSaveDialog(window, { title: '新建空数据库', filters, defaultPath: '新数据库.db' })
        .then((r) => (r.canceled ? null : (r.filePath ?? null)));
    }, appUrl),
  );

  // 记住密码 for the provincial server: in the OS key store (safeStorage), never in the page.
  const credentials = makeCredentialHandlers(
    () => CredentialStore.inFolder(safeStorage, app.getPath('userData')),
    () => core!,
    appUrl,
  );
  ipcMain.handle('credentials:state', (event) => credentials.state(event));
  ipcMain.handle('credentials:save', (event, login: unknown) => credentials.save(event, login));
  ipcMain.handle('credentials:forget', (event) => credentials.forget(event));
  ipcMain.handle('credentials:login', (event) => credentials.login(event));

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

// Every page the app creates (the window's, any other) stays on the app's page, with no
// webviews, new windows or external URLs.
app.on('web-contents-created', (_e, contents) => {
  hardenContents(contents, appUrl, () => undefined);
});

app.on('window-all-closed', () => {
  void core?.close();
  if (process.platform !== 'darwin') app.quit();
});
