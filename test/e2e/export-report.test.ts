// The 导出 menu in real Chromium against web mode: a 全省通报 for the dates of a phase is titled
// with the phase; the 排名依据 selector changes what the cities are ranked by; 对比 无 leaves every
// comparison out. The downloaded XLSX is read back.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { act, buildRenderer, screenshot, startHarness, waitDrawn, type Harness } from './harness';

let h: Harness;

async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([h.page.waitForEvent('download', { timeout: 120_000 }), h.page.click(`[data-testid="${testId}"]`)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

async function workbookStrings(bytes: Buffer): Promise<{ wb: ExcelJS.Workbook; text: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const out: string[] = [];
  for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  return { wb, text: out.join('\n') };
}

describe('导出 menu (end to end, Chromium)', () => {
  beforeAll(async () => {
    buildRenderer();
    h = await startHarness(inject('demoDb'));
    await h.page.goto(h.server.url);
    await waitDrawn(h.page);
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'a briefing for the phase’s dates is titled with the phase and ranked by the chosen indicator, with no comparison under 对比 无',
    { timeout: 400_000 },
    async () => {
      const { page } = h;
      // The 2022 phase: the filter holds its dates, as any date range.
      await act(page, () => page.selectOption('[data-testid="date-preset"]', { label: '2022年第一次集中统一行动' }));
      await page.click('[data-testid="export-menu"]');
      const select = page.locator('[data-testid="export-rank-by"]');
      await expect(select.locator('option').first().innerText()).resolves.toBe('默认（抓获现行违法犯罪人员）');
      await select.selectOption('交警/查处酒驾醉驾');
      await screenshot(page, 'export-menu-rank-by');
      const file = await download('export-briefing-xlsx');
      expect(file.name).toBe('全省公安机关2022年夏季治安打击整治行动第一次集中统一行动战果通报（2022-07-07至2022-07-09）.xlsx');
      const { wb, text } = await workbookStrings(file.bytes);
      const ranking = wb.getWorksheet('各市排名')!;
      const header = (ranking.getRow(1).values as unknown[]).slice(1);
      expect(header[1]).toBe('查处酒驾醉驾（起）');
      expect(header[header.length - 1]).toBe('查处酒驾醉驾排名');
      const values: number[] = [];
      ranking.eachRow((row, n) => {
        if (n > 1 && typeof row.getCell(2).value === 'number') values.push(row.getCell(2).value as number);
      });
      expect(values.length).toBe(11);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      // The filter's comparison is 无: nothing compares.
      expect(text).not.toMatch(/同比|环比|去年同期/);
    },
  );
});
