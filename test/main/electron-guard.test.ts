// Issue 12 §6, Electron hardening, without Electron (its binary cannot be had here): the pure
// decisions of ipc-guard.ts, their installation on stand-ins for Electron's objects, and the fuses
// the packaging hook writes. The bundled main process and a packaged app's core worker:
// electron-guard.int.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeApiCallHandler, type Core } from '../../electron/main/api-call';
import { coreWorkerEnv, fromOwnPage, isOwnPage, navigationAllowed, SQLITE_BINDING_VARIABLE } from '../../electron/main/ipc-guard';
import {
  focusFirstWindow,
  hardenContents,
  hardenSession,
  type HardenedContents,
  type HardenedSession,
} from '../../electron/main/hardening';

const root = join(__dirname, '..', '..');
const APP = 'file:///opt/%E4%B8%93%E9%A1%B9/resources/app.asar/dist/renderer/index.html';

describe('calls only from the app’s own page', () => {
  it('recognises the loaded page, with any hash or query, however its path is escaped', () => {
    expect(isOwnPage(APP, APP)).toBe(true);
    expect(isOwnPage(`${APP}#/grid?from=2024-06-01`, APP)).toBe(true);
    expect(isOwnPage('file:///opt/专项/resources/app.asar/dist/renderer/index.html', APP)).toBe(true);
    expect(isOwnPage('file:///C:/Program%20Files/App/index.html', 'file:///C:/Program Files/App/index.html')).toBe(true);
  });

  it('refuses every other page: another file:// page, a file beside ours, the web, garbage', () => {
    for (const url of [
      'file:///home/analyst/Downloads/report.html',
      'file:///opt/%E4%B8%93%E9%A1%B9/resources/app.asar/dist/renderer/other.html',
      'file://evil-host/opt/%E4%B8%93%E9%A1%B9/resources/app.asar/dist/renderer/index.html',
      'https://example.com/opt/%E4%B8%93%E9%A1%B9/resources/app.asar/dist/renderer/index.html',
      'about:blank',
      'not a url',
      'file:///opt/%E4%B8%93%E9%A1%B9/resources/app.asar/dist/renderer/index.html%',
    ])
      expect(isOwnPage(url, APP), url).toBe(false);
  });

  it('refuses an iframe inside our page and a missing frame', () => {
    expect(fromOwnPage({ url: APP, parent: null }, APP)).toBe(true);
    expect(fromOwnPage({ url: APP, parent: { url: APP } }, APP)).toBe(false);
    expect(fromOwnPage(null, APP)).toBe(false);
    expect(fromOwnPage(undefined, APP)).toBe(false);
  });

  it('the IPC handler answers our page and refuses any other file:// page without calling the core', async () => {
    const calls: string[] = [];
    const core: Core = { call: async (op) => (calls.push(op), { ok: true, result: 'answered' }) };
    const handle = makeApiCallHandler(
      () => core,
      () => APP,
    );
    await expect(handle({ senderFrame: { url: `${APP}#/overview`, parent: null } }, 'info', {})).resolves.toEqual({
      ok: true,
      result: 'answered',
    });
    for (const senderFrame of [
      { url: 'file:///tmp/attack.html', parent: null },
      { url: APP, parent: {} },
    ]) {
      await expect(handle({ senderFrame }, 'info', {})).resolves.toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/外部页面/), user: true },
      });
    }
    expect(calls).toEqual(['info']);
  });
});

describe('window and session hardening', () => {
  function standIns() {
    type Listener = (e: { preventDefault(): void }, url: string) => void;
    const listeners = new Map<string, Listener[]>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const contents: HardenedContents = {
      on: (event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return contents;
      },
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
    };
    const emit = (event: string, url?: string) => {
      let prevented = false;
      for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url ?? '');
      return prevented;
    };
    return { contents, emit, open: (url: string) => openHandler!({ url }) };
  }

  it('stops navigations and redirects away from the page, webviews, and new windows; opens no external URL', () => {
    const opened: string[] = [];
    const s = standIns();
    hardenContents(
      s.contents,
      () => APP,
      (url) => opened.push(url),
    );
    expect(s.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(s.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(s.emit('will-redirect', 'https://example.com/')).toBe(true);
    expect(s.emit('will-navigate', `${APP}#/charts`)).toBe(false);
    expect(s.emit('will-attach-webview')).toBe(true);
    expect(s.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(s.open('mailto:x@example.com')).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
    expect(navigationAllowed('javascript:alert(1)', APP)).toBe(false);
  });

  it('denies every permission request and every permission check', () => {
    let request: Parameters<HardenedSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<HardenedSession['setPermissionCheckHandler']>[0] | null = null;
    hardenSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const answers: boolean[] = [];
      request!(null, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(check!(null, permission)).toBe(false);
    }
  });

  it('a second start brings the first window forward', () => {
    const done: string[] = [];
    const win = {
      isMinimized: () => true,
      restore: () => done.push('restore'),
      show: () => done.push('show'),
      focus: () => done.push('focus'),
    };
    focusFirstWindow(win);
    expect(done).toEqual(['restore', 'show', 'focus']);
    expect(() => focusFirstWindow(undefined)).not.toThrow();
  });
});

describe('CAMPAIGN_SQLITE_BINDING only in development', () => {
  it('drops the override from a packaged app’s worker environment and keeps it in development', () => {
    const env = { PATH: '/usr/bin', [SQLITE_BINDING_VARIABLE]: '/tmp/evil.node' };
    expect(coreWorkerEnv(env, true)).toEqual({ PATH: '/usr/bin' });
    expect(coreWorkerEnv(env, false)).toBe(env);
  });
});

describe('Electron fuses in the packaging configuration', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { afterPack?: string; asar?: boolean } };
  const require = createRequire(import.meta.url);
  const hook = require(join(root, pkg.build.afterPack ?? 'missing')) as {
    fusesFor(platform: string): Record<string, boolean>;
    flipFusesInBuffer(bytes: Buffer, fuses: Record<string, boolean>): number;
    fuseFileOf(context: unknown): string;
  };
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

  it('electron-builder runs the fuse hook after packing, with the app in an asar', () => {
    expect(pkg.build.afterPack).toBe('scripts/electron-fuses.cjs');
    expect(pkg.build.asar).not.toBe(false);
  });

  it('sets RunAsNode, NODE_OPTIONS and inspect arguments off, asar-only loading and cookie encryption on', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      expect(hook.fusesFor(platform)).toMatchObject({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
        enableCookieEncryption: true,
      });
    }
    expect(hook.fusesFor('darwin').enableEmbeddedAsarIntegrityValidation).toBe(true);
  });

  it('writes the fuse wire of a binary as Electron reads it, both slices of a universal binary, and refuses a binary without one', () => {
    // Electron's defaults: RunAsNode on, cookies plain, NODE_OPTIONS on, inspect on, integrity off, asar-only off, v8 snapshot off, file privileges on, a removed fuse.
    const slice = (wire: string) =>
      Buffer.concat([
        Buffer.from('\x7fELF...code...'),
        Buffer.from(SENTINEL),
        Buffer.from([1, wire.length]),
        Buffer.from(wire),
        Buffer.from('...more code'),
      ]);
    const binary = Buffer.concat([slice('10110001r'), slice('10110001r')]);
    expect(hook.flipFusesInBuffer(binary, hook.fusesFor('darwin'))).toBe(2);
    const wires = [...binary.toString('latin1').matchAll(new RegExp(`${SENTINEL}\\x01\\x09(.{9})`, 'g'))].map((m) => m[1]);
    expect(wires).toEqual(['01001101r', '01001101r']);
    // Elsewhere asar integrity stays as Electron has it (off).
    const linux = slice('10110001r');
    hook.flipFusesInBuffer(linux, hook.fusesFor('linux'));
    expect(linux.toString('latin1')).toContain(`${SENTINEL}\x01\x0901000101r`);
    expect(() => hook.flipFusesInBuffer(Buffer.from('no fuses here'), hook.fusesFor('linux'))).toThrow(/sentinel not found/);
    expect(() =>
      hook.flipFusesInBuffer(Buffer.concat([Buffer.from(SENTINEL), Buffer.from([2, 3]), Buffer.from('111')]), hook.fusesFor('linux')),
    ).toThrow(/version 2/);
  });

  it('finds the binary holding the fuses in each platform’s packed app', () => {
    const packager = { appInfo: { productFilename: '专项行动统计分析工作站' }, executableName: 'campaign-workstation' };
    expect(hook.fuseFileOf({ electronPlatformName: 'win32', appOutDir: '/out/win-unpacked', packager })).toBe(
      join('/out/win-unpacked', '专项行动统计分析工作站.exe'),
    );
    expect(hook.fuseFileOf({ electronPlatformName: 'linux', appOutDir: '/out/linux-unpacked', packager })).toBe(
      join('/out/linux-unpacked', 'campaign-workstation'),
    );
    expect(hook.fuseFileOf({ electronPlatformName: 'darwin', appOutDir: '/out/mac', packager })).toMatch(
      /专项行动统计分析工作站\.app\/Contents\/Frameworks\/Electron Framework\.framework\/Electron Framework$/,
    );
  });
});
