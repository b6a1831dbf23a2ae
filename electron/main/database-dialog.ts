// The page asks for a database file through Electron's own dialogs (a sandboxed page cannot see
// paths); the path chosen goes back to the page, which opens it with openDatabase/createDatabase.
// Apart from Electron itself, so a test can drive it.
import { BrowserWindow, type WebContents } from 'electron';
import type { CallerFrame } from './api-call';
import { fromOwnPage } from './ipc-guard';
import { isDatabaseDialogMode, type DatabaseDialogMode } from '../../shared/api/database-dialog';

export interface DialogCaller extends CallerFrame {
  sender: WebContents;
}

export function chooseDatabaseHandler(
  show: (window: BrowserWindow, mode: DatabaseDialogMode) => Promise<string | null>,
  appUrl: () => string,
) {
  return async (event: DialogCaller, mode: unknown): Promise<string | null> => {
    if (!fromOwnPage(event.senderFrame, appUrl())) return null;
    if (!isDatabaseDialogMode(mode)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window) return null;
    return show(window, mode);
  };
}
