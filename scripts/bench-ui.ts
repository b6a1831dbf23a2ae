// `npm run bench:ui -- [--db PATH] [--runs N] [--facts N]`: the workstation in Chromium against
// web mode; prints the time to the first useful view and, for filter changes made as a user makes
// them (date presets, 同比, clicks on cities in the ranking chart, breadcrumbs), the time from the
// input event to "grid and charts redrawn" — the performance mark the renderer sets when every
// panel on screen shows the new filter (renderer/data/render-tracker.tsx). Not a test: figures.
// Default database: bench/generate.ts's 10M-fact file in bench-output/ (reused, or generated).
// BENCH_DETAIL=1 prints every sample; BENCH_TOGGLE=1 adds 同比 on/off with cached answers (the cost
// of the grid's column change alone).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { benchDbPath, ensureBenchDb } from '../bench/generate';
import { COUNTY_DAY_ROWS, type ViewState } from '../shared/api/views';
import { buildTestRenderer, startWebInChromium } from './chromium-web';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { db: { type: 'string' }, runs: { type: 'string', default: '3' }, facts: { type: 'string', default: '10000000' } },
});

const root = process.cwd();
let db = values.db;
if (!db) {
  const facts = Number(values.facts);
  const path = benchDbPath(join(root, 'bench-output'), facts);
  db = ensureBenchDb(path, facts, (s) => console.log(s)).path;
}
if (!existsSync(db)) throw new Error(`数据库不存在：${db}`);
// The renderer with its test hooks (window.__campaign: chart points to click, "redrawn" promises),
// built anew for this run.
buildTestRenderer(`bench-ui-${process.pid}-${Date.now()}`);

// A per-user folder of its own: the benchmark leaves the real settings and token alone.
const home = mkdtempSync(join(tmpdir(), 'campaign-bench-'));
const { server, core, browser, page } = await startWebInChromium(db, home, { viewport: { width: 1600, height: 1000 } });

// The county × day listing of one indicator over all the data, as a saved view the scroll test opens.
const LISTING_VIEW = '基准：县区×日期明细';
const info = await core.call('info', {});
if (!info.ok) throw new Error(info.error.message);
const views = await core.call('listViews', {});
if (views.ok) for (const v of views.result.filter((x) => x.name === LISTING_VIEW)) await core.call('deleteView', { id: v.id });
const listingState: ViewState = {
  view: 'grid',
  filter: {
    from: info.result.from!,
    to: info.result.to!,
    preset: null,
    regions: [],
    departments: [],
    indicators: ['综合/出动民警辅警'],
    compare: null,
  },
  rowsBy: COUNTY_DAY_ROWS,
  options: {},
};
const savedListing = await core.call('saveView', { name: LISTING_VIEW, state: listingState });
if (!savedListing.ok) throw new Error(savedListing.error.message);
const problems: string[] = [];
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
});
page.on('pageerror', (e) => problems.push(e.message));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

async function version(p: Page): Promise<number> {
  return p.evaluate(() => Number(document.documentElement.dataset.stateVersion ?? -1));
}

/** Arms a listener for the next input event; the action's duration runs from that event's timestamp. */
async function measure(p: Page, action: () => Promise<unknown>): Promise<number> {
  const before = await version(p);
  // A string: tsx would wrap a named inner function in a helper the page does not have.
  await p.evaluate(`(() => {
    delete window.__inputAt;
    for (const t of ['mousedown', 'change', 'keydown'])
      document.addEventListener(t, (e) => { if (window.__inputAt === undefined) window.__inputAt = e.timeStamp; }, { capture: true, once: true });
  })()`);
  await action();
  await p.waitForFunction(
    (min) => {
      const d = document.documentElement.dataset;
      const s = Number(d.stateVersion ?? -1);
      return s > min && Number(d.readyVersion ?? -1) >= s;
    },
    before,
    { timeout: 60_000 },
  );
  return p.evaluate(() => {
    const v = document.documentElement.dataset.readyVersion;
    const mark = performance.getEntriesByName(`campaign:ready:${v}`).at(-1);
    const at = (window as unknown as { __inputAt?: number }).__inputAt;
    return mark && at !== undefined ? mark.startTime - at : NaN;
  });
}

console.log(`数据库：${db}`);
const t0 = Date.now();
await page.goto(server.url);
await page.waitForFunction(() => Number(document.documentElement.dataset.readyVersion ?? -1) >= 1, undefined, { timeout: 60_000 });
const firstView = await page.evaluate(() => performance.getEntriesByName('campaign:ready:1')[0]?.startTime ?? NaN);
console.log(`首屏（导航开始 → 总览绘制完成）：${firstView.toFixed(0)} ms（含页面加载；墙钟 ${Date.now() - t0} ms）`);
await page.waitForSelector('[data-testid="data-status"][data-loaded="true"]', { timeout: 120_000 });
console.log(`页头数据概况（info）就绪：${Date.now() - t0} ms`);

const presets = await page.$$eval('[data-testid="date-preset"] option', (os) =>
  os
    .filter((o) => !(o as HTMLOptionElement).disabled && (o as HTMLOptionElement).value !== '__custom')
    .map((o) => (o as HTMLOptionElement).value),
);
const cities = ['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市'];

interface Sample {
  view: string;
  action: string;
  ms: number;
  run: number;
}
const samples: Sample[] = [];
const runs = Number(values.runs);

for (let run = 0; run < runs; run++) {
  // 表格: date presets and 同比 on/off.
  await measure(page, () => page.click('[data-view="grid"]'));
  for (const value of presets.slice(0, 8)) {
    samples.push({
      view: 'grid',
      action: `日期预设 ${value}`,
      run,
      ms: await measure(page, () => page.selectOption('[data-testid="date-preset"]', value)),
    });
    samples.push({
      view: 'grid',
      action: '同比',
      run,
      ms: await measure(page, () => page.click('[data-testid="compare"] button:has-text("同比")')),
    });
    samples.push({
      view: 'grid',
      action: '无对比',
      run,
      ms: await measure(page, () => page.click('[data-testid="compare"] button:has-text("无")')),
    });
    if (process.env.BENCH_TOGGLE) {
      samples.push({
        view: 'grid',
        action: '同比（已缓存）',
        run,
        ms: await measure(page, () => page.click('[data-testid="compare"] button:has-text("同比")')),
      });
      samples.push({
        view: 'grid',
        action: '无对比（已缓存）',
        run,
        ms: await measure(page, () => page.click('[data-testid="compare"] button:has-text("无")')),
      });
    }
  }
  // 图表: click each city in the ranking, then back to the province by the breadcrumb.
  await measure(page, () => page.click('[data-view="charts"]'));
  await measure(page, () => page.selectOption('[data-testid="date-preset"]', presets[(run + 1) % presets.length]!));
  for (const city of cities) {
    const point = await page.evaluate((c) => window.__campaign?.pointOf('ranking', c) ?? null, city);
    if (!point) continue;
    samples.push({ view: 'charts', action: `点击 ${city}`, run, ms: await measure(page, () => page.mouse.click(point.x, point.y)) });
    samples.push({
      view: 'charts',
      action: '路径返回山西省',
      run,
      ms: await measure(page, () => page.click('[data-testid="breadcrumbs"] button:has-text("山西省")')),
    });
  }
}

function report(label: string, xs: number[]) {
  const ok = xs.filter((x) => Number.isFinite(x));
  console.log(
    `${label.padEnd(28)} n=${String(ok.length).padStart(3)}  中位数 ${pct(ok, 50).toFixed(0).padStart(5)} ms  p95 ${pct(ok, 95).toFixed(0).padStart(5)} ms  最大 ${Math.max(
      ...ok,
    )
      .toFixed(0)
      .padStart(5)} ms`,
  );
}
console.log('\n筛选变化 → 表格与图表重绘完成（输入事件至 campaign:ready 标记）');
report(
  '表格（首轮，未缓存）',
  samples.filter((s) => s.view === 'grid' && s.run === 0).map((s) => s.ms),
);
report(
  '图表（首轮，未缓存）',
  samples.filter((s) => s.view === 'charts' && s.run === 0).map((s) => s.ms),
);
report(
  '表格（全部）',
  samples.filter((s) => s.view === 'grid').map((s) => s.ms),
);
report(
  '图表（全部）',
  samples.filter((s) => s.view === 'charts').map((s) => s.ms),
);
report(
  '全部',
  samples.map((s) => s.ms),
);
const slow = samples
  .filter((s) => s.ms > 150)
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 8);
if (slow.length) console.log('最慢：' + slow.map((s) => `${s.view}/${s.action}（第${s.run + 1}轮）${s.ms.toFixed(0)}ms`).join('；'));
// 100k rows and more: open the listing, then scroll it as a hand would (a steady drag, then a fast
// fling) and jump to its end. Frame intervals come from requestAnimationFrame; a blank frame is one
// painted with no row under a quarter, the middle or three quarters of the viewport's height.
const listingMs = await measure(page, () => page.click(`.saved-list >> text=${LISTING_VIEW}`));
const listingRows = await page.locator('[data-testid="grid-status"]').innerText();
console.log(`\n县区×日期明细（出动民警辅警，全部日期）：${listingRows.split('·')[0]!.trim()}，打开 ${listingMs.toFixed(0)} ms`);
for (const [label, px] of [
  ['匀速拖动（每帧 60 px）', 60],
  ['快速甩动（每帧 600 px）', 600],
] as const) {
  const r = await page.evaluate<{ frames: number[]; blank: number; checked: number; top: number }>(
    `new Promise((resolve) => {
      const vp = document.querySelector('.grid-pane.is-active .ag-grid-viewport');
      const frames = [];
      let blank = 0, checked = 0, last = 0;
      const start = performance.now();
      const probe = () => {
        const box = vp.getBoundingClientRect();
        checked++;
        for (const f of [0.25, 0.5, 0.75]) {
          const el = document.elementFromPoint(box.left + box.width / 2, box.top + box.height * f);
          if (!el || !el.closest('.ag-row')) { blank++; break; }
        }
      };
      const step = (t) => {
        if (last) frames.push(t - last);
        last = t;
        if (t - start > 2500 || vp.scrollTop + vp.clientHeight >= vp.scrollHeight) return resolve({ frames, blank, checked, top: vp.scrollTop });
        vp.scrollTop += ${px};
        // After this frame is painted: what the user saw.
        const ch = new MessageChannel();
        ch.port1.onmessage = probe;
        ch.port2.postMessage(null);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`,
  );
  const long = r.frames.filter((f) => f > 50).length;
  console.log(
    `${label.padEnd(22)} 帧间隔 中位数 ${pct(r.frames, 50).toFixed(1)} ms  p95 ${pct(r.frames, 95).toFixed(1)} ms  最大 ${Math.max(...r.frames).toFixed(0)} ms  >50ms ${long} 帧 / ${r.frames.length}  空白帧 ${r.blank}/${r.checked}`,
  );
}
const lastIndex = Number(listingRows.split('行')[0]!.replace(/[^0-9]/g, '')) - 1;
const jump = await page.evaluate<number>(`new Promise((resolve) => {
  const vp = document.querySelector('.grid-pane.is-active .ag-grid-viewport');
  const t0 = performance.now();
  vp.scrollTop = vp.scrollHeight;
  const check = () => {
    if (vp.querySelector('.ag-row[row-index="${lastIndex}"]')) resolve(performance.now() - t0);
    else if (performance.now() - t0 > 10000) resolve(NaN);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`);
console.log(`跳到末行（第 ${(lastIndex + 1).toLocaleString('en-US')} 行画出）：${jump.toFixed(0)} ms`);
await core.call('deleteView', { id: savedListing.result.id });

if (process.env.BENCH_DETAIL) for (const s of samples) console.log(`${s.view}\t${s.action}\t${s.ms.toFixed(0)}`);
if (problems.length) console.log(`控制台错误/警告 ${problems.length} 条：\n  ${problems.slice(0, 5).join('\n  ')}`);

await browser.close();
await server.close();
await core.close();
