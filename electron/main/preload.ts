// The page's only door to the app: window.api.call(op, input), over one IPC channel.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('api', {
  call: (op: string, input: unknown) => ipcRenderer.invoke('api:call', op, input),
});
