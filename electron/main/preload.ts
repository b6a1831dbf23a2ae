// The page's only door to the app: window.api.call(op, input), over one IPC channel, and the
// native file dialog for choosing a database (the path it returns goes back through call()).
import { contextBridge, ipcRenderer } from 'electron';
import type { DatabaseDialogMode } from '../../shared/api/database-dialog';

contextBridge.exposeInMainWorld('api', {
  call: (op: string, input: unknown) => ipcRenderer.invoke('api:call', op, input),
  chooseDatabase: (mode: DatabaseDialogMode) => ipcRenderer.invoke('dialog:database', mode),
  // 记住密码 (electron/main/server-credentials.ts): the saved password stays in the main process.
  serverCredentials: {
    state: () => ipcRenderer.invoke('credentials:state'),
    save: (login: unknown) => ipcRenderer.invoke('credentials:save', login),
    forget: () => ipcRenderer.invoke('credentials:forget'),
    login: () => ipcRenderer.invoke('credentials:login'),
  },
});
