// The 导入 view after a sync, in real Chromium (web mode on a new database holding one local import,
// synced from a real server on the run's PostgreSQL): each batch is marked 省厅 or 本地; a 省厅 batch offers no
// 撤销 (it is undone on the server), a local one does. Screenshot at 1600×1000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateCentral } from '../../electron/central/schema';
import type { CentralServer } from '../../electron/central/api-server';
import { useTestDatabase } from '../central/support';
import { figures, recordOn, startApi, unitsOf } from '../sync/support';
import { act, openEmptyHarness, screenshot, type Harness } from './harness';

const db = useTestDatabase();
const PASSWORD = 'e2e-sync-origin-5521';
let api: CentralServer;
let h: Harness;

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  api = await startApi(pool);
  const record = await recordOn(pool, api.url, PASSWORD);
  await record.accept(140500, '晋城-省厅采用.csv', figures(await unitsOf(pool, 140500), [2, 24], [20_300, 20_301], 5));
  ({ h } = await openEmptyHarness());
  // A return imported on this workstation only (another city, so no figure of it is the server's).
  const local = [
    '日期,地区,部门,指标,数值,单位,备注',
    '2025-07-30,阳泉市城区,综合,出动民警辅警,12,人次,',
    '2025-07-30,阳泉市矿区,综合,出动民警辅警,9,人次,',
  ].join('\r\n');
  const imported = await h.core.call('import', {
    files: [{ name: '阳泉-本机导入.csv', bytes: new TextEncoder().encode(local) }],
    replace: false,
    rejects: false,
  });
  if (!imported.ok || !imported.result.ok) throw new Error(JSON.stringify(imported).slice(0, 500));
  const login = await h.core.call('serverLogin', { url: api.url, user: record.analyst.name, password: PASSWORD });
  if (!login.ok) throw new Error(login.error.message);
  const synced = await h.core.call('syncNow', {});
  if (!synced.ok) throw new Error(synced.error.message);
  expect(synced.result.batches_added).toBe(1);
});

afterAll(async () => {
  await h?.close();
  await api?.close();
});

describe('the 导入 view of a synced copy', () => {
  it('marks each batch 省厅 or 本地 and offers 撤销 only for local ones', async () => {
    await act(h.page, () => h.page.goto(`${h.server.url}#/import`));
    const panel = h.page.getByTestId('batches');
    await panel.getByText('晋城-省厅采用.csv').waitFor();
    const info = await h.core.call('info', {});
    if (!info.ok) throw new Error(info.error.message);
    const server = info.result.batches.find((b) => b.origin === 'server')!;
    const local = info.result.batches.find((b) => b.origin === 'local')!;
    expect(await h.page.getByTestId(`origin-${server.id}`).textContent()).toBe('省厅');
    expect(await h.page.getByTestId(`origin-${local.id}`).textContent()).toBe('本地');
    expect(await h.page.getByTestId(`undo-${server.id}`).count()).toBe(0);
    expect(await h.page.getByTestId(`undo-${local.id}`).count()).toBe(1);
    await screenshot(h.page, 'sync-import-origin-1600');
    expect(h.problems).toEqual([]);
  });
});
