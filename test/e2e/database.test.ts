// Choosing the database in the page (web mode, real Chromium): the first start without a
// database offers 打开演示数据 / 新建空数据库 / 打开已有数据库; a new file is empty and every view shows
// its empty state; the demo shows the 演示数据 badge and its grid CSV says so on its first line;
// the database opened last is reopened at the next start.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebMode, type WebMode } from '../../electron/web/web-main';
import { DEMO_MARK } from '../../shared/demo';
import { act, buildRenderer, CHROMIUM, CHROMIUM_ARGS, cli, screenshot, SCREENSHOTS, TEST_RENDERER_DIR, waitDrawn } from './harness';

let dir: string;
let home: string;
let web: WebMode;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function start(): Promise<void> {
  web = await startWebMode({ port: 0, home, rendererDir: TEST_RENDERER_DIR });
}

async function stop(): Promise<void> {
  await web.server.close();
  await web.core.close();
}

async function openView(view: string): Promise<void> {
  await page.click(`[data-view="${view}"]`);
  await page.waitForSelector(`[data-view="${view}"][aria-current="page"]`);
}

describe('database choice (end to end, Chromium)', () => {
  beforeAll(async () => {
    buildRenderer();
    dir = mkdtempSync(join(tmpdir(), 'campaign-e2e-db-'));
    home = join(dir, 'home');
    mkdirSync(home);
    // The demo file is already there (built once for the whole run): 打开演示数据 opens it rather
    // than spending a minute building it again.
    copyFileSync(inject('demoDb'), join(home, 'demo.db'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    // Not counted: the 400 answers to the bad paths this test types on purpose, and ECharts'
    // "layerStack" error on leaving the charts view, which issue 11 §8 fixes on its own.
    page.on('pageerror', (e) => {
      if (!e.message.includes('layerStack')) problems.push(`pageerror: ${e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('status of 400')) problems.push(`console: ${m.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a first start without a database offers the three choices, readable at 1366×768', async () => {
    expect(web.dbPath).toBeNull();
    await page.goto(web.server.url);
    await page.waitForSelector('[data-testid="first-start"]');
    for (const id of ['db-open-demo', 'db-create', 'db-open'])
      await expect(page.locator(`[data-testid="${id}"]`).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="first-start"]').innerText()).resolves.toMatch(
      /打开演示数据[\s\S]*新建空数据库[\s\S]*打开已有数据库/,
    );
    await screenshot(page, 'db-01-first-start-1600');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'db-01-first-start-1366');
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 120_000);

  it('新建空数据库: a bad path says why; a good one opens an empty database, remembered', async () => {
    await page.click('[data-testid="db-create"]');
    const submit = async (path: string) => {
      await page.fill('[data-testid="db-path"]', path);
      await page.click('[data-testid="db-path-submit"]');
    };
    await submit('相对路径.db');
    await expect(page.locator('[data-testid="db-error"]').innerText()).resolves.toContain('请填写完整路径');
    await submit(join(dir, '不存在的文件夹', '数据.db'));
    await page.waitForFunction(() => document.querySelector('[data-testid="db-error"]')?.textContent?.includes('文件夹不存在'));
    await submit(join(dir, '数据.txt'));
    await page.waitForFunction(() => document.querySelector('[data-testid="db-error"]')?.textContent?.includes('.db 结尾'));
    await screenshot(page, 'db-02-create-error');

    const fresh = join(dir, '2024年夏季行动.db');
    await submit(fresh);
    await page.waitForSelector('[data-testid="db-file"]');
    await expect(page.locator('[data-testid="db-file"]').innerText()).resolves.toBe('2024年夏季行动.db');
    await waitDrawn(page);
    await page.waitForSelector('[data-testid="data-status"][data-loaded="true"]');
    await expect(page.locator('[data-testid="data-status"]').innerText()).resolves.toMatch(/数据 0 条/);
    expect(await page.locator('[data-testid="demo-badge"]').count()).toBe(0);
    await screenshot(page, 'db-03-empty-overview');
    // The file is what the CLI sees: empty, no demo batch; and it is remembered.
    expect(cli(['info', '--db', fresh])).toMatchObject({ facts: 0, demo: false, batches: [] });
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toEqual({ lastDatabase: fresh });
    expect(problems).toEqual([]);
  }, 180_000);

  it('the empty database: every view shows its empty state, none fails', async () => {
    for (const view of ['grid', 'charts', 'completeness', 'import', 'overview']) {
      await act(page, () => openView(view));
      await expect(page.locator('.main').innerText()).resolves.not.toContain('界面出错');
      if (view === 'grid' || view === 'charts') {
        await page.waitForSelector('.main .empty-state');
        await screenshot(page, `db-04-empty-${view}`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('打开已有数据库 refuses a file that is not a workstation database', async () => {
    const bogus = join(dir, '别的文件.db');
    writeFileSync(bogus, 'not a database at all, just text');
    await page.click('[data-testid="db-menu"]');
    await page.click('[data-testid="db-open"]');
    await page.fill('[data-testid="db-path"]', bogus);
    await page.click('[data-testid="db-path-submit"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="db-error"]')?.textContent?.includes('不是工作站的数据库文件'));
    await screenshot(page, 'db-05-menu-open-error');
    // Still on the empty file.
    await expect(page.locator('[data-testid="db-file"]').innerText()).resolves.toBe('2024年夏季行动.db');
    await page.keyboard.press('Escape');
  }, 120_000);

  it('演示数据 from the header menu: the badge, the demo figures, and the grid CSV says 演示数据 first', async () => {
    await page.click('[data-testid="db-menu"]');
    await page.click('[data-testid="db-open-demo"]');
    await page.waitForSelector('[data-testid="demo-badge"]');
    await expect(page.locator('[data-testid="db-file"]').innerText()).resolves.toBe('demo.db');
    await waitDrawn(page);
    await page.waitForSelector('[data-testid="data-status"][data-loaded="true"]');
    await expect(page.locator('[data-testid="data-status"]').innerText()).resolves.toMatch(/数据 1,279,488 条/);
    await screenshot(page, 'db-06-demo-badge-1600');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'db-06-demo-badge-1366');
    await page.setViewportSize({ width: 1600, height: 1000 });

    await openView('grid');
    await waitDrawn(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const text = readFileSync(await download.path()).toString('utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(DEMO_MARK);
    expect(problems).toEqual([]);
  }, 180_000);

  it('the next start reopens the database opened last, with the same token', async () => {
    const token = web.server.token;
    await stop();
    await start();
    expect(web.dbPath).toBe(join(home, 'demo.db'));
    expect(web.server.token).toBe(token);
    await page.goto(web.server.url);
    await page.waitForSelector('[data-testid="demo-badge"]');
    expect(await page.locator('[data-testid="first-start"]').count()).toBe(0);
    expect(statSync(join(home, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(home, 'web-token'))).toBe(true);
  }, 180_000);
});
