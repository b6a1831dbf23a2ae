// 数据完整性 in real Chromium at 1366×768, on a copy of the demo database with gaps cut into it:
// the matrix's labels never overlap (whole province and one city), gaps are coloured without
// hovering, the per-unit table sorts, a click shows the unit's gaps, the 催报清单 downloads match
// `campaign completeness --format csv`, and the anomaly list shows an inflated value.
import { parseOperationInput } from '../../shared/api/parse-input';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CompletenessResult } from '../../shared/api/slice';
import { act, buildRenderer, screenshot, startHarness, waitDrawn, type Harness } from './harness';
import { runCli } from '../support/cli';
import { INFLATED, MISSING_DAYS, MISSING_DEPARTMENT, MISSING_INDICATORS, makeGappyCopy } from '../support/gappy-db';

let h: Harness;
let dir: string;
const CAMPAIGN = { from: '2023-06-25', to: '2023-09-30' };
const XINZHOU = '140900';
const FANSHI = '140924';
const WUTAI = '140922';

/** Label boxes of the matrix: each row's label must sit below the previous one and show its whole text. */
async function labelLayout(page: Page) {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll<HTMLElement>('[data-testid="completeness-matrix"] .cm-label')];
    const unit = labels.map((l) => l.querySelector<HTMLElement>('.cm-unit')!);
    return {
      boxes: labels.map((l) => {
        const r = l.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }),
      cut: unit.filter((u) => u.scrollWidth > u.clientWidth + 0.5).map((u) => u.textContent),
      ticks: [...document.querySelectorAll<HTMLElement>('.cm-tick')].map((t) => {
        const r = t.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    };
  });
}

async function expectReadableMatrix(page: Page, units: number) {
  const { boxes, cut, ticks } = await labelLayout(page);
  expect(boxes).toHaveLength(units);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, `label ${i}`).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 0.5);
  expect(boxes[0]!.bottom - boxes[0]!.top).toBeGreaterThanOrEqual(16);
  expect(cut).toEqual([]);
  expect(ticks.length).toBeGreaterThan(3);
  for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.left, `tick ${i}`).toBeGreaterThanOrEqual(ticks[i - 1]!.right);
}

/** The colour drawn in the matrix cell of a unit on a day, read from the canvas. */
async function cellColour(page: Page, code: string, day: string): Promise<number[]> {
  const dayIndex = Math.round((Date.parse(day) - Date.parse(CAMPAIGN.from)) / 86_400_000);
  return page.evaluate(
    ({ code, dayIndex }) => {
      const labels = [...document.querySelectorAll<HTMLElement>('.cm-label')];
      const row = labels.findIndex((l) => l.dataset.code === code);
      const canvas = document.querySelector<HTMLCanvasElement>('.cm-canvas')!;
      const cell = Number(document.querySelector<HTMLElement>('.cm-scroll')!.dataset.cellWidth);
      const ratio = canvas.width / parseFloat(canvas.style.width);
      const x = Math.floor((dayIndex * cell + cell / 2 - 0.5) * ratio);
      const y = Math.floor((row * 18 + 9) * ratio);
      return [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data].slice(0, 3);
    },
    { code, dayIndex },
  );
}

async function coreCompleteness(regions: string[]): Promise<CompletenessResult> {
  const outcome = await h.core.call('completeness', parseOperationInput('completeness', { ...CAMPAIGN, regions }));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

function cliCsv(regions: string[]): string {
  const args = [
    'completeness',
    '--db',
    h.db,
    '--from',
    CAMPAIGN.from,
    '--to',
    CAMPAIGN.to,
    ...regions.flatMap((r) => ['--region', r]),
    '--format',
    'csv',
  ];
  const r = runCli(args);
  if (r.code !== 0) throw new Error(`campaign completeness exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const RED = [214, 69, 69];
const AMBER = [240, 180, 41];
const GREEN = [207, 232, 213];

describe('数据完整性 (end to end, Chromium, 1366×768)', () => {
  beforeAll(async () => {
    buildRenderer();
    dir = mkdtempSync(join(tmpdir(), 'campaign-e2e-gaps-'));
    h = await startHarness(makeGappyCopy(inject('demoDb'), dir));
    await h.page.setViewportSize({ width: 1366, height: 768 });
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the whole province: 128 labelled rows that never overlap, gaps coloured without hovering', async () => {
    const { page } = h;
    await page.goto(h.server.url);
    await waitDrawn(page);
    await act(page, () => page.click('[data-view="completeness"]'));
    await page.waitForSelector('[data-testid="completeness-matrix"] .cm-label');
    await expectReadableMatrix(page, 128);
    await expect(page.locator('[data-testid="city-rates"] tbody tr').count()).resolves.toBe(11);
    expect(await page.locator('.cm-label[data-code="140502"] .cm-unit').innerText()).toBe('晋城市城区');
    expect(await page.locator('.cm-label[data-code="140302"] .cm-unit').innerText()).toBe('阳泉市城区');
    // Missing and partial cells are red and amber; a full day green.
    expect(await cellColour(page, '140502', MISSING_DAYS[1]!.days[0]!)).toEqual(RED);
    expect(await cellColour(page, '140224', MISSING_INDICATORS[0]!.days[0]!)).toEqual(AMBER);
    expect(await cellColour(page, '140224', '2023-08-01')).toEqual(GREEN);
    await screenshot(page, 'completeness-province-1366x768');
    // The matrix scrolls inside its panel: its last rows (吕梁市) come into view under a sticky header.
    await page.locator('.cm-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.locator('.cm-label[data-code="141100"]').isVisible()).resolves.toBe(true);
    const head = await page.locator('.cm-head').boundingBox();
    const scroller = await page.locator('.cm-scroll').boundingBox();
    expect(Math.abs(head!.y - scroller!.y)).toBeLessThan(2);
    await screenshot(page, 'completeness-province-scrolled-1366x768');
    await page.locator('.cm-scroll').evaluate((el) => el.scrollTo(0, 0));
  });

  it("one city: sorted table, a click shows the unit's gaps, the matrix click too", async () => {
    const { page } = h;
    await act(page, () => page.click(`[data-testid="city-rates"] button:has-text("忻州市")`));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="unit-rates"] tbody tr').length === 15);
    await expectReadableMatrix(page, 15);
    expect(await page.locator('[data-testid="city-rates"]').count()).toBe(0);
    expect(await cellColour(page, FANSHI, '2023-08-03')).toEqual(RED);
    await page.locator('.completeness-view').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'completeness-city-1366x768');

    // Sort by 缺报天数, descending: the table follows the core's per-unit figures.
    const core = await coreCompleteness([XINZHOU]);
    const sortButton = page.locator('[data-testid="unit-rates"] button[data-sort="missing_days"]');
    await sortButton.click();
    await sortButton.click();
    await expect(page.locator('[data-testid="unit-rates"] th[aria-sort="descending"]').innerText()).resolves.toContain('缺报天数');
    const order = await page
      .locator('[data-testid="unit-rates"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code));
    const expected = [...core.unit_rates].sort(
      (a, b) => b.missing_days - a.missing_days || core.unit_rates.indexOf(a) - core.unit_rates.indexOf(b),
    );
    expect(order).toEqual(expected.map((u) => u.region_code));
    expect(order[0]).toBe(FANSHI);
    const first = await page.locator('[data-testid="unit-rates"] tbody tr').first().locator('td').allInnerTexts();
    const fanshi = core.unit_rates.find((u) => u.region_code === FANSHI)!;
    expect(first.slice(0, 2)).toEqual(['忻州市', '繁峙县']);
    expect(first.slice(2, 4)).toEqual([String(fanshi.expected_days), String(fanshi.reported_days)]);
    expect(first.slice(5)).toEqual([String(fanshi.missing_days), '0', fanshi.last_reported_day]);

    await page.click(`[data-testid="unit-rates"] tr[data-code="${FANSHI}"]`);
    await page.waitForSelector(`[data-testid="unit-gaps"][data-code="${FANSHI}"]`);
    expect(await page.locator('[data-testid="unit-missing-days"] li').allInnerTexts()).toEqual(['2023-08-02 至 2023-08-04', '2023-08-10']);

    await page.click(`[data-testid="unit-rates"] tr[data-code="${XINZHOU}"]`);
    await page.waitForSelector(`[data-testid="unit-gaps"][data-code="${XINZHOU}"]`);
    const partial = await page.locator('[data-testid="unit-partial-days"] tbody tr').allInnerTexts();
    expect(partial).toHaveLength(1);
    expect(partial[0]).toContain(MISSING_DEPARTMENT.day);
    expect(partial[0]).toContain('交警：');
    await page.locator('[data-testid="unit-gaps"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'completeness-city-unit-gaps-1366x768');

    // A click on a matrix cell selects that unit: 五台县 on the day it left out one indicator.
    await page.locator('.completeness-view').evaluate((el) => el.scrollTo(0, 0));
    const box = await page.locator('.cm-canvas').boundingBox();
    const row = await page
      .locator('.cm-label')
      .evaluateAll((ls, code) => ls.findIndex((l) => (l as HTMLElement).dataset.code === code), WUTAI);
    const cell = Number(await page.locator('.cm-scroll').getAttribute('data-cell-width'));
    const day = Math.round((Date.parse(MISSING_INDICATORS[1]!.days[0]!) - Date.parse(CAMPAIGN.from)) / 86_400_000);
    await page.mouse.move(box!.x + day * cell + cell / 2, box!.y + row * 18 + 9);
    await expect(page.locator('.cm-tip').innerText()).resolves.toContain('缴获毒品');
    await page.mouse.click(box!.x + day * cell + cell / 2, box!.y + row * 18 + 9);
    await page.waitForSelector(`[data-testid="unit-gaps"][data-code="${WUTAI}"]`);
    await expect(page.locator('[data-testid="unit-partial-days"]').innerText()).resolves.toContain('禁毒：缴获毒品');
  });

  it('催报清单: the Excel and CSV downloads list what `campaign completeness --format csv` lists', async () => {
    const { page } = h;
    const csv = cliCsv([XINZHOU]).split('\r\n');
    // A copy of the demo database: the first line says so; the header follows.
    expect(csv[0]).toBe('演示数据（非真实数据）');
    const header = csv[1]!;
    const blank = csv.indexOf('');
    const cliRows = csv.slice(2, blank).map((l) => l.split(','));
    expect(cliRows.length).toBe(4 + 1 + 1);

    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="reminders-xlsx"]')]);
    expect(xlsx.suggestedFilename()).toBe(`忻州市催报清单（${CAMPAIGN.from}至${CAMPAIGN.to}）.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsx.path()) as never);
    const rows: string[][] = [];
    wb.getWorksheet('催报清单')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String)));
    expect(rows[0]).toEqual(header.split(','));
    expect(rows.slice(1)).toEqual(cliRows);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="reminders-csv"]')]);
    const text = readFileSync(await download.path()).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const withoutTime = (ls: string[]) => ls.filter((l) => !l.startsWith('生成时间,'));
    expect(withoutTime(text.slice(1).split('\r\n'))).toEqual(withoutTime(csv));
  }, 180_000);

  it('异常数据: the inflated value of 代县 is listed with its expected range; sortable', async () => {
    const { page } = h;
    const x = INFLATED[0]!;
    const table = page.locator('[data-testid="anomaly-table"]');
    await table.scrollIntoViewIfNeeded();
    const texts = await table.locator('tbody tr').allInnerTexts();
    const hit = texts.find((t) => t.includes('代县') && t.includes(x.day) && t.includes('检查车辆'));
    expect(hit, texts.join('\n')).toBeDefined();
    await table.locator('button[data-sort="day"]').click();
    const days = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(days).toEqual([...days].sort());
    await page.locator('.completeness-view').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'completeness-city-anomalies-1366x768');
    expect(h.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('back at the province, a city without anomalies shows the empty state', async () => {
    const { page } = h;
    await act(page, () => page.click('[data-testid="breadcrumbs"] button.crumb:has-text("山西省")'));
    await page.waitForSelector('[data-testid="anomalies"] .city-chips');
    const quiet = page.locator('[data-testid="anomalies"] .city-chips button.none').first();
    expect(await page.locator('[data-testid="anomalies"] .city-chips button.none').count()).toBeGreaterThan(0);
    const city = await quiet.getAttribute('data-city');
    const outcome = await h.core.call('anomalies', parseOperationInput('anomalies', { ...CAMPAIGN, regions: [city!] }));
    expect(outcome.ok && outcome.result.total).toBe(0);
    await quiet.click();
    await expect(page.locator('[data-testid="anomalies"] .empty-state').innerText()).resolves.toContain('未发现异常数据');
    expect(await page.locator('[data-testid="anomaly-table"]').count()).toBe(0);
  });
});
