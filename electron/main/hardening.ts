// Installs ipc-guard.ts's decisions on Electron's objects. Typed by the few members used, so a
// test can hand in stand-ins and call the handlers Electron would call.
import { externalUrlAllowed, navigationAllowed, permissionGranted } from './ipc-guard';

interface PreventableEvent {
  preventDefault(): void;
}

export interface HardenedSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface HardenedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Every permission request and check is answered no. */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionGranted(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionGranted(permission));
}

/**
 * The window stays on the app's page: navigations and redirects elsewhere are stopped, no webview
 * is attached, no new window opens (an allowed URL would open in the system browser: none is).
 */
export function hardenContents(contents: HardenedContents, appUrl: () => string, openExternal: (url: string) => void): void {
  const stay = (e: PreventableEvent, url: string) => {
    if (!navigationAllowed(url, appUrl())) e.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** The parts of a BrowserWindow a second start uses to bring the first one forward. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** A second start of the app shows the first one's window instead of opening another database connection. */
export function focusFirstWindow(window: FocusableWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
