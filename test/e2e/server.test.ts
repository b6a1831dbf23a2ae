// The workstation's side of the provincial server in real Chromium (web mode on a new empty
// database) against a real server on the run's PostgreSQL: log in through the dialog; the
// analyst accepts one city's submission and returns another's with a reason in 报送审核; 同步 shows
// its progress and then the synced figures in the grid; the 报送状态 board shows the states; the
// returned city's account sees the reason. Screenshots at 1600×1000 and 1366×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { migrateCentral } from '../../electron/central/schema';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { FilingStatusJson } from '../../shared/api/central';
import { call, useTestDatabase } from '../central/support';
import { csv, login as apiLogin, upload } from '../central/submission-support';
import { act, gridColumn, gridTotal, openEmptyHarness, parseNumber, screenshot, type Harness } from './harness';

const db = useTestDatabase();
const PASSWORDS = { analyst: '省厅-分析-口令-6612', changzhi: '长治报送-口令-2207', jinzhong: '晋中报送-口令-9184' } as const;
const DAYS = ['2024-07-08', '2024-07-09', '2024-07-10'];
const INDICATOR = '出动民警辅警';
let server: CentralServer;
let h: Harness;
let catalogue: Catalogue;
const bugs: string[] = [];

/** Figures nobody has seen: a small formula over unit, day and indicator. */
function value(unitIndex: number, dayIndex: number, indicatorIndex: number): number {
  return 37 + ((unitIndex * 53 + dayIndex * 19 + indicatorIndex * 7) % 211);
}

interface Return {
  file: Buffer;
  /** unit name → sum of INDICATOR over DAYS. */
  sums: Map<string, number>;
  units: string[];
}

/** A city's return: some of its units (counties by their full names), two indicators, three days. */
function cityReturn(cityCode: string, take: number, seed: number): Return {
  const city = catalogue.regions.find((r) => r.code === cityCode)!;
  const counties = catalogue.regions.filter((r) => r.parent === cityCode).slice(0, take);
  const indicators = [
    catalogue.indicators.find((i) => i.key === `综合/${INDICATOR}`)!,
    catalogue.indicators.find((i) => i.department === '交警')!,
  ];
  const lines = ['日期,地区,部门,指标,数值,单位,备注'];
  const sums = new Map<string, number>();
  counties.forEach((c, u) =>
    DAYS.forEach((day, d) =>
      indicators.forEach((ind, k) => {
        const v = value(u + seed, d, k);
        lines.push(`${day},${city.name}${c.name},${ind.department},${ind.name},${v},${ind.unit},`);
        if (k === 0) sums.set(c.name, (sums.get(c.name) ?? 0) + v);
      }),
    ),
  );
  return { file: csv(lines), sums, units: counties.map((c) => c.name) };
}

let changzhi: Return;
let jinzhong: Return;

async function openLink(hash: string): Promise<void> {
  await act(h.page, () => h.page.goto(`${h.server.url}${hash}`));
}

async function loginThroughDialog(user: string, password: string): Promise<void> {
  const { page } = h;
  await page.click('[data-testid="server-menu"]');
  await page.click('[data-testid="server-login"]');
  await page.waitForSelector('[data-testid="server-login-dialog"]');
  await page.fill('[data-testid="server-url"]', server.url);
  await page.fill('[data-testid="server-user"]', user);
  await page.fill('[data-testid="server-password"]', password);
  await page.click('[data-testid="server-login-submit"]');
  await page.waitForSelector('[data-testid="server-login-dialog"]', { state: 'detached' });
}

describe('the provincial server in the workstation (end to end, Chromium, PostgreSQL)', () => {
  beforeAll(async () => {
    ({ h, catalogue } = await openEmptyHarness());
    const pool = db.pool();
    await migrateCentral(pool);
    const at = new Date();
    await addAccount(pool, { name: 'fx.gao', role: 'analyst', password: PASSWORDS.analyst, createdBy: 'test' }, at);
    await addAccount(pool, { name: 'cz.wei', role: 'city', region: '长治市', password: PASSWORDS.changzhi, createdBy: 'test' }, at);
    await addAccount(pool, { name: 'jz.lu', role: 'city', region: '晋中市', password: PASSWORDS.jinzhong, createdBy: 'test' }, at);
    server = await startCentralServer({ pool, logBug: (id, e) => bugs.push(`${id} ${e instanceof Error ? e.stack : String(e)}`) });
    changzhi = cityReturn('140400', 5, 0);
    jinzhong = cityReturn('140700', 4, 3);
    const cz = await upload(server.url, await apiLogin(server.url, 'cz.wei', PASSWORDS.changzhi), '长治-7月8日至10日.csv', changzhi.file);
    const jz = await upload(server.url, await apiLogin(server.url, 'jz.lu', PASSWORDS.jinzhong), '晋中-7月8日至10日.csv', jinzhong.file);
    // A file with a problem: stored as 校验未通过, its report located by row and column.
    const bad = csv([
      '日期,地区,部门,指标,数值,单位,备注',
      '2024-07-11,长治市潞州区,综合,出动民警辅警,41,人次,',
      '2024-07-11,长治市上党区,综合,出动民警辅警,-3,人次,',
    ]);
    const badAnswer = await upload(server.url, await apiLogin(server.url, 'cz.wei', PASSWORDS.changzhi), '长治-7月11日.csv', bad);
    for (const r of [cz, jz, badAnswer]) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    expect(badAnswer.body.status).toBe('校验未通过');
  }, 240_000);

  afterAll(async () => {
    await server?.close().catch(() => undefined);
    await h?.close();
    expect(bugs).toEqual([]);
  });

  it('before logging in: the header says 未连接省厅服务器 and the views offer to log in', async () => {
    const { page } = h;
    await openLink('#/review');
    await expect(page.locator('[data-testid="server-chip-text"]').innerText()).resolves.toBe('未连接省厅服务器');
    await page.waitForSelector('[data-testid="server-not-connected"]');
    await screenshot(page, 'server-01-not-connected');
  });

  it('a wrong password is refused in the dialog with the server’s words; the right one connects', async () => {
    const { page } = h;
    await page.click('[data-testid="not-connected-login"]');
    await page.fill('[data-testid="server-url"]', server.url);
    await page.fill('[data-testid="server-user"]', 'fx.gao');
    await page.fill('[data-testid="server-password"]', 'wrong-口令');
    // The web mode has no OS key store: 记住密码 is not offered.
    expect(await page.locator('[data-testid="server-remember"]').count()).toBe(0);
    await page.click('[data-testid="server-login-submit"]');
    await expect(page.locator('[data-testid="server-login-error"]').innerText()).resolves.toContain('用户名或密码错误');
    await screenshot(page, 'server-02-login-refused');
    await page.fill('[data-testid="server-password"]', PASSWORDS.analyst);
    await page.click('[data-testid="server-login-submit"]');
    await page.waitForSelector('[data-testid="server-login-dialog"]', { state: 'detached' });
    await expect(page.locator('[data-testid="server-chip-text"]').innerText()).resolves.toBe('已连接：fx.gao（省厅分析员）');
  });

  it('报送审核 lists both submissions 待审核 with their reports; the analyst accepts 长治 and returns 晋中 with a reason', async () => {
    const { page } = h;
    const rows = page.locator('[data-testid="submission-list"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await page.locator('[data-testid="submission-list"] tbody tr[data-status="待审核"]').count()).toBe(2);
    // The header counts what waits for the analyst.
    await expect(page.locator('.srv-waiting').innerText()).resolves.toBe('2');
    const list = await page.locator('[data-testid="submission-list"]').innerText();
    expect(list).toContain('长治市');
    expect(list).toContain('cz.wei');
    expect(list).toContain('长治-7月8日至10日.csv');
    expect(list).toContain(String(changzhi.units.length * DAYS.length * 2));

    // The refused file's report: every problem by file, row, column, value and reason; nothing to decide.
    await page.click('[data-testid="submission-list"] tr[data-status="校验未通过"]');
    await page.waitForSelector('[data-testid="submission-problems"]');
    const problem = await page.locator('[data-testid="submission-problems"] tbody tr').first().innerText();
    expect(problem).toContain('长治-7月11日.csv');
    expect(problem).toContain('3');
    expect(problem).toContain('-3');
    expect(await page.locator('[data-testid="submission-accept"]').count()).toBe(0);
    await screenshot(page, 'server-03b-review-problems');

    // 长治: its report lists the units it covers; 采用 after a confirmation.
    await page.click('[data-testid="submission-list"] tr[data-status="待审核"]:has-text("长治市")');
    await page.waitForSelector('[data-testid="submission-units"]');
    const units = await page.locator('[data-testid="submission-units"]').innerText();
    for (const u of changzhi.units) expect(units).toContain(u);
    await screenshot(page, 'server-03-review-1600x1000');
    await page.click('[data-testid="submission-accept"]');
    await page.click('.modal button:has-text("采用")');
    await expect(page.locator('[data-testid="review-notice"]').innerText()).resolves.toContain('已采用 长治市');
    await page.waitForSelector('[data-testid="submission-list"] tr[data-status="已采用"]:has-text("长治市")');

    // 晋中: 退回 needs a reason.
    await page.click('[data-testid="submission-list"] tr:has-text("晋中市")');
    await page.click('[data-testid="submission-return"]');
    await page.click('[data-testid="return-confirm"]');
    await page.waitForSelector('.srv-required:has-text("请填写退回原因")');
    await page.fill('[data-testid="return-reason"]', '榆次区7月9日出动民警辅警与台账不符，请核实后重报');
    await screenshot(page, 'server-04-return-dialog');
    await page.click('[data-testid="return-confirm"]');
    await page.waitForSelector('[data-testid="return-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="submission-list"] tr[data-status="已退回"]:has-text("晋中市")');
    await expect(page.locator('[data-testid="submission-reason"]').innerText()).resolves.toContain('与台账不符');
    await expect.poll(() => page.locator('.srv-waiting').count(), { timeout: 10_000 }).toBe(0);

    // The server agrees.
    const token = await apiLogin(server.url, 'fx.gao', PASSWORDS.analyst);
    const listed = (await call(server.url, 'GET', '/api/submissions', { token })).body.submissions as {
      city: string;
      status: string;
      reason: string | null;
    }[];
    expect(listed.map((s) => [s.city, s.status]).sort()).toEqual([
      ['晋中市', '已退回'],
      ['长治市', '已采用'],
      ['长治市', '校验未通过'],
    ]);
  });

  it('同步 shows its progress, then what it pulled; the grid shows the synced figures', async () => {
    const { page } = h;
    // Every state the chip passed through, recorded in the page (a sync of two changes is quick).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __syncSeen: string[] }).__syncSeen = seen;
      const root = document.querySelector('[data-testid="server-status"]')!;
      new MutationObserver(() => {
        seen.push(`${root.getAttribute('data-syncing')}|${document.querySelector('[data-testid="sync-progress"]')?.textContent ?? ''}`);
      }).observe(root, { attributes: true, subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-testid="server-menu"]');
    await page.click('[data-testid="sync-now"]');
    await page.waitForSelector('[data-testid="sync-result"]', { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { __syncSeen: string[] }).__syncSeen);
    expect(seen.some((s) => s.startsWith('true|') && s.includes('同步'))).toBe(true);
    await expect(page.locator('[data-testid="sync-result"]').innerText()).resolves.toContain(
      `新增 1 批（${changzhi.units.length * DAYS.length * 2} 条数据）`,
    );
    await expect(page.locator('[data-testid="server-last-sync"]').innerText()).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
    await screenshot(page, 'server-05-synced');
    await page.keyboard.press('Escape');

    const indicatorId = catalogue.indicators.find((i) => i.key === `综合/${INDICATOR}`)!.id;
    await openLink(`#/grid?from=${DAYS[0]}&to=${DAYS[2]}&region=140400&rows=county`);
    const column = await gridColumn(page, `v${indicatorId}`);
    for (const [unit, sum] of changzhi.sums) expect(parseNumber(column.get(unit) ?? ''), unit).toBe(sum);
    expect(parseNumber(await gridTotal(page, `v${indicatorId}`))).toBe([...changzhi.sums.values()].reduce((a, b) => a + b, 0));
    await screenshot(page, 'server-06-grid-synced');
  });

  it('报送状态: the province per city and a city’s units × days, as the server counts them', async () => {
    const { page } = h;
    await openLink(`#/filing?from=${DAYS[0]}&to=${DAYS[2]}`);
    await page.waitForSelector('[data-testid="filing-cities"]');
    const token = await apiLogin(server.url, 'fx.gao', PASSWORDS.analyst);
    const board = (await call(server.url, 'GET', `/api/filing-status?from=${DAYS[0]}&to=${DAYS[2]}`, { token }))
      .body as unknown as FilingStatusJson;
    for (const s of ['未报', '待审核', '已退回', '已采用'] as const) {
      expect(parseNumber(await page.locator(`[data-testid="filing-total-${s}"]`).innerText()), s).toBe(board.totals[s]);
    }
    expect(board.totals['已采用']).toBe(changzhi.units.length * DAYS.length);
    expect(board.totals['已退回']).toBe(jinzhong.units.length * DAYS.length);
    const changzhiRow = await page.locator('[data-testid="filing-cities"] tr[data-city="长治市"]').innerText();
    expect(changzhiRow).toContain(String(changzhi.units.length * DAYS.length));
    await screenshot(page, 'server-07-board-province-1600x1000');

    await page.click('[data-testid="filing-cities"] tr[data-city="长治市"]');
    await page.waitForSelector('[data-testid="filing-matrix"]');
    for (const u of changzhi.units) {
      const states = await page
        .locator(`[data-testid="filing-matrix"] tr[data-unit="${u}"] td.fm-cell`)
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
      expect(states, u).toEqual(['已采用', '已采用', '已采用']);
    }
    const others = await page.locator('[data-testid="filing-matrix"] td.fm-cell[data-state="未报"]').count();
    const cityUnits = board.units.filter((u) => u.city === '长治市').length;
    expect(others).toBe((cityUnits - changzhi.units.length) * DAYS.length);
    await screenshot(page, 'server-08-board-city-1600x1000');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(150);
    await screenshot(page, 'server-08-board-city-1366x768');
    await openLink('#/review');
    await page.waitForSelector('[data-testid="submission-report"]');
    await screenshot(page, 'server-03-review-1366x768');
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('the 晋中 city account sees its own submission returned, with the reason, and the board of its city', async () => {
    const { page } = h;
    await page.click('[data-testid="server-menu"]');
    await page.click('[data-testid="server-logout"]');
    await expect.poll(() => page.locator('[data-testid="server-chip-text"]').innerText()).toBe('未登录省厅服务器');
    await page.keyboard.press('Escape');
    await loginThroughDialog('jz.lu', PASSWORDS.jinzhong);
    await expect(page.locator('[data-testid="server-chip-text"]').innerText()).resolves.toBe('已连接：jz.lu（地市报送员·晋中市）');
    await openLink(`#/filing?from=${DAYS[0]}&to=${DAYS[2]}`);
    await page.waitForSelector('[data-testid="filing-matrix"]');
    expect(await page.locator('[data-testid="filing-city"]').count()).toBe(0);
    await expect(page.locator('[data-testid="filing-view"]').getAttribute('data-city')).resolves.toBe('晋中市');
    expect(await page.locator('[data-testid="filing-matrix"] td.fm-cell[data-state="已退回"]').count()).toBe(
      jinzhong.units.length * DAYS.length,
    );
    await screenshot(page, 'server-10-city-board');
    await openLink('#/review');
    await page.waitForSelector('[data-testid="submission-list"] tr[data-status="已退回"]');
    expect(await page.locator('[data-testid="submission-list"] tbody tr').count()).toBe(1);
    await expect(page.locator('[data-testid="submission-reason"]').innerText()).resolves.toContain('榆次区7月9日出动民警辅警与台账不符');
    expect(await page.locator('[data-testid="submission-accept"]').count()).toBe(0);
    await screenshot(page, 'server-09-city-returned');
    expect(h.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('采用 of a submission whose figures conflict with accepted ones is refused (409), the conflicts listed', async () => {
    const { page } = h;
    // Two corrections of one unit-day, both waiting; the first is accepted meanwhile (through the API).
    const unit = changzhi.units[1]!;
    const line = (v: number) => csv(['日期,地区,部门,指标,数值,单位,备注', `2024-07-12,长治市${unit},综合,${INDICATOR},${v},人次,`]);
    const token = await apiLogin(server.url, 'cz.wei', PASSWORDS.changzhi);
    const first = await upload(server.url, token, '长治-7月12日.csv', line(64));
    const second = await upload(server.url, token, '长治-7月12日更正.csv', line(69));
    expect([first.body.status, second.body.status]).toEqual(['待审核', '待审核']);
    const analystToken = await apiLogin(server.url, 'fx.gao', PASSWORDS.analyst);
    expect((await call(server.url, 'POST', '/api/submissions/accept', { token: analystToken, body: { id: first.body.id } })).status).toBe(
      200,
    );
    await page.click('[data-testid="server-menu"]');
    await page.click('[data-testid="server-logout"]');
    await page.keyboard.press('Escape');
    await loginThroughDialog('fx.gao', PASSWORDS.analyst);
    await openLink(`#/filing?from=${DAYS[0]}&to=${DAYS[2]}`);
    await openLink('#/review');
    await page.click('[data-testid="submission-list"] tr[data-status="待审核"]:has-text("长治-7月12日更正.csv")');
    await page.click('[data-testid="submission-accept"]');
    await page.click('.modal button:has-text("采用")');
    const banner = page.locator('.review-view .banner-error');
    await expect(banner.innerText()).resolves.toContain('冲突 1 处');
    const text = await banner.innerText();
    // The conflict itself: the figure sent and the one accepted meanwhile, with its batch.
    expect(text).toContain('值 69');
    expect(text).toMatch(/上党区.*2024-07-12 已有数值 64/);
    await page.waitForSelector('[data-testid="submission-list"] tr[data-status="待审核"]:has-text("长治-7月12日更正.csv")');
    await screenshot(page, 'server-12-conflict');
  });

  it('a stopped server: the header says 服务器不可达 with the reason', async () => {
    const { page } = h;
    await server.close();
    // The health answer is cached ~10 s: wait past it.
    await expect
      .poll(
        async () => {
          await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="server-menu"]')?.click());
          await page.keyboard.press('Escape');
          return page.locator('[data-testid="server-status"]').getAttribute('data-kind');
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('unreachable');
    await page.click('[data-testid="server-menu"]');
    await expect(page.locator('[data-testid="server-error"]').innerText()).resolves.toContain('无法连接省厅服务器');
    await screenshot(page, 'server-11-unreachable');
  }, 90_000);
});
