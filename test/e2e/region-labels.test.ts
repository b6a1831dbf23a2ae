// A row never claims more than it holds, in Chromium: counties of two cities selected, the grid's
// 按市 rows are named for the counties they hold, 按县区 gets a 市 column, the charts and the map
// tooltip say the same; switching views quickly raises no page error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SliceResult } from '../../shared/api/slice';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { act, cli, gridColumn, parseNumber, screenshot, openDemoHarness, waitDrawn, type Harness } from './harness';

const PHASE = '第一次集中统一行动';
const INDICATOR = '检查车辆';

let h: Harness;
let catalogue: Catalogue;

async function pickRegion(page: Page, name: string): Promise<void> {
  await page.click('[data-testid="region-picker"]');
  await page.fill('[data-testid="region-search"]', name);
  await act(page, () => page.click(`.region-panel label.tree-item:has(span:text-is("${name}")) input`));
  await page.keyboard.press('Escape');
}

async function openView(view: string): Promise<void> {
  await act(h.page, () => h.page.click(`[data-view="${view}"]`));
}

/** The text of the chart tooltip on screen (ECharts' tooltip element). */
function tooltipText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('div')]
      .filter((d) => d.style.zIndex === '9999999' && d.style.display !== 'none' && d.style.opacity !== '0')
      .map((d) => d.innerText)
      .join(' | '),
  );
}

describe('rows named for what they hold (end to end, Chromium)', () => {
  // Two counties of two different cities, neither from the examples.
  let countyA: { code: string; name: string; city: string };
  let countyB: { code: string; name: string; city: string };

  beforeAll(async () => {
    ({ h, catalogue } = await openDemoHarness());
    const county = (cityName: string, index: number) => {
      const city = catalogue.regions.find((r) => r.level === 'city' && r.name === cityName)!;
      const c = catalogue.regions.filter((r) => r.parent === city.code)[index]!;
      return { code: c.code, name: c.name, city: city.name };
    };
    countyA = county('晋中市', 10);
    countyB = county('忻州市', 3);
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('按市 rows of two counties of two cities are named 市（县）; 按县区 has a 市 column', async () => {
    const { page } = h;
    await page.goto(h.server.url);
    await waitDrawn(page);
    await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: PHASE }));
    await openView('grid');
    await pickRegion(page, countyA.name);
    await pickRegion(page, countyB.name);
    // Rows stay 按市 (the default): choosing regions does not change them.
    const expected = cli([
      'query',
      '--db',
      h.db,
      '--phase',
      PHASE,
      '--indicator',
      INDICATOR,
      '--region',
      countyA.code,
      '--region',
      countyB.code,
      '--by',
      'region:city',
    ]) as SliceResult;
    const id = catalogue.indicators.find((i) => i.key === `综合/${INDICATOR}`)!.id;
    const rows = await gridColumn(page, `v${id}`);
    const labelA = `${countyA.city}（${countyA.name}）`;
    const labelB = `${countyB.city}（${countyB.name}）`;
    expect([...rows.keys()].sort()).toEqual([labelA, labelB].sort());
    for (const r of expected.rows) expect(parseNumber(rows.get(r.region_name!)!)).toBe(r.value);
    await screenshot(page, 'labels-01-grid-by-city');

    await act(page, () => page.click('[data-testid="rows-by"] button:has-text("按县区")'));
    const cities = await page.evaluate(() =>
      // Data rows only: the pinned total row (row-index b-0) has no city.
      [...document.querySelectorAll('.grid-pane.is-active .ag-row[row-index]')]
        .filter((row) => /^\d+$/.test(row.getAttribute('row-index') ?? ''))
        .flatMap((row) => [...row.querySelectorAll('[col-id="city"]')].map((e) => e.textContent ?? '')),
    );
    expect(cities.sort()).toEqual([countyA.city, countyB.city].sort());
    await expect(page.locator('.grid-pane.is-active .ag-header-cell[col-id="city"]').innerText()).resolves.toBe('市');
    await screenshot(page, 'labels-02-grid-by-county');
  });

  it('charts: the ranking lists both counties, the line says what it holds, the map tooltip names the part', async () => {
    const { page } = h;
    await openView('charts');
    await act(page, () => page.selectOption('[data-testid="chart-indicator"]', { label: `${INDICATOR}（台次）` }));
    const ranking = await page.evaluate(
      () => (window.__campaign!.charts.ranking!.getOption() as { yAxis: { data: string[] }[] }).yAxis[0]!.data,
    );
    expect(ranking).toEqual(expect.arrayContaining([countyA.name, countyB.name]));
    const legend = await page.evaluate(
      () => (window.__campaign!.charts.daily!.getOption() as { series: { name: string }[] }).series[0]!.name,
    );
    expect(legend).toBe(`本期 · 山西省（${countyA.name}、${countyB.name}）`);
    // The province map shows each city's figure: the part selected, named as such.
    const point = await page.evaluate((name) => window.__campaign!.pointOf('map', name), countyA.city);
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => tooltipText(page)).toContain(`${countyA.city}（${countyA.name}）`);
    await screenshot(page, 'labels-03-charts-1600');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.mouse.move(5, 5);
    await page.waitForTimeout(2000);
    await screenshot(page, 'labels-04-charts-1366');
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('at 1366×768 the ranking of a city with many counties keeps every label', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1366, height: 768 });
    const biggest = catalogue.regions
      .filter((r) => r.level === 'city')
      .map((c) => ({ c, n: catalogue.regions.filter((r) => r.parent === c.code).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    await act(page, () => page.click('[data-testid="breadcrumbs"] button:has-text("山西省")'));
    await act(page, () =>
      page.evaluate((code) => window.__campaign!.pointOf('ranking', code), biggest.c.name).then((p) => page.mouse.click(p!.x, p!.y)),
    );
    const labels = await page.evaluate(() => {
      const c = window.__campaign!.charts.ranking!;
      const opt = c.getOption() as { yAxis: { data: string[]; axisLabel: { interval: number } }[] };
      return { data: opt.yAxis[0]!.data, interval: opt.yAxis[0]!.axisLabel.interval };
    });
    expect(labels.data).toHaveLength(biggest.n + 1); // its counties and its 市本级
    expect(labels.interval).toBe(0);
    await screenshot(page, 'labels-05-charts-1366-many-counties');
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('switching views quickly, over the charts, raises no page error', async () => {
    const { page } = h;
    const before = h.problems.length;
    const views = ['charts', 'grid', 'charts', 'overview', 'charts', 'completeness', 'charts', 'import', 'charts'];
    for (let round = 0; round < 5; round++) {
      for (const v of views) {
        await page.click(`[data-view="${v}"]`);
        if (v === 'charts') {
          await page.mouse.move(500 + round * 20, 330);
          await page.mouse.move(1100, 330 + round * 10);
          await page.waitForTimeout(round * 40);
        }
      }
    }
    await openView('charts');
    await page.waitForTimeout(1000);
    expect(h.problems.slice(before).filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});
