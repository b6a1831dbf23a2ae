// The end-to-end harness: the built renderer in web mode on a copy of the demo database, driven
// in real Chromium through playwright-core.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openWorkspace } from '../../electron/store/workspace';
import type { WebServer } from '../../electron/web/web-server';
import type { CoreClient } from '../../electron/core/core-client';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { buildTestRenderer, startWebInChromium } from '../../scripts/chromium-web';
import { runCli } from '../support/cli';

export { CHROMIUM, CHROMIUM_ARGS, TEST_RENDERER_DIR } from '../../scripts/chromium-web';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

/** The test renderer, built once per test run (several E2E files ask for it at once). */
export function buildRenderer(): void {
  buildTestRenderer(inject('demoDb'));
}

export interface Harness {
  dir: string;
  db: string;
  server: WebServer;
  core: CoreClient;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** console errors/warnings and page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** The web mode and Chromium on a copy of `demoDb`, or on a new empty database when it is null. */
export async function startHarness(demoDb: string | null): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-e2e-'));
  const db = join(dir, 'e2e.db');
  if (demoDb) copyFileSync(demoDb, db);
  else openWorkspace(db).close();
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The per-user folder is the test's own: the real one is never written by tests.
  const { server, core, browser, context, page } = await startWebInChromium(db, join(dir, 'home'), {
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message} @ ${e.stack?.split('\n').slice(1, 4).join(' | ') ?? ''}`));
  return {
    dir,
    db,
    server,
    core,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await core.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The built renderer in web mode on a copy of the demo database, in Chromium, and its catalogue. */
export async function openDemoHarness(): Promise<{ h: Harness; catalogue: Catalogue }> {
  return openHarness(inject('demoDb'));
}

/** A new empty database (a province's copy before its first sync): the demo is never synced. */
export async function openEmptyHarness(): Promise<{ h: Harness; catalogue: Catalogue }> {
  return openHarness(null);
}

async function openHarness(demoDb: string | null): Promise<{ h: Harness; catalogue: Catalogue }> {
  buildRenderer();
  const h = await startHarness(demoDb);
  const outcome = await h.core.call('catalogue', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { h, catalogue: outcome.result };
}

/** The state version now (bumped by every filter or view change). */
export function stateVersion(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.dataset.stateVersion ?? -1));
}

/** Waits until everything on screen shows a state newer than `after` (or the current one). */
export async function waitDrawn(page: Page, after = -1): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const d = document.documentElement.dataset;
      const s = Number(d.stateVersion ?? -1);
      return s > min && Number(d.readyVersion ?? -1) >= s;
    },
    after,
    { timeout: 30_000 },
  );
}

/** Runs a UI action and waits for the views to redraw for the state it leads to. */
export async function act(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await stateVersion(page);
  await action();
  await waitDrawn(page, before);
}

export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === '—') return null;
  return Number(t.replace(/,/g, ''));
}

/**
 * The grid's rows as label → text of a column, read from the DOM (all rows of these small grids
 * are in view). Cells of one row may sit in several row elements (pinned parts): joined by row-index.
 */
export async function gridColumn(page: Page, colId: string): Promise<Map<string, string>> {
  const entries = await page.evaluate((col) => {
    const rows = new Map<string, { label?: string; value?: string }>();
    for (const row of document.querySelectorAll('.grid-host .grid-pane.is-active .ag-row[row-index]')) {
      const index = row.getAttribute('row-index') ?? '';
      if (!/^\d+$/.test(index)) continue; // pinned rows are b-0, t-0
      const r = rows.get(index) ?? {};
      const label = row.querySelector('[col-id="label"]');
      const value = row.querySelector(`[col-id="${col}"]`);
      if (label) r.label = label.textContent ?? '';
      if (value) r.value = value.textContent ?? '';
      rows.set(index, r);
    }
    return [...rows.values()].map((r) => [r.label ?? '', r.value ?? ''] as [string, string]);
  }, colId);
  return new Map(entries);
}

/** The pinned total row's text in a column. */
export async function gridTotal(page: Page, colId: string): Promise<string> {
  return page.locator(`.grid-host .grid-pane.is-active .ag-row[row-index="b-0"] [col-id="${colId}"]`).first().innerText();
}

/** `campaign ARGS… --format json`, parsed; throws unless it exited 0. */
export function cli(args: string[]): unknown {
  const r = runCli([...args, '--format', 'json']);
  if (r.code !== 0) throw new Error(`campaign ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
