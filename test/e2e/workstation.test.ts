// The workstation in real Chromium against web mode on a copy of the demo database.
import { parseOperationInput } from '../../shared/api/parse-input';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SliceResult } from '../../shared/api/slice';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { OperationResults } from '../../shared/api/operations';
import { formatChangePct, formatGridNumber } from '../../shared/format';
import { changeText } from '../../renderer/logic/grid-columns';
import { BATCH_PATH } from '../../shared/api/transport-encoding';
import { TOKEN_HEADER } from '../../electron/web/web-server';
import { act, cli, gridColumn, gridTotal, parseNumber, screenshot, openDemoHarness, waitDrawn, type Harness } from './harness';

const PHASE = '第一次集中统一行动';
const INDICATOR = '出动民警辅警';

let h: Harness;
let catalogue: Catalogue;
let indicatorId: number;

async function core<K extends 'catalogue' | 'info'>(op: K): Promise<OperationResults[K]> {
  const outcome = await h.core.call(op, parseOperationInput(op, {}));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

function query(args: string[]): SliceResult {
  return cli(['query', '--db', h.db, ...args]) as SliceResult;
}

async function openView(view: string) {
  await act(h.page, () => h.page.click(`[data-view="${view}"]`));
}

describe('workstation (end to end, Chromium)', () => {
  beforeAll(async () => {
    ({ h, catalogue } = await openDemoHarness());
    indicatorId = catalogue.indicators.find((i) => i.key === `综合/${INDICATOR}`)!.id;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('opens to the overview with the data status in the header', async () => {
    const { page } = h;
    await page.goto(h.server.url);
    await waitDrawn(page);
    await page.waitForSelector('[data-testid="data-status"][data-loaded="true"]');
    await expect(page.locator('[data-testid="data-status"]').innerText()).resolves.toMatch(/数据 1,279,488 条/);
    expect(await page.locator('.stat-card').count()).toBeGreaterThanOrEqual(10);
    await screenshot(page, '01-overview');
  });

  it('phase 第一次集中统一行动: the grid total of 出动民警辅警 equals the CLI query', async () => {
    const { page } = h;
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
    await openView('grid');
    const cliTotal = query(['--phase', PHASE, '--indicator', INDICATOR]).total.value;
    expect(parseNumber(await gridTotal(page, `v${indicatorId}`))).toBe(cliTotal);
    const rows = await gridColumn(page, `v${indicatorId}`);
    expect([...rows.keys()]).toContain('太原市');
    await screenshot(page, '02-grid');
    // CSV export: what the grid shows, UTF-8 with a byte-order mark, as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('出动民警辅警（人次）');
    expect(csv).toContain(`"合计","${cliTotal}"`);
  });

  it('a click on 太原市 in the ranking drills everything to Taiyuan; the breadcrumb steps back', async () => {
    const { page } = h;
    await openView('charts');
    await screenshot(page, '03-charts');
    const byCity = query(['--phase', PHASE, '--indicator', INDICATOR, '--by', 'region:city']);
    const taiyuan = byCity.rows.find((r) => r.region_name === '太原市')!.value!;
    const point = await page.evaluate(() => window.__campaign!.pointOf('ranking', '太原市'));
    expect(point).not.toBeNull();
    await act(page, () => page.mouse.click(point!.x, point!.y));
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.toMatch(/山西省\s*›\s*太原市/);
    await openView('grid');
    const rows = await gridColumn(page, `v${indicatorId}`);
    const counties = catalogue.regions.filter((r) => r.parent === '140100').map((r) => r.name);
    expect([...rows.keys()].sort()).toEqual([...counties, '太原市本级'].sort());
    const sum = [...rows.values()].reduce((s, t) => s + (parseNumber(t) ?? 0), 0);
    expect(sum).toBe(taiyuan);
    expect(parseNumber(await gridTotal(page, `v${indicatorId}`))).toBe(taiyuan);
    await screenshot(page, '04-grid-taiyuan');
    await act(page, () => page.click('[data-testid="breadcrumbs"] button:has-text("山西省")'));
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.not.toMatch(/太原市/);
    expect((await gridColumn(page, `v${indicatorId}`)).has('大同市')).toBe(true);
  });

  it('the region picker finds 小店区 by typing 小店', async () => {
    const { page } = h;
    await page.click('[data-testid="region-picker"]');
    await page.fill('[data-testid="region-search"]', '小店');
    await page.waitForSelector('.region-panel >> text=小店区');
    await screenshot(page, '04b-region-search');
    await act(page, () => page.click('.region-panel label:has-text("小店区") input'));
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.toMatch(/山西省\s*›\s*太原市\s*›\s*小店区/);
    await act(page, () => page.click('[data-testid="breadcrumbs"] button:has-text("山西省")'));
  });

  it('the map draws 11 cities; a click on one draws its counties', async () => {
    const { page } = h;
    await openView('charts');
    const map = page.locator('[data-panel="map"]');
    await expect(map.getAttribute('data-map-code')).resolves.toBe('140000');
    await expect(map.getAttribute('data-map-regions')).resolves.toBe('11');
    const point = await page.evaluate(() => window.__campaign!.pointOf('map', '大同市'));
    expect(point).not.toBeNull();
    await act(page, () => page.mouse.click(point!.x, point!.y));
    const counties = catalogue.regions.filter((r) => r.parent === '140200').length;
    await expect(map.getAttribute('data-map-code')).resolves.toBe('140200');
    await expect(map.getAttribute('data-map-regions')).resolves.toBe(String(counties));
    await screenshot(page, '05-charts-datong');
    await act(page, () => page.click('[data-testid="breadcrumbs"] button:has-text("山西省")'));
    await expect(map.getAttribute('data-map-code')).resolves.toBe('140000');
  });

  it('同比 shows base and change columns equal to the CLI --compare yoy', async () => {
    const { page } = h;
    await act(page, () => page.click('[data-testid="compare"] button:has-text("同比")'));
    await openView('grid');
    const yoy = query(['--phase', PHASE, '--indicator', INDICATOR, '--by', 'region:city', '--compare', 'yoy']);
    const base = await gridColumn(page, `b${indicatorId}`);
    const change = await gridColumn(page, `c${indicatorId}`);
    const pct = await gridColumn(page, `p${indicatorId}`);
    for (const r of yoy.rows) {
      expect(parseNumber(base.get(r.region_name!) ?? '')).toBe(r.base);
      expect(change.get(r.region_name!)).toBe(changeText(r.change ?? null, '人次'));
      expect(pct.get(r.region_name!)).toBe(formatChangePct(r.change_pct ?? null));
    }
    expect(parseNumber(await gridTotal(page, `b${indicatorId}`))).toBe(yoy.total.base);
    expect(await gridTotal(page, `c${indicatorId}`)).toBe(`▲ ${formatGridNumber(yoy.total.change!, '人次')}`);
    expect(await page.locator(`.grid-host .grid-pane.is-active [col-id="c${indicatorId}"].trend-up`).count()).toBeGreaterThan(0);
    await screenshot(page, '06-grid-yoy');
    await openView('charts');
    expect(
      await page.evaluate(() => (window.__campaign!.charts.daily!.getOption() as { series: { name: string }[] }).series.map((x) => x.name)),
    ).toEqual(['本期', '去年同期']);
    await screenshot(page, '07-charts-yoy');
    await openView('overview');
    await screenshot(page, '07-overview-yoy');
  });

  it('a saved view survives a reload; a request without the token gets 401', async () => {
    const { page } = h;
    await openView('grid');
    await page.click('[data-testid="save-view"]');
    await page.fill('[data-testid="save-view-name"]', '第一次集中统一行动同比');
    await page.click('[data-testid="save-view-submit"]');
    await page.waitForSelector('.saved-list >> text=第一次集中统一行动同比');
    await page.reload();
    await waitDrawn(page);
    // A reload keeps the view (its link is in the address); the saved view opens from another one.
    expect(await page.locator('[data-testid="grid-view"]').count()).toBe(1);
    await openView('overview');
    await act(page, () => page.click('.saved-list >> text=第一次集中统一行动同比'));
    expect(await page.locator('[data-testid="grid-view"]').count()).toBe(1);
    await expect(page.locator('[data-testid="date-preset"] option:checked').innerText()).resolves.toBe(PHASE);
    await expect(page.locator('[data-testid="compare"] [aria-checked="true"]').innerText()).resolves.toBe('同比');
    const cliTotal = query(['--phase', PHASE, '--indicator', INDICATOR]).total.value;
    expect(parseNumber(await gridTotal(page, `v${indicatorId}`))).toBe(cliTotal);

    // The page's files are the public build and hold no data; every API call needs the token header.
    const res = await fetch(h.server.origin + '/');
    expect(res.status).toBe(200);
    const api = await fetch(h.server.origin + '/api/call/info', { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
  });

  it('the queries of one filter change travel in one request and answer as single calls do', async () => {
    const { page } = h;
    await openView('grid');
    const paths: string[] = [];
    // The page's own status poll (renderer/data/data-status.tsx) may come at any time: not counted.
    const onRequest = (r: { url(): string }) =>
      new URL(r.url()).pathname !== '/api/call/dataStatus' && paths.push(new URL(r.url()).pathname);
    page.on('request', onRequest);
    await act(page, () => page.click('[data-testid="compare"] button:has-text("环比")'));
    page.off('request', onRequest);
    // The grid's rows and its total row: one request.
    expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([BATCH_PATH]);
    await act(page, () => page.click('[data-testid="compare"] button:has-text("同比")'));

    const calls = [
      { op: 'query', input: { phase: PHASE, indicators: [INDICATOR], by: ['region:city'] } },
      { op: 'query', input: { phase: PHASE, indicators: [INDICATOR], by: ['region:city'], compare: 'prev' } },
    ];
    const post = (body: unknown, token = true) =>
      fetch(h.server.origin + BATCH_PATH, {
        method: 'POST',
        headers: token ? { [TOKEN_HEADER]: h.server.token } : {},
        body: JSON.stringify(body),
      });
    expect((await post({ calls }, false)).status).toBe(401);
    expect((await post({ calls: [{ op: 'undo', input: { batchId: 1 } }] })).status).toBe(400);
    const { outcomes } = (await (await post({ calls })).json()) as { outcomes: { ok: boolean; result: SliceResult }[] };
    for (const [i, c] of calls.entries()) {
      const single = await h.core.call('query', parseOperationInput('query', c.input));
      expect(outcomes[i]).toEqual(single);
    }
  });

  it('switching 同比 off and on after a filter change shows that filter in both layouts, sorted as before', async () => {
    const { page } = h;
    await openView('grid');
    // 同比 is on (previous test). Sort by 本期 of the indicator, descending.
    const header = (pane: string) => page.locator(`.grid-pane.is-active[data-pane="${pane}"] .ag-header-cell[col-id="v${indicatorId}"]`);
    await header('compare').click();
    await header('compare').click();
    await expect(header('compare').getAttribute('aria-sort')).resolves.toBe('descending');
    const other = catalogue.campaigns.flatMap((c) => c.phases).find((p) => p.name !== PHASE)!;
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: other.name }));
    await act(page, () => page.click('[data-testid="compare"] button:has-text("无")'));

    const plain = query(['--phase', other.name, '--indicator', INDICATOR, '--by', 'region:city']);
    const shown = await gridColumn(page, `v${indicatorId}`);
    expect(shown.size).toBe(plain.rows.length);
    for (const r of plain.rows) expect(parseNumber(shown.get(r.region_name!) ?? '')).toBe(r.value);
    expect(parseNumber(await gridTotal(page, `v${indicatorId}`))).toBe(plain.total.value);
    await expect(header('plain').getAttribute('aria-sort')).resolves.toBe('descending');
    const values = [...shown.values()].map((v) => parseNumber(v)!);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    await act(page, () => page.click('[data-testid="compare"] button:has-text("同比")'));
    const yoy = query(['--phase', other.name, '--indicator', INDICATOR, '--by', 'region:city', '--compare', 'yoy']);
    const base = await gridColumn(page, `b${indicatorId}`);
    for (const r of yoy.rows) expect(parseNumber(base.get(r.region_name!) ?? '')).toBe(r.base);
    expect(parseNumber(await gridTotal(page, `b${indicatorId}`))).toBe(yoy.total.base);
    // One grid is visible at a time.
    expect(await page.locator('.grid-pane:visible').count()).toBe(1);

    // Back to where the next tests expect the workstation: the phase, no sort.
    await header('compare').click();
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
  });

  it('the county × day listing lists every unit-day the CLI does, scrolls to its end, and asks to narrow when too large', async () => {
    const { page } = h;
    await openView('grid');
    await act(page, () => page.click('[data-testid="compare"] button:has-text("无")'));
    await act(page, () => page.click('[data-testid="rows-by"] button:has-text("县区×日期")'));
    const cli = query(['--phase', PHASE, '--by', 'region:county', '--by', 'day', '--indicator', INDICATOR]);
    // Every unit-day with anything reported, in the engine's order (regions, then days); keyed by
    // code, as the grid's row ids are (three counties are called 城区).
    const pairs = [
      ...new Map(
        query(['--phase', PHASE, '--by', 'region:county', '--by', 'day', '--by', 'indicator']).rows.map((r) => [
          `${r.region_code}|${r.day}`,
          r,
        ]),
      ).values(),
    ];
    await expect(page.locator('[data-testid="grid-status"]').innerText()).resolves.toMatch(
      new RegExp(`^${pairs.length.toLocaleString('en-US')} 行`),
    );
    const want = new Map(cli.rows.map((r) => [`${r.region_code}|${r.day}`, r.value]));
    // The rows in view, then the last rows after a jump to the end (the grid is virtualised).
    const readRows = () =>
      page.evaluate((col) => {
        const rows = new Map<string, { index: number; label?: string; day?: string; value?: string }>();
        for (const row of document.querySelectorAll('.grid-pane.is-active .ag-row[row-index]')) {
          const index = row.getAttribute('row-index') ?? '';
          const id = row.getAttribute('row-id') ?? '';
          if (!/^\d+$/.test(index)) continue;
          const r = rows.get(id) ?? { index: Number(index) };
          r.label ??= row.querySelector('[col-id="label"]')?.textContent ?? undefined;
          r.day ??= row.querySelector('[col-id="day"]')?.textContent ?? undefined;
          r.value ??= row.querySelector(`[col-id="${col}"]`)?.textContent ?? undefined;
          rows.set(id, r);
        }
        return [...rows.entries()].map(([id, r]) => ({ id, ...r })).sort((a, b) => a.index - b.index);
      }, `v${indicatorId}`);
    const check = (shown: Awaited<ReturnType<typeof readRows>>) => {
      for (const r of shown) {
        const pair = pairs[r.index]!;
        expect(r.id).toBe(`${pair.region_code}|${pair.day}`);
        expect([r.label, r.day]).toEqual([pair.region_name, pair.day]);
        expect(parseNumber(r.value ?? '')).toBe(want.get(r.id) ?? null);
      }
    };
    const first = await readRows();
    expect(first.length).toBeGreaterThan(10);
    check(first);
    await screenshot(page, '06b-grid-county-day');
    await page.evaluate(() => {
      const vp = document.querySelector('.grid-pane.is-active .ag-grid-viewport')!;
      vp.scrollTop = vp.scrollHeight;
    });
    await page.waitForSelector(`.grid-pane.is-active .ag-row[row-index="${pairs.length - 1}"]`);
    const end = await readRows();
    expect(end.at(-1)?.index).toBe(pairs.length - 1);
    check(end);

    // Both campaigns (2022-06-25 to 2023-09-30) with every indicator: too many numbers for one
    // listing (129 units × 463 days × 51 indicators) — a notice, no grid.
    for (const [input, day] of [
      ['date-from', '2022-06-25'],
      ['date-to', '2023-09-30'],
    ]) {
      await page.fill(`[data-testid="${input}"]`, day!);
      await act(page, () => page.press(`[data-testid="${input}"]`, 'Enter'));
    }
    await expect(page.locator('[data-testid="listing-too-large"]').innerText()).resolves.toMatch(/请缩短日期范围、选定地区/);
    expect(await page.locator('.grid-pane').count()).toBe(0);
    await screenshot(page, '06c-grid-listing-too-large');
    await act(page, () => page.click('[data-testid="rows-by"] button:has-text("按市")'));
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
  });

  it('a bad import file shows every error in the table and changes nothing', async () => {
    const { page } = h;
    const before = query(['--phase', PHASE, '--indicator', INDICATOR]).total.value;
    const info = await core('info');
    await openView('import');
    const csv = [
      '日期,地区,指标,数值',
      '2023-10-05,小店区,出动车辆,-3',
      '2023-10-05,火星区,出动车辆,5',
      '2023-10-05,迎泽区,出动车辆,7',
    ].join('\n');
    await page.setInputFiles('[data-testid="import-files"]', {
      name: '坏数据.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.click('[data-testid="import-run"]');
    await page.waitForSelector('[data-testid="import-report"]');
    await expect(page.locator('[data-testid="import-report"] h3').innerText()).resolves.toMatch(/导入被拒绝/);
    await page.waitForSelector('[data-testid="import-errors"] .ag-row[row-index="0"]');
    const reasons = await page.locator('[data-testid="import-errors"] .ag-row[row-index]').allInnerTexts();
    expect(reasons.length).toBe(2);
    expect(reasons.join('\n')).toContain('火星区');
    expect(reasons.join('\n')).toContain('-3');
    await expect(page.locator('.status-pill.rejected').count()).resolves.toBe(1);
    await screenshot(page, '08-import-rejected');
    expect(query(['--phase', PHASE, '--indicator', INDICATOR]).total.value).toBe(before);
    expect((await core('info')).facts).toBe(info.facts);
  });

  it("the completeness view shows the matrix and each city's 报送率", async () => {
    const { page } = h;
    await openView('completeness');
    await expect(page.locator('[data-testid="city-rates"] tbody tr').count()).resolves.toBe(11);
    await screenshot(page, '09-completeness');
  });

  it('the export menu writes the briefing for the current filter as a PDF download', async () => {
    const { page } = h;
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
    await page.click('[data-testid="export-menu"]');
    await screenshot(page, '10-export-menu');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('[data-testid="export-briefing-pdf"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('第一次集中统一行动');
  });

  it('logged no console errors or warnings', () => {
    expect(h.problems).toEqual([]);
  });
});
