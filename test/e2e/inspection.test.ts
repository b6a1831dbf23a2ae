// The 督导 loop through the page (web mode, real Chromium): on the demo copy, 导出督导包 of a city;
// 打开督导包 with a wrong passphrase (refused, the provincial copy stays open) and then the right one
// (the header says 加密督导包); a finding with a photo (thumbnail drawn from the stored bytes); a
// 核实更正 of one figure; 生成督导回传; back on the provincial copy, 合并督导回传 (the report counts
// them); the finding, its photo and the corrected figure are there; a second merge changes nothing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { act, buildRenderer, cli, gridColumn, screenshot, startHarness, waitDrawn, type Harness } from './harness';

let h: Harness;
let work: string;
let catalogue: Catalogue;

const CITY = '忻州市';
const PASS_BUNDLE = '雁门关外2023夏季督导';
const PASS_RETURN = '回传口令-忻州-第二组';
const DAY = '2023-07-21';
/** A second figure corrected on site, changed meanwhile in the provincial copy: a conflict. */
const DAY2 = '2023-07-24';

/** A real PNG (a 24×16 two-colour flag), which Chromium decodes for the thumbnail. */
function png(): Buffer {
  const w = 24;
  const hgt = 16;
  const raw = Buffer.alloc((w * 3 + 1) * hgt);
  for (let y = 0; y < hgt; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const top = y < hgt / 2;
      raw[o] = top ? 200 : 30;
      raw[o + 1] = top ? 40 : 90;
      raw[o + 2] = top ? 40 : 200;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(hgt, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function saveDownload(testId: string, to: string): Promise<string> {
  const [d] = await Promise.all([h.page.waitForEvent('download', { timeout: 120_000 }), h.page.click(`[data-testid="${testId}"]`)]);
  await d.saveAs(to);
  return d.suggestedFilename();
}

async function openView(view: string): Promise<void> {
  await h.page.click(`[data-view="${view}"]`);
  await h.page.waitForSelector(`[data-view="${view}"][aria-current="page"]`);
}

async function openFile(kind: 'db-open' | 'db-open-bundle', path: string, passphrase?: string): Promise<void> {
  const { page } = h;
  if (!(await page.locator('[data-testid="db-chooser"]').isVisible())) await page.click('[data-testid="db-menu"]');
  await page.click(`[data-testid="${kind}"]`);
  await page.fill('[data-testid="db-path"]', path);
  if (passphrase !== undefined) await page.fill('[data-testid="db-passphrase"]', passphrase);
  await page.click('[data-testid="db-path-submit"]');
}

function queryValue(db: string, region: string, indicator: string, day = DAY): number | null {
  const answer = cli(['query', '--db', db, '--region', region, '--indicator', indicator, '--from', day, '--to', day]) as {
    total: { value: number | null };
  };
  return answer.total.value;
}

describe('督导 loop (end to end, Chromium)', () => {
  let county: { code: string; name: string };
  let indicatorKey: string;
  let indicatorId: number;
  let original: number;
  let original2: number;
  const corrected = () => original + 17;
  const bundlePath = () => join(work, '忻州督导包.cwb');
  const returnPath = () => join(work, '忻州督导回传.cwr');

  beforeAll(async () => {
    buildRenderer();
    // Fast key derivation (never below 2^14) and a known user name, for the core worker the harness starts.
    process.env.CAMPAIGN_TEST_HOOKS = '1';
    process.env.CAMPAIGN_TEST_SCRYPT_LOG2N = '14';
    process.env.CAMPAIGN_USER = '省厅督导二组';
    h = await startHarness(inject('demoDb'));
    work = join(h.dir, 'files');
    mkdirSync(work);
    catalogue = cli(['catalogue', '--db', h.db]) as Catalogue;
    const city = catalogue.regions.find((r) => r.name === CITY)!;
    const c = catalogue.regions.filter((r) => r.level === 'county' && r.parent === city.code)[2]!;
    county = { code: c.code, name: c.name };
    const ind = catalogue.indicators.find((i) => i.key === '交警/查处酒驾醉驾') ?? catalogue.indicators[0]!;
    indicatorKey = ind.key;
    indicatorId = ind.id;
    original = queryValue(h.db, county.code, indicatorKey) ?? 0;
    original2 = queryValue(h.db, county.code, indicatorKey, DAY2) ?? 0;
    await h.page.goto(h.server.url);
    await waitDrawn(h.page);
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  it('exports a city bundle from the demo copy; the passphrase must be typed twice alike', { timeout: 300_000 }, async () => {
    const { page } = h;
    await act(page, () => openView('inspection'));
    await page.waitForSelector('[data-testid="findings-by-city"]');
    await screenshot(page, 'inspection-01-province-empty');
    await page.click('[data-testid="bundle-export"]');
    await page.selectOption('[data-testid="bundle-city"]', { label: CITY });
    await page.selectOption('[data-testid="bundle-phase"]', '2023年夏季治安打击整治行动');
    await page.fill('[data-testid="bundle-pass-1"]', PASS_BUNDLE);
    await page.fill('[data-testid="bundle-pass-2"]', `${PASS_BUNDLE}x`);
    await expect(page.locator('[data-testid="bundle-pass-problem"]').innerText()).resolves.toBe('两次输入的口令不一致');
    await expect(page.locator('[data-testid="bundle-export-submit"]').isDisabled()).resolves.toBe(true);
    await page.fill('[data-testid="bundle-pass-2"]', PASS_BUNDLE);
    await screenshot(page, 'inspection-02-export-dialog');
    const name = await saveDownload('bundle-export-submit', bundlePath());
    expect(name).toMatch(/\.cwb$/);
    await expect(page.locator('[data-testid="bundle-export-done"]').innerText()).resolves.toContain(CITY);
    await page.click('[data-testid="bundle-export-done"] button');
  });

  it('opens the bundle: a wrong passphrase is refused with the core’s message, the right one opens it', { timeout: 300_000 }, async () => {
    const { page } = h;
    await openFile('db-open-bundle', bundlePath(), '这不是正确的口令啊');
    await page.waitForSelector('[data-testid="db-error"]', { timeout: 60_000 });
    const refused = await page.locator('[data-testid="db-error"]').innerText();
    expect(refused).toMatch(/口令/);
    await expect(page.locator('[data-testid="db-file"]').innerText()).resolves.toBe('e2e.db');
    await page.fill('[data-testid="db-passphrase"]', PASS_BUNDLE);
    await page.click('[data-testid="db-path-submit"]');
    await page.waitForSelector('[data-testid="bundle-badge"]', { timeout: 60_000 });
    await expect(page.locator('[data-testid="bundle-badge"]').innerText()).resolves.toMatch(new RegExp(`加密督导包 · ${CITY}`));
    await waitDrawn(page);
  });

  it('on the bundle: a finding with a photo (thumbnail shown), then a 核实更正', { timeout: 300_000 }, async () => {
    const { page } = h;
    await act(page, () => openView('inspection'));
    await page.waitForSelector('[data-testid="bundle-banner"]');
    await page.click('[data-testid="finding-new"]');
    const form = page.locator('[data-testid="finding-form"]');
    // The bundle's city only.
    const groups = await form
      .locator('[data-testid="finding-unit"] optgroup')
      .evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    expect(groups).toEqual([CITY]);
    await page.selectOption('[data-testid="finding-unit"]', county.code);
    await page.selectOption('[data-testid="finding-indicator"]', indicatorKey);
    await page.fill('[data-testid="finding-from"]', DAY);
    await page.fill('[data-testid="finding-to"]', DAY);
    await page.selectOption('[data-testid="finding-category"]', '数据不实');
    await page.selectOption('[data-testid="finding-severity"]', '较重');
    await page.fill('[data-testid="finding-text"]', `${county.name}${DAY}查处酒驾数与执法记录仪台账不一致，现场核对后更正`);
    await page.fill('[data-testid="finding-due"]', '2023-08-15');
    await page.fill('[data-testid="finding-owner"]', `${county.name}公安局交警大队`);
    await page.setInputFiles('[data-testid="finding-files"]', { name: '执法记录台账.png', mimeType: 'image/png', buffer: png() });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="finding-files-list"] img');
      return img !== null && img.complete && img.naturalWidth === 24;
    });
    await screenshot(page, 'inspection-03-finding-form');
    await page.click('[data-testid="finding-submit"]');
    await page.waitForSelector('[data-testid="finding-detail"]', { timeout: 60_000 });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="finding-detail"] [data-testid="attachment-thumb"]');
      return img !== null && img.complete && img.naturalWidth === 24;
    });
    await expect(page.locator('[data-testid="finding-history"]').innerText()).resolves.toContain('省厅督导二组');

    await page.click('[data-testid="correction-new"]');
    await page.selectOption('[data-testid="correction-unit"]', county.code);
    await page.selectOption('[data-testid="correction-indicator"]', indicatorKey);
    await page.fill('[data-testid="correction-day"]', DAY);
    await page.fill('[data-testid="correction-value"]', String(corrected()));
    await page.fill('[data-testid="correction-reason"]', '执法记录仪台账核实，漏统17起');
    const findingOption = await page.locator('[data-testid="correction-finding"] option').nth(1).getAttribute('value');
    await page.selectOption('[data-testid="correction-finding"]', findingOption);
    await page.click('[data-testid="correction-submit"]');
    const row = page.locator('[data-testid="corrections-table"] tbody tr');
    await row.first().waitFor({ timeout: 60_000 });
    const cells = await row.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe(county.name);
    expect(cells[2]).toBe(DAY);
    expect(cells[3]!.replace(/,/g, '')).toBe(String(original));
    expect(cells[4]!.replace(/,/g, '')).toBe(String(corrected()));
    expect(cells[7]).toContain('已更正');

    // A second figure, which the province will have changed by the time the return comes back.
    await page.click('[data-testid="correction-new"]');
    await page.selectOption('[data-testid="correction-unit"]', county.code);
    await page.selectOption('[data-testid="correction-indicator"]', indicatorKey);
    await page.fill('[data-testid="correction-day"]', DAY2);
    await page.fill('[data-testid="correction-value"]', String(original2 + 5));
    await page.fill('[data-testid="correction-reason"]', '值班日志核实，少报5起');
    await page.click('[data-testid="correction-submit"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="corrections-table"] tbody tr').length === 2, undefined, {
      timeout: 60_000,
    });
    await screenshot(page, 'inspection-04-bundle-view');
  });

  it(
    'generates the return, merges it into the provincial copy (report), and the finding, photo and figure are there',
    { timeout: 300_000 },
    async () => {
      const { page } = h;
      await page.click('[data-testid="bundle-return"]');
      await page.fill('[data-testid="return-pass-1"]', PASS_RETURN);
      await page.fill('[data-testid="return-pass-2"]', PASS_RETURN);
      expect(await saveDownload('bundle-return-submit', returnPath())).toMatch(/\.cwr$/);
      await expect(page.locator('[data-testid="bundle-return-done"]').innerText()).resolves.toMatch(
        /督导发现 1 条、附件 1 个、核实更正 2 条/,
      );
      await page.click('[data-testid="bundle-return-done"] button');

      // Meanwhile the province changed the second figure (a CLI correction on the provincial copy).
      cli([
        'correct',
        '--db',
        h.db,
        '--region',
        county.code,
        '--indicator',
        indicatorKey,
        '--day',
        DAY2,
        '--value',
        String(original2 + 2),
        '--reason',
        '市局补报更正',
      ]);
      await openFile('db-open', h.db);
      await page.waitForFunction(() => document.querySelector('[data-testid="db-file"]')?.textContent === 'e2e.db', undefined, {
        timeout: 60_000,
      });
      expect(await page.locator('[data-testid="bundle-badge"]').count()).toBe(0);
      await waitDrawn(page);
      await act(page, () => openView('inspection'));
      await page.waitForSelector('[data-testid="merge-return"]');
      await page.click('[data-testid="merge-return"]');
      await page.setInputFiles('[data-testid="merge-file"]', returnPath());
      await page.fill('[data-testid="merge-pass-1"]', PASS_RETURN);
      await page.click('[data-testid="merge-submit"]');
      await page.waitForSelector('[data-testid="merge-report"]', { timeout: 60_000 });
      await expect(page.locator('[data-testid="merge-added"]').innerText()).resolves.toBe('1');
      await expect(page.locator('[data-testid="merge-attachments"]').innerText()).resolves.toBe('1');
      await expect(page.locator('[data-testid="merge-applied"]').innerText()).resolves.toMatch(/^1（导入批次 #\d+/);
      await expect(page.locator('[data-testid="merge-conflicts"]').innerText()).resolves.toBe('1');
      const conflict = await page.locator('[data-testid="merge-conflict-table"] tbody tr td').allInnerTexts();
      expect(conflict.slice(0, 3)).toEqual([expect.stringContaining(county.name), expect.stringContaining('查处酒驾醉驾'), DAY2]);
      expect(conflict.slice(3).map((t) => t.replace(/,/g, ''))).toEqual([String(original2), String(original2 + 2), String(original2 + 5)]);
      await screenshot(page, 'inspection-05-merge-report');
      await page.click('[data-testid="merge-close"]');

      // The province's 督导 view: the city's row counts it; the finding and its photo.
      const cityRow = page.locator(`[data-testid="findings-by-city"] tr[data-city="${CITY}"] td`);
      await expect(cityRow.nth(1).innerText()).resolves.toBe('1');
      await page.locator('[data-testid="findings-table"] tbody tr').first().click();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="finding-detail"] [data-testid="attachment-thumb"]');
        return img !== null && img.complete && img.naturalWidth === 24;
      });
      await screenshot(page, 'inspection-06-province-finding');

      // The corrected figure, in the grid the finding links to, and by the CLI.
      await act(page, () => page.click('[data-testid="finding-show-data"]'));
      await page.waitForSelector('[data-view="grid"][aria-current="page"]');
      const values = await gridColumn(page, `v${indicatorId}`);
      expect([...values.keys()]).toEqual([DAY]);
      expect(values.get(DAY)?.replace(/,/g, '')).toBe(String(corrected()));
      await screenshot(page, 'inspection-07-grid-corrected');
      expect(queryValue(h.db, county.code, indicatorKey)).toBe(corrected());
      // The conflicting correction was not applied: the province's own figure stands.
      expect(queryValue(h.db, county.code, indicatorKey, DAY2)).toBe(original2 + 2);

      // 记一条督导发现 from that grid cell: the form opens with the row's unit, indicator and day.
      await page
        .locator(`.grid-host .grid-pane.is-active .ag-row[row-index] [col-id="v${indicatorId}"]`)
        .first()
        .click({ button: 'right' });
      await page.waitForSelector('[data-testid="finding-context-menu"]');
      await screenshot(page, 'inspection-08-grid-context-menu');
      await act(page, () => page.click('[data-testid="record-finding"]'));
      await page.waitForSelector('[data-testid="finding-form"]');
      await expect(page.locator('[data-testid="finding-unit"]').inputValue()).resolves.toBe(county.code);
      await expect(page.locator('[data-testid="finding-indicator"]').inputValue()).resolves.toBe(indicatorKey);
      // The finding's link showed that one day, one row.
      await expect(page.locator('[data-testid="finding-from"]').inputValue()).resolves.toBe(DAY);
      await expect(page.locator('[data-testid="finding-to"]').inputValue()).resolves.toBe(DAY);
      await page.click('[data-testid="finding-form"] button:has-text("取消")');
    },
  );

  it(
    '记一条督导发现 from a point of the ranking chart: its county, the chart indicator, the filter dates',
    { timeout: 300_000 },
    async () => {
      const { page } = h;
      await act(page, () => openView('charts'));
      // Up from the county to its city: the ranking lists the city's counties.
      await act(page, () => page.click(`[data-testid="breadcrumbs"] button:has-text("${CITY}")`));
      const point = await page.evaluate((name) => window.__campaign!.pointOf('ranking', name), county.name);
      expect(point).not.toBeNull();
      await page.mouse.click(point!.x, point!.y, { button: 'right' });
      await page.waitForSelector('[data-testid="finding-context-menu"]');
      await expect(page.locator('[data-testid="finding-context-menu"]').innerText()).resolves.toContain(county.name);
      await act(page, () => page.click('[data-testid="record-finding"]'));
      await page.waitForSelector('[data-testid="finding-form"]');
      await expect(page.locator('[data-testid="finding-unit"]').inputValue()).resolves.toBe(county.code);
      await expect(page.locator('[data-testid="finding-indicator"]').inputValue()).resolves.toBe(indicatorKey);
      await expect(page.locator('[data-testid="finding-from"]').inputValue()).resolves.toBe(DAY);
      await page.click('[data-testid="finding-form"] button:has-text("取消")');
    },
  );

  it('a second merge of the same return says 已合并过 and changes nothing', { timeout: 300_000 }, async () => {
    const { page } = h;
    await act(page, () => openView('inspection'));
    await page.click('[data-testid="merge-return"]');
    await page.setInputFiles('[data-testid="merge-file"]', returnPath());
    await page.fill('[data-testid="merge-pass-1"]', PASS_RETURN);
    await page.click('[data-testid="merge-submit"]');
    await page.waitForSelector('[data-testid="merge-already"]', { timeout: 60_000 });
    // The counts shown are those of the first merge, said so above them.
    await expect(page.locator('[data-testid="merge-already"]').innerText()).resolves.toMatch(
      /已合并过[\s\S]*本次未作任何更改[\s\S]*上次合并的结果/,
    );
    await screenshot(page, 'inspection-09-merge-again');
    await page.click('[data-testid="merge-close"]');
    await expect(page.locator(`[data-testid="findings-by-city"] tr[data-city="${CITY}"] td`).nth(1).innerText()).resolves.toBe('1');
    expect(queryValue(h.db, county.code, indicatorKey)).toBe(corrected());
    // One corrections batch, not two.
    const info = cli(['info', '--db', h.db]) as { batches: { source: string }[] };
    expect(info.batches.filter((b) => b.source.startsWith('督导回传')).length).toBe(1);
    expect(h.problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });
});
