// The page in real Chromium while another program writes its database (a real `campaign import`
// process) and while the core worker dies: it shows the new figures with a notice, and keeps working.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SliceResult } from '../../shared/api/slice';
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import { act, cli, gridTotal, parseNumber, screenshot, openDemoHarness, waitDrawn, type Harness } from './harness';

const PHASE = '2022年第一次集中统一行动';

let h: Harness;
let indicator: Indicator;

function phaseTotal(): number | null {
  return (cli(['query', '--db', h.db, '--phase', PHASE, '--indicator', indicator.key]) as SliceResult).total.value;
}

async function shownTotal(): Promise<number | null> {
  return parseNumber(await gridTotal(h.page, `v${indicator.id}`));
}

describe('a page that survives other writers and a dying core (end to end, Chromium)', () => {
  beforeAll(async () => {
    // The core worker honours injected faults only in a test run (CAMPAIGN_TEST_HOOKS=1).
    process.env.CAMPAIGN_TEST_HOOKS = '1';
    let catalogue: Catalogue;
    ({ h, catalogue } = await openDemoHarness());
    // A column the grid shows by default.
    indicator = catalogue.indicators.find((i) => i.key === '综合/出动民警辅警')!;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the figures another program imported, within seconds, and says so', async () => {
    const { page } = h;
    await page.goto(h.server.url);
    await waitDrawn(page);
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
    await act(page, () => page.click('[data-view="grid"]'));
    const before = phaseTotal();
    expect(await shownTotal()).toBe(before);

    const days = (cli(['query', '--db', h.db, '--phase', PHASE, '--indicator', indicator.key, '--by', 'day']) as SliceResult).rows;
    const day = String(days[Math.floor(days.length / 2)]!.day);
    const file = join(h.dir, 'other-writer.csv');
    writeFileSync(
      file,
      `日期,地区,部门,指标,数值\n${day},运城市盐湖区,综合,${indicator.name},98765\n${day},忻州市忻府区,综合,${indicator.name},4321\n`,
    );
    // A separate process on the same file, as an analyst's script would run it.
    execFileSync(process.execPath, ['bin/campaign.js', 'import', '--replace', '--db', h.db, file], { encoding: 'utf8' });
    const after = phaseTotal();
    expect(after).not.toBe(before);

    const notice = page.locator('[data-testid="data-notice"][data-kind="external"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.locator('.banner-text').innerText()).toBe('数据已被其他程序更新，已刷新');
    await expect.poll(shownTotal, { timeout: 15_000 }).toBe(after);
    await screenshot(page, 'survive-01-external-change');
  });

  it('says the core restarted when it died under a call, and keeps answering', async () => {
    const { page } = h;
    const closeNotice = page.locator('[data-testid="data-notice"] [aria-label="关闭"]');
    if (await closeNotice.count()) await closeNotice.click();
    h.core.injectTestFault('exit');
    // The next call the page makes (this filter change, or its own status poll) meets the dying worker.
    await page.click('[data-testid="compare"] button:has-text("环比")');
    const notice = page.locator('[data-testid="data-notice"][data-kind="restarted"]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.innerText()).toMatch(/^数据处理进程意外退出/);
    expect(await notice.innerText()).not.toMatch(/\bat |\/tmp\//);
    expect(h.core.restartCount).toBe(1);
    // The views ask again once the worker is back: the grid shows the figures of the file.
    await expect.poll(shownTotal, { timeout: 60_000 }).toBe(phaseTotal());
    await screenshot(page, 'survive-02-core-restarted');
    await act(page, () => page.click('[data-testid="compare"] button:has-text("同比")'));
    expect(await shownTotal()).toBe(phaseTotal());
    expect(await page.locator('.banner-error:not(.data-notice)').count()).toBe(0);

    // A death outside any call: the page learns it from its status poll.
    await page.locator('[data-testid="data-notice"] [aria-label="关闭"]').click();
    await expect.poll(() => page.locator('[data-testid="data-notice"]').count()).toBe(0);
    h.core.injectTestFault('uncaught');
    await page.locator('[data-testid="data-notice"][data-kind="restarted"]').waitFor({ timeout: 60_000 });
    expect(h.core.restartCount).toBe(2);
    await act(page, () => page.click('[data-testid="compare"] button:has-text("环比")'));
    expect(await shownTotal()).toBe(phaseTotal());
  });
});
