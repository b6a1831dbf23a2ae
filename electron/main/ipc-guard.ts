// Who may talk to the main process, and what the window may do, as pure decisions (Electron
// cannot run on the build machine, so they are tested apart from it): calls only from the top
// frame of the app's own page, no navigation away, no new windows, no external URLs, no
// permissions, and the native-code override of the SQLite binding only in development.

/** The parts of Electron's WebFrameMain looked at. */
export interface SenderFrame {
  url: string;
  /** null for a window's top frame; a frame inside it has its parent. */
  parent?: object | null;
}

/**
 * A URL is the app's own page when it is the same file (or origin and path) as the page the window
 * loaded: query and hash aside (the renderer keeps its state in the hash). Any other file:// page
 * (a downloaded HTML file, a page inside the asar) is not.
 */
export function isOwnPage(url: string, appUrl: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(url);
    b = new URL(appUrl);
  } catch {
    return false;
  }
  return a.protocol === b.protocol && a.host === b.host && samePath(a.pathname, b.pathname) && a.username === '' && a.password === '';
}

/**
 * Electron's loadFile and Node's pathToFileURL may escape a path differently (spaces, the Chinese
 * product name in the install folder): paths are compared decoded.
 */
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/** A call comes from our page: a top frame (not an iframe inside it) showing the app's own page. */
export function fromOwnPage(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  if (frame.parent !== undefined && frame.parent !== null) return false;
  return isOwnPage(frame.url, appUrl);
}

/**
 * The window never leaves the app's page: a navigation elsewhere is stopped (a change of hash on
 * the same page is not a navigation Electron asks about).
 */
export function navigationAllowed(url: string, appUrl: string): boolean {
  return isOwnPage(url, appUrl);
}

/**
 * External URLs the app may open in the system browser: none. The workstation links to nothing
 * outside itself; a page that asks to open a URL gets nothing opened.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [];

export function externalUrlAllowed(url: string): boolean {
  return EXTERNAL_URL_ALLOWLIST.includes(url);
}

/** Camera, microphone, notifications, geolocation, clipboard ...: the workstation needs none. */
export function permissionGranted(_permission: string): boolean {
  return false;
}

/** Loads better-sqlite3 from another file (a build for Electron's ABI, made by `npm start`). */
export const SQLITE_BINDING_VARIABLE = 'CAMPAIGN_SQLITE_BINDING';

/**
 * The environment the core worker starts with. The binding override loads native code from any
 * path: honoured in development (`npm start`), dropped from a packaged app, whose own rebuilt
 * better-sqlite3 sits unpacked beside its asar.
 */
export function coreWorkerEnv(env: NodeJS.ProcessEnv, packaged: boolean): NodeJS.ProcessEnv {
  if (!packaged) return env;
  const { [SQLITE_BINDING_VARIABLE]: _dropped, ...rest } = env;
  return rest;
}
