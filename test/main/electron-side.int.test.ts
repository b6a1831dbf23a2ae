// The Electron side without Electron (its binary cannot be fetched on the build machine): the
// bundles `npm start` and `npm run dist` ship, run in Node — the core worker as the window's main
// process starts it, the validation worker it starts for large imports — and the main process's
// handling of page calls.
import { parseOperationInput } from '../../shared/api/parse-input';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CoreClient } from '../../electron/core/core-client';
import { makeApiCallHandler, type Core } from '../../electron/main/api-call';
import type { SliceResult } from '../../shared/api/slice';
import type { ImportReport } from '../../shared/api/import';
import { tempDir } from '../support/temp-db';

const root = join(__dirname, '..', '..');
// Inside the repository, so that the bundles find node_modules (better-sqlite3) as they do in the app.
const outdir = join(root, 'test-output', 'electron-bundle');

describe('Electron bundles', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', outdir], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('keeps the sandboxed preload to electron alone, exposing only api.call, the database dialog and 记住密码', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("api"');
    expect(preload).toContain('invoke("api:call"');
    expect([...preload.matchAll(/invoke\("([^"]+)"/g)].map((m) => m[1])).toEqual([
      'api:call',
      'dialog:database',
      'credentials:state',
      'credentials:save',
      'credentials:forget',
      'credentials:login',
    ]);
  });

  it('runs the bundled core worker: queries, and a large import read by the bundled validation worker', async () => {
    // Imports are written by the bundled import writer thread (there is no source to fall back on beside the bundle).
    expect(existsSync(join(outdir, 'import-writer-worker.cjs'))).toBe(true);
    const dir = tempDir();
    const db = join(dir, 'campaign.db');
    copyFileSync(inject('demoDb'), db);
    const core = new CoreClient({
      dbPath: db,
      home: join(dir, 'home'),
      workerScript: join(outdir, 'core-worker.cjs'),
      // Every import goes through the validation worker.
      env: { ...process.env, CAMPAIGN_IMPORT_WORKER_MIN_BYTES: '0' },
    });
    try {
      const q = { phase: '第一次集中统一行动', indicators: ['出动民警辅警'], by: [] };
      const before = await core.call('query', parseOperationInput('query', q));
      expect(before.ok).toBe(true);
      const total = (before as { ok: true; result: SliceResult }).result.total.value!;
      expect(total).toBeGreaterThan(0);

      const lines = ['日期,地区,部门,指标,数值,单位'];
      for (let d = 1; d <= 3; d++) lines.push(`2024-07-0${d},太原市小店区,综合,出动民警辅警,${d * 10},人次`);
      const csv = { name: 'returns.csv', bytes: new Uint8Array(Buffer.from(lines.join('\n'))) };
      const progress: string[] = [];
      const imported = await core.call('import', parseOperationInput('import', { files: [csv] }), (p) => progress.push(p.stage));
      expect(imported).toMatchObject({ ok: true, result: { ok: true, files: [{ status: 'imported', facts: 3 }] } });
      expect(progress).toContain('validate');
      const after = await core.call(
        'query',
        parseOperationInput('query', { from: '2024-07-01', to: '2024-07-03', regions: ['140105'], indicators: ['出动民警辅警'], by: [] }),
      );
      expect((after as { ok: true; result: SliceResult }).result.total.value).toBe(60);

      const bad = {
        name: 'bad.csv',
        bytes: new Uint8Array(Buffer.from('日期,地区,部门,指标,数值,单位\n2024-07-04,不存在县,综合,出动民警辅警,1,人次\n')),
      };
      const rejected = (await core.call('import', parseOperationInput('import', { files: [bad] }))) as { ok: true; result: ImportReport };
      expect(rejected.result.ok).toBe(false);
      expect(rejected.result.errors[0]).toMatchObject({ row: 2, column: '地区', value: '不存在县' });
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('main process: calls from the page', () => {
  const calls: [string, unknown][] = [];
  const core: Core = {
    call: async (op, input) => {
      calls.push([op, input]);
      return { ok: true, result: 'answered' };
    },
  };
  const handle = makeApiCallHandler(
    () => core,
    () => 'file:///app/dist/renderer/index.html',
  );
  const page = { senderFrame: { url: 'file:///app/dist/renderer/index.html' } };

  it('passes a known operation on to the core with what the schema returned, not the raw input', async () => {
    const raw = { phase: '第一次集中统一行动', by: ['indicator'], smuggled: 'x' };
    await expect(handle(page, 'query', raw)).resolves.toEqual({ ok: true, result: 'answered' });
    // Defaults filled, unknown keys dropped: the parsed value, validated once here.
    expect(calls.at(-1)).toEqual([
      'query',
      { phase: '第一次集中统一行动', by: ['indicator'], regions: [], departments: [], indicators: [] },
    ]);
    await handle(page, 'openDatabase', { path: '  /tmp/甲.db  ' });
    expect(calls.at(-1)).toEqual(['openDatabase', { path: '/tmp/甲.db' }]);
  });

  it('says what is wrong field by field, in one style', async () => {
    const outcome = await handle(page, 'query', { from: '2023-13-01', to: '2023-07-09', by: ['nonsense'] });
    expect(outcome).toMatchObject({ ok: false, error: { user: true } });
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(/^起始日期: 日期须为 YYYY-MM-DD 格式的有效日期/);
      expect(outcome.error.message).toMatch(/；分组\.0: /);
    }
  });

  it('refuses an operation only the CLI offers (the demo into whatever database is open)', async () => {
    const n = calls.length;
    await expect(handle(page, 'buildDemo', {})).resolves.toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/未知操作/) },
    });
    expect(calls.length).toBe(n);
  });

  it('refuses other pages, unknown operations and invalid arguments, without calling the core', async () => {
    const n = calls.length;
    const refused = (message: RegExp) => ({ ok: false, error: { message: expect.stringMatching(message), user: true } });
    await expect(handle({ senderFrame: { url: 'https://example.com/' } }, 'info', {})).resolves.toEqual(refused(/外部页面/));
    await expect(handle({ senderFrame: null }, 'info', {})).resolves.toEqual(refused(/外部页面/));
    await expect(handle(page, 'dropTables', {})).resolves.toEqual(refused(/未知操作/));
    await expect(handle(page, 'query', { by: ['nonsense'] })).resolves.toEqual(refused(/./));
    expect(calls.length).toBe(n);
  });
});
