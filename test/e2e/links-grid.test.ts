// View links, date boxes and the grid's new layouts, in real Chromium against the web mode on a
// copy of the demo database: a link restores the view (reload, back/forward, a pasted link, the
// next start), unusable parameters are dropped with a notice, dates typed as import accepts them,
// indicators as rows and ISO weeks equal the CLI, the CSV export's name and provenance, and every
// view at 1600×1000 and 1366×768 without page errors or overflowing headers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SliceResult } from '../../shared/api/slice';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { formatChangePct, formatGridNumber } from '../../shared/format';
import { changeText } from '../../renderer/logic/grid-columns';
import { act, cli, gridColumn, gridTotal, screenshot, openDemoHarness, waitDrawn, type Harness } from './harness';

let h: Harness;
let catalogue: Catalogue;

function query(args: string[]): SliceResult {
  return cli(['query', '--db', h.db, ...args]) as SliceResult;
}

const hashOf = (page: Page) => page.evaluate(() => window.location.hash);
const checked = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] [aria-checked="true"]`).innerText();

/** Opens a link of the workstation (the address with its token, then the hash). */
async function openLink(page: Page, hash: string): Promise<void> {
  await act(page, () => page.goto(`${h.server.url}${hash}`));
}

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await act(page, () => page.click(`[data-testid="${testId}"] button:has-text("${label}")`));
}

describe('view links, date boxes and grid layouts (end to end, Chromium)', () => {
  beforeAll(async () => {
    ({ h, catalogue } = await openDemoHarness());
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a filter set in the UI is in the address; reload restores it; back and forward step through the changes', async () => {
    const { page } = h;
    await page.goto(h.server.url);
    await waitDrawn(page);
    expect(await hashOf(page)).toMatch(/^#\/overview\?phase=/);
    await act(page, () => page.click('[data-view="grid"]'));
    await pick(page, 'rows-by', '按周');
    const afterRows = await hashOf(page);
    await pick(page, 'compare', '环比');
    const afterCompare = await hashOf(page);
    await page.click('[data-testid="region-picker"]');
    await page.fill('[data-testid="region-search"]', '忻州');
    await act(page, () => page.click('.region-panel label:has-text("忻州市") input'));
    await page.keyboard.press('Escape');
    const full = await hashOf(page);
    expect(full).toMatch(/^#\/grid\?phase=[^&]+&region=140900&cmp=prev&rows=week$/);
    const weeks = await page.locator('[data-testid="grid-status"]').innerText();

    await page.reload();
    await waitDrawn(page);
    expect(await hashOf(page)).toBe(full);
    expect(await page.locator('[data-testid="grid-view"]').count()).toBe(1);
    await expect(checked(page, 'rows-by')).resolves.toBe('按周');
    await expect(checked(page, 'compare')).resolves.toBe('环比');
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.toMatch(/忻州市/);
    await expect(page.locator('[data-testid="grid-status"]').innerText()).resolves.toBe(weeks);

    await act(page, () => page.goBack());
    expect(await hashOf(page)).toBe(afterCompare);
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.not.toMatch(/忻州市/);
    await act(page, () => page.goBack());
    expect(await hashOf(page)).toBe(afterRows);
    await expect(checked(page, 'compare')).resolves.toBe('无');
    await expect(checked(page, 'rows-by')).resolves.toBe('按周');
    await act(page, () => page.goForward());
    await act(page, () => page.goForward());
    expect(await hashOf(page)).toBe(full);
    await expect(checked(page, 'compare')).resolves.toBe('环比');
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.toMatch(/忻州市/);
  }, 180_000);

  it('a pasted link with unusable parameters says which and why, and applies the rest', async () => {
    const { page } = h;
    const bad = `#/grid?from=2022-08-03&to=2022-08-16&region=140900,149999&dept=${encodeURIComponent('禁毒')}&ind=禁毒/不存在&cmp=mom&rows=indicator&zoom=2`;
    await openLink(page, bad);
    const notice = page.locator('[data-testid="link-notice"]');
    await expect(notice.innerText()).resolves.toMatch(/4 个参数/);
    for (const part of ['region=149999（未知地区代码）', 'ind=禁毒/不存在', 'cmp=mom', 'zoom=2（未知参数）'])
      await expect(notice.innerText()).resolves.toContain(part);
    await expect(page.locator('[data-testid="date-from"]').inputValue()).resolves.toBe('2022-08-03');
    await expect(page.locator('[data-testid="date-to"]').inputValue()).resolves.toBe('2022-08-16');
    await expect(checked(page, 'rows-by')).resolves.toBe('指标为行');
    await expect(page.locator('[data-testid="breadcrumbs"]').innerText()).resolves.toMatch(/忻州市/);
    // The address now says what is shown; a fresh window on the bad link says the same.
    expect(await hashOf(page)).toBe(`#/grid?from=2022-08-03&to=2022-08-16&region=140900&dept=${encodeURIComponent('禁毒')}&rows=indicator`);
    await screenshot(page, 'links-bad-parameters');
    const fresh = await h.context.newPage();
    await fresh.goto(`${h.server.url}#/nowhere?from=2022-13-01&to=2022-08-16&cmp=yoy`);
    await waitDrawn(fresh);
    await expect(fresh.locator('[data-testid="link-notice"]').innerText()).resolves.toMatch(
      /视图=nowhere（未知视图.*from=2022-13-01（不是有效日期/,
    );
    expect(await fresh.locator('[data-testid="overview"]').count()).toBe(1);
    await expect(checked(fresh, 'compare')).resolves.toBe('同比');
    await fresh.close();
    await page.click('[data-testid="link-notice"] button');
    expect(await notice.count()).toBe(0);
  });

  it('indicators as rows with 同比 equal the CLI --by indicator --compare yoy', async () => {
    const { page } = h;
    const county = catalogue.regions.find((r) => r.level === 'county' && r.parent === '140700')!;
    await openLink(
      page,
      `#/grid?from=2022-08-03&to=2022-08-16&region=140900,${county.code}&dept=${encodeURIComponent('禁毒')}&cmp=yoy&rows=indicator`,
    );
    const yoy = query([
      '--from',
      '2022-08-03',
      '--to',
      '2022-08-16',
      '--region',
      '140900',
      '--region',
      county.code,
      '--department',
      '禁毒',
      '--by',
      'indicator',
      '--compare',
      'yoy',
    ]);
    const [v, b, c, p] = await Promise.all(['v', 'b', 'c', 'p'].map((col) => gridColumn(page, col)));
    expect([...v!.keys()]).toEqual(catalogue.indicators.filter((i) => i.department === '禁毒').map((i) => i.name));
    for (const r of yoy.rows) {
      const name = r.indicator!;
      expect(v!.get(name), name).toBe(formatGridNumber(r.value, r.unit!));
      expect(b!.get(name), name).toBe(formatGridNumber(r.base ?? null, r.unit!));
      expect(c!.get(name), name).toBe(changeText(r.change ?? null, r.unit!));
      expect(p!.get(name), name).toBe(formatChangePct(r.change_pct ?? null) ?? '—');
    }
    expect(await page.locator('.grid-pane.is-active .ag-header-cell-text').allInnerTexts()).toEqual([
      '部门',
      '指标',
      '单位',
      '本期',
      '基期',
      '增减',
      '同比增减%',
    ]);
    await screenshot(page, 'grid-indicator-rows-yoy');
  }, 180_000);

  it('rows by ISO week equal the CLI --by week, total included', async () => {
    const { page } = h;
    const county = catalogue.regions.find((r) => r.level === 'county' && r.parent === '140500')!;
    const inds = catalogue.indicators.filter((i) => i.department === '交警').slice(0, 2);
    await openLink(
      page,
      `#/grid?from=2023-07-19&to=2023-08-22&region=${county.code}&ind=${inds.map((i) => encodeURIComponent(i.key)).join(',')}&rows=week`,
    );
    const args = ['--from', '2023-07-19', '--to', '2023-08-22', '--region', county.code, ...inds.flatMap((i) => ['--indicator', i.key])];
    const byWeek = query([...args, '--by', 'week,indicator']).rows;
    const totals = query([...args, '--by', 'indicator']).rows;
    for (const ind of inds) {
      const rows = byWeek.filter((r) => r.indicator === ind.name);
      const shown = await gridColumn(page, `v${ind.id}`);
      expect([...shown.keys()]).toEqual(rows.map((r) => r.week));
      expect(rows.map((r) => r.week)).toEqual(['2023-W29', '2023-W30', '2023-W31', '2023-W32', '2023-W33', '2023-W34']);
      for (const r of rows) expect(shown.get(r.week!)).toBe(formatGridNumber(r.value, ind.unit));
      expect(await gridTotal(page, `v${ind.id}`)).toBe(formatGridNumber(totals.find((r) => r.indicator === ind.name)!.value, ind.unit));
    }
  }, 180_000);

  it('the CSV export names the region and the period and carries the provenance lines', async () => {
    const { page } = h;
    const city = catalogue.regions.find((r) => r.code === '141000')!;
    await openLink(page, `#/grid?from=2023-09-02&to=2023-09-12&region=141000&dept=${encodeURIComponent('刑侦')}&rows=day`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    expect(download.suggestedFilename()).toBe(`数据表_${city.name}_2023-09-02至2023-09-12.csv`);
    const csv = readFileSync(await download.path()).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const notes = lines.slice(lines.indexOf('说明,数据表'));
    expect(notes.length).toBeGreaterThan(8);
    expect(notes).toEqual(
      expect.arrayContaining([
        '报告类型,数据表（表格视图导出）',
        '统计时段,2023-09-02 至 2023-09-12',
        `地区,${city.name}`,
        '部门,刑侦',
        '分组,按日期',
      ]),
    );
    expect(notes.find((l) => l.startsWith('数据版本,'))).toMatch(/^数据版本,"共 1,279,488 条数据；最新导入批次：/);
    expect(notes.find((l) => l.startsWith('生成时间,'))).toMatch(/^生成时间,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    expect(notes.find((l) => l.startsWith('程序版本,'))).toMatch(/^程序版本,专项行动统计分析工作站 \d+\.\d+\.\d+$/);
    // The data: one row per day, headers without the joiners that keep units on one line.
    const cliDays = new Set(
      query(['--from', '2023-09-02', '--to', '2023-09-12', '--region', '141000', '--department', '刑侦', '--by', 'day,indicator']).rows.map(
        (r) => r.day,
      ),
    );
    expect(lines.filter((l) => /^"2023-09-\d\d"/.test(l))).toHaveLength(cliDays.size);
    expect(csv).not.toContain('\u2060');
  }, 180_000);

  it("date boxes: import's date forms and the calendar apply; a reversed or impossible range does not", async () => {
    const { page } = h;
    await openLink(page, '#/grid?from=2023-08-05&to=2023-08-25&rows=day');
    const from = page.locator('[data-testid="date-from"]');
    const problem = page.locator('[data-testid="date-problem"]');
    const before = await hashOf(page);

    await from.fill('2023/9/1');
    await from.press('Enter');
    await expect(problem.innerText()).resolves.toMatch(/起始日期未应用：起始日期 2023-09-01 晚于截止日期 2023-08-25/);
    await expect(from.inputValue()).resolves.toBe('2023-08-05');
    expect(await hashOf(page)).toBe(before);
    await screenshot(page, 'dates-reversed-refused');

    await from.fill('2023/2/29');
    await from.press('Enter');
    await expect(problem.innerText()).resolves.toMatch(/不存在/);
    await expect(from.inputValue()).resolves.toBe('2023-08-05');
    expect(await hashOf(page)).toBe(before);

    await from.fill('2023年8月11日');
    await act(page, () => from.press('Enter'));
    await expect(from.inputValue()).resolves.toBe('2023-08-11');
    expect(await problem.count()).toBe(0);
    expect(await hashOf(page)).toBe('#/grid?from=2023-08-11&to=2023-08-25&rows=day');

    await from.fill('20230814');
    await act(page, () => from.press('Tab'));
    await expect(from.inputValue()).resolves.toBe('2023-08-14');

    // The calendar: a native date input, shown as its button beside each box.
    const picker = page.locator('[data-testid="date-to-picker"]');
    const box = await picker.boundingBox();
    expect(box!.width).toBeGreaterThan(20);
    expect(box!.width).toBeLessThan(40);
    await act(page, () => picker.fill('2023-08-20'));
    await expect(page.locator('[data-testid="date-to"]').inputValue()).resolves.toBe('2023-08-20');
    expect(await hashOf(page)).toBe('#/grid?from=2023-08-14&to=2023-08-20&rows=day');
    const days = await gridColumn(page, `v${catalogue.indicators[0]!.id}`);
    expect([...days.keys()]).toEqual(['2023-08-14', '2023-08-15', '2023-08-16', '2023-08-17', '2023-08-18', '2023-08-19', '2023-08-20']);
  });

  it('the next start without a link opens the last view', async () => {
    const last = await hashOf(h.page);
    const next = await h.context.newPage();
    await next.goto(h.server.url);
    await waitDrawn(next);
    expect(await hashOf(next)).toBe(last);
    expect(await next.locator('[data-testid="grid-view"]').count()).toBe(1);
    await expect(next.locator('[data-testid="date-from"]').inputValue()).resolves.toBe('2023-08-14');
    expect(await next.locator('[data-testid="link-notice"]').count()).toBe(0);
    await next.close();
  });

  it('every view at 1600×1000 and 1366×768: no page error, no header text overflowing or a unit broken', async () => {
    const { page } = h;
    const phase = encodeURIComponent('第一次集中统一行动');
    const shots: [string, string][] = [
      ['overview', `#/overview?phase=${phase}&cmp=yoy`],
      ['grid-city-yoy', `#/grid?phase=${phase}&cmp=yoy`],
      ['grid-county', `#/grid?phase=${phase}&region=141100&rows=county`],
      ['grid-department', `#/grid?phase=${phase}&rows=department`],
      ['grid-day', `#/grid?phase=${phase}&cmp=prev&rows=day`],
      ['grid-week', `#/grid?from=2023-06-25&to=2023-09-30&rows=week`],
      ['grid-county-day', `#/grid?phase=${phase}&region=140400&rows=county+day`],
      ['grid-indicator-yoy', `#/grid?phase=${phase}&cmp=yoy&rows=indicator`],
      ['charts', `#/charts?phase=${phase}&cmp=yoy`],
      ['completeness', `#/completeness?phase=${phase}`],
      ['import', `#/import?phase=${phase}`],
      ['inspection', `#/inspection?phase=${phase}`],
      ['review', `#/review?phase=${phase}`],
      ['filing', `#/filing?phase=${phase}`],
    ];
    for (const [width, height] of [
      [1600, 1000],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [name, hash] of shots) {
        await openLink(page, hash);
        await page.waitForTimeout(150); // a resize settles (grids re-measure, charts redraw)
        await screenshot(page, `view-${name}-${width}x${height}`);
        const bad = await page.evaluate(() => {
          const out: string[] = [];
          const headers = document.querySelectorAll<HTMLElement>(
            '.grid-pane.is-active .ag-header-cell-text, .grid-pane.is-active .ag-header-group-text, th',
          );
          for (const el of headers) {
            const cell = el.closest<HTMLElement>('.ag-header-cell, .ag-header-group-cell, th') ?? el;
            const text = (el.textContent ?? '').replaceAll('\u2060', '');
            const r = el.getBoundingClientRect();
            const c = cell.getBoundingClientRect();
            if (r.width === 0) continue;
            if (el.scrollWidth > el.clientWidth + 1 || r.right > c.right + 1 || r.bottom > c.bottom + 1) out.push(`overflow: ${text}`);
            // A bracketed unit sits on one line.
            const node = el.firstChild;
            const open = text.lastIndexOf('（');
            if (node?.nodeType === Node.TEXT_NODE && open >= 0) {
              const raw = node.textContent ?? '';
              const start = raw.lastIndexOf('（');
              const end = raw.indexOf('）', start);
              if (end > start) {
                const range = document.createRange();
                range.setStart(node, start);
                range.setEnd(node, end + 1);
                const tops = new Set([...range.getClientRects()].map((x) => Math.round(x.top)));
                if (tops.size > 1) out.push(`unit broken: ${text}`);
              }
            }
          }
          return out;
        });
        expect(bad, `${name} at ${width}×${height}`).toEqual([]);
        // Every row of a grid keeps its label (they were left empty after a change of layout).
        const labels = await page.$$eval('.grid-pane.is-active .ag-row[row-index] [col-id="label"]', (els) =>
          els.filter((e) => /^\d+$/.test(e.closest('.ag-row')?.getAttribute('row-index') ?? '')).map((e) => e.textContent ?? ''),
        );
        expect(
          labels.filter((l) => l.trim() === ''),
          `${name} at ${width}×${height}`,
        ).toEqual([]);
      }
    }
    expect(h.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 400_000);
});
