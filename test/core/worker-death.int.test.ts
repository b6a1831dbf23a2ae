// The core worker dies (exits in a call, throws outside one, runs out of its heap) and bugs happen:
// pending calls fail at once with a clear message, the worker comes back on the same database, a
// crash loop stops, and no stack trace reaches the caller: it goes to the per-user error log.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreClient } from '../../electron/core/core-client';
import { errorLogPath } from '../../electron/core/error-log';
import { tempDir } from '../support/temp-db';
import { send } from '../support/send';

const HOOKS = { ...process.env, CAMPAIGN_TEST_HOOKS: '1' };
const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function startCore(options: { dbPath: string | null; home: string; heapMb?: number; env?: NodeJS.ProcessEnv }): CoreClient {
  const core = new CoreClient({ env: HOOKS, ...options });
  clients.push(core);
  return core;
}

const ERROR_ID = /E-\d{8}-[0-9A-F]{4}/;

/** A small import, made of other figures than the issue's, written straight into the database. */
async function importSome(core: CoreClient, dir: string): Promise<void> {
  const csv = '日期,地区,部门,指标,数值\n2024-07-15,大同市平城区,综合,出动民警辅警,41\n2024-07-15,大同市云冈区,综合,出动民警辅警,17\n';
  const outcome = await send(core, 'import', { files: [{ name: 'datong.csv', bytes: new Uint8Array(Buffer.from(csv)) }] });
  if (!outcome.ok) throw new Error(outcome.error.message);
  writeFileSync(join(dir, 'imported'), '');
}

const DAY = { from: '2024-07-15', to: '2024-07-15', by: ['indicator'] as 'indicator'[] };

describe('a core worker that dies', () => {
  it('fails the pending call at once, restarts on the same database, and answers the next call', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const core = startCore({ dbPath: join(dir, 'work.db'), home });
    await core.ready;
    await importSome(core, dir);

    core.injectTestFault('exit');
    const started = Date.now();
    const pending = send(core, 'query', DAY);
    const queued = send(core, 'info', {});
    const [failed, alsoFailed] = await Promise.all([pending, queued]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(failed.ok).toBe(false);
    if (failed.ok || alsoFailed.ok) throw new Error('expected failures');
    expect(failed.error.coreRestart).toBe('restarted');
    expect(failed.error.message).toMatch(
      /^数据处理进程意外退出，已自动重启；请重试刚才的操作（错误编号 E-\d{8}-[0-9A-F]{4}，详情已记入 errors\.log）$/,
    );
    expect(alsoFailed.error.coreRestart).toBe('restarted');
    // Both failures name the restart they tell of, as the restarted worker's dataStatus counts it.
    expect([failed.error.coreRestarts, alsoFailed.error.coreRestarts]).toEqual([1, 1]);
    expect(core.restartCount).toBe(1);

    // The restarted worker opened the same file: the figures imported before are there.
    const again = await send(core, 'query', DAY);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.result.rows.map((r) => r.value)).toEqual([58]);
    const status = await send(core, 'dataStatus', {});
    expect(status.ok && status.result.coreRestarts).toBe(1);

    const log = readFileSync(errorLogPath(home), 'utf8');
    expect(log).toContain(failed.error.message.match(ERROR_ID)![0]);
    expect(log).toMatch(/core worker exited with code 70/);
  });

  it('restarts on the database the session opened last, after a throw outside any call', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const core = startCore({ dbPath: null, home });
    await core.ready;
    const path = join(dir, 'chosen.db');
    const created = await send(core, 'createDatabase', { path });
    expect(created.ok).toBe(true);

    core.injectTestFault('uncaught');
    for (let i = 0; i < 200 && core.restartCount === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(core.restartCount).toBe(1);
    const state = await send(core, 'workspace', {});
    expect(state.ok && state.result.path).toBe(path);
    expect(readFileSync(errorLogPath(home), 'utf8')).toMatch(/InjectedBug/);
  });

  it('fails a call whose work runs the worker out of its heap, and carries on', async () => {
    const dir = tempDir();
    const core = startCore({ dbPath: join(dir, 'oom.db'), home: join(dir, 'home'), heapMb: 160 });
    await core.ready;
    core.injectTestFault('oom');
    const outcome = await send(core, 'query', DAY);
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error.message).toMatch(/^数据处理进程内存不足，意外退出，已自动重启/);
    const next = await send(core, 'catalogue', {});
    expect(next.ok).toBe(true);
  });

  it('stops restarting after three deaths within a minute, and every later call says so at once', async () => {
    const dir = tempDir();
    const core = startCore({ dbPath: join(dir, 'loop.db'), home: join(dir, 'home') });
    await core.ready;
    for (let i = 1; i <= 2; i++) {
      core.injectTestFault('exit');
      const died = await send(core, 'info', {});
      expect(!died.ok && died.error.coreRestart).toBe('restarted');
      expect(!died.ok && died.error.coreRestarts).toBe(i);
    }
    core.injectTestFault('exit');
    const last = await send(core, 'info', {});
    if (last.ok) throw new Error('expected a failure');
    expect(last.error.coreRestart).toBe('stopped');
    expect(last.error.coreRestarts).toBe(2);
    expect(last.error.message).toMatch(/1 分钟内已退出 3 次，已停止自动重启；请关闭并重新启动工作站/);
    expect(core.restartCount).toBe(2);
    const started = Date.now();
    const later = await send(core, 'catalogue', {});
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(!later.ok && later.error.message).toBe(last.error.message);
  });
});

describe('bugs in a call', () => {
  it('reach the caller as an id, with the stack in a private log file', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const core = startCore({ dbPath: join(dir, 'bug.db'), home });
    await core.ready;
    core.injectTestFault('bug');
    const outcome = await send(core, 'query', { ...DAY, regions: ['大同市'] });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error.user).toBe(false);
    expect(outcome.error.message).toMatch(/^内部错误（编号 E-\d{8}-[0-9A-F]{4}），详情已记入 errors\.log$/);
    const id = outcome.error.message.match(ERROR_ID)![0];
    const log = readFileSync(errorLogPath(home), 'utf8');
    const entry = log.slice(log.indexOf(id));
    expect(entry).toMatch(/操作 query/);
    expect(entry).toMatch(/InjectedBug: injected test fault[^\n]*\n\s+at /);
    // The input's shape, never its values (police data).
    expect(entry).toMatch(/regions: \[1 items\]/);
    expect(entry).not.toContain('大同市');
    expect(statSync(errorLogPath(home)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'logs')).mode & 0o777).toBe(0o700);
    // The worker carries on.
    expect((await send(core, 'info', {})).ok).toBe(true);
  });
});
