// Issue 12 §6, Electron hardening, the parts that start a process or a worker: the bundled main
// process installs the guards of electron-guard.test.ts, and a packaged app's core worker drops the
// SQLite binding override (a real worker, a real database).
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CoreClient } from '../../electron/core/core-client';
import { errorLogPath } from '../../electron/core/error-log';
import { coreWorkerEnv, SQLITE_BINDING_VARIABLE } from '../../electron/main/ipc-guard';
import { tempDir } from '../support/temp-db';

const root = join(__dirname, '..', '..');

describe('window and session hardening', () => {
  it('the bundled main process installs all of it and has no openExternal left', () => {
    const outdir = join(root, 'test-output', 'electron-bundle-guard');
    execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', outdir], { cwd: root, stdio: 'pipe' });
    const main = readFileSync(join(outdir, 'main.cjs'), 'utf8');
    for (const call of [
      'requestSingleInstanceLock()',
      '"second-instance"',
      'setPermissionCheckHandler',
      'setPermissionRequestHandler',
      'setWindowOpenHandler',
      '"will-navigate"',
      '"will-redirect"',
    ]) {
      expect(main, call).toContain(call);
    }
    expect(main).not.toMatch(/\.openExternal\(/);
    expect(main).not.toContain('startsWith("file://")');
  }, 120_000);
});

describe('CAMPAIGN_SQLITE_BINDING only in development', () => {
  it('a core worker started as a packaged app starts it ignores a planted binding; in development it is used', async () => {
    const dir = tempDir();
    const db = join(dir, 'campaign.db');
    copyFileSync(inject('demoDb'), db);
    // A file that is not a native module: loading it as better-sqlite3's binding fails.
    const planted = join(dir, 'planted.node');
    copyFileSync(db, planted);
    const env = { ...process.env, [SQLITE_BINDING_VARIABLE]: planted };
    const run = async (packaged: boolean) => {
      const core = new CoreClient({ dbPath: db, home: join(dir, `home-${packaged}`), env: coreWorkerEnv(env, packaged) });
      try {
        return await core.call('info', {});
      } finally {
        await core.close();
      }
    };
    expect(await run(true)).toMatchObject({ ok: true, result: { facts: expect.any(Number) } });
    // In development the planted file is loaded and fails: a bug with an id, its detail in the error log.
    const dev = await run(false);
    expect(dev).toMatchObject({ ok: false, error: { user: false } });
    expect(readFileSync(errorLogPath(join(dir, 'home-false')), 'utf8')).toMatch(/planted\.node/);
  }, 60_000);
});
