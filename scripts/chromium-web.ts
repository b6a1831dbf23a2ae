// The web mode driven in headless Chromium through playwright-core: the browser, the renderer built
// with its test hooks, and the web mode started on a database with a page open. Shared by the
// end-to-end tests (test/e2e/harness.ts) and `npm run bench:ui` (scripts/bench-ui.ts); nothing here
// depends on vitest, so the benchmark runs outside a test run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startWebMode } from '../electron/web/web-main';
import type { WebServer } from '../electron/web/web-server';
import type { CoreClient } from '../electron/core/core-client';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The renderer built with its test hooks (window.__campaign): what the tests and the benchmark serve. */
export const TEST_RENDERER_DIR = join(process.cwd(), 'dist', 'renderer-test');

/**
 * Builds the test renderer once per `run` (a test run's id: the same id again finds it built).
 * Several processes may ask at once and share dist/renderer-test: the first builds it, the others
 * wait for that build instead of emptying the directory under it.
 */
export function buildTestRenderer(run: string): void {
  const stamp = join(process.cwd(), 'test-output', 'renderer-build.stamp');
  const lock = join(process.cwd(), 'test-output', 'renderer-build.lock');
  mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
  for (;;) {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return;
    try {
      mkdirSync(lock);
    } catch {
      // A lock left by a run that was killed is taken over after 5 minutes.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000)
        rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      continue;
    }
    try {
      // NODE_ENV: vitest sets it to "test", and Vite would bundle React's development build — slower,
      // CAMPAIGN_TEST_HOOKS: the test build, into dist/renderer-test (the shipped one has no hooks).
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production', CAMPAIGN_TEST_HOOKS: '1' },
      });
      writeFileSync(stamp, run);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WebInChromium {
  server: WebServer;
  core: CoreClient;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** The web mode on `db` (serving the test renderer, `home` as its per-user folder) and a Chromium page. */
export async function startWebInChromium(db: string, home: string, context: BrowserContextOptions): Promise<WebInChromium> {
  const { server, core } = await startWebMode({ db, port: 0, home, rendererDir: TEST_RENDERER_DIR });
  const browser = await launchChromium();
  const ctx = await browser.newContext(context);
  const page = await ctx.newPage();
  return { server, core, browser, context: ctx, page };
}
