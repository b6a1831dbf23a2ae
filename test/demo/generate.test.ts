import { beforeAll, afterAll, describe, expect, inject, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createCoreEntry, type CoreEntry } from '../../electron/core/entry';
import { formatReportNumber } from '../../shared/format';
import { publishedFigures } from '../support/published-figures';

let ws: Workspace;
let core: CoreEntry;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
  core = createCoreEntry(ws);
});
afterAll(() => ws.close());

describe('demo campaign', () => {
  it('reproduces every published figure in its printed form', () => {
    const figures = publishedFigures();
    expect(figures.map((f) => f.table).join('')).toBe('A'.repeat(17) + 'B'.repeat(8) + 'C'.repeat(6));
    for (const f of figures) {
      const ind = ws.resolver.resolveIndicator(f.indicator);
      expect(ind.ok, f.indicator).toBe(true);
      if (!ind.ok) continue;
      const period = f.table === 'C' ? { from: '2023-06-25', to: '2023-07-12' } : { phase: '第一次集中统一行动' };
      const { total } = core.query({ ...period, indicators: [ind.value.key] });
      expect(ind.value.unit, f.indicator).toBe(f.unit);
      expect(formatReportNumber(total.value!, ind.value.display, ind.value.unit), f.indicator).toBe(f.value);
    }
  });

  it('has every reporting unit report every indicator on every campaign day', () => {
    const n = (sql: string) => (ws.db.prepare(sql).get() as { n: number }).n;
    const days = ws.catalogue.campaigns.reduce((s, c) => s + (Date.parse(c.to) - Date.parse(c.from)) / 86_400_000 + 1, 0);
    expect(days).toBe(196);
    expect(n('SELECT COUNT(*) AS n FROM fact')).toBe(128 * ws.catalogue.indicators.length * days);
    expect(n('SELECT COUNT(DISTINCT region_code) AS n FROM fact')).toBe(128);
    expect(n("SELECT COUNT(*) AS n FROM fact f JOIN region r ON r.code = f.region_code WHERE r.level = 'province'")).toBe(0);
    const complete = core.completeness({ phase: '2023年夏季治安打击整治行动' });
    expect(complete.missing).toHaveLength(0);
    expect(complete.partial).toHaveLength(0);
    expect(complete.cities.every((c) => c.rate === 1)).toBe(true);
  });

  it('has whole counts and grams with one decimal', () => {
    const n = (sql: string) => (ws.db.prepare(sql).get() as { n: number }).n;
    expect(
      n(
        "SELECT COUNT(*) AS n FROM fact f JOIN indicator i ON i.id = f.indicator_id WHERE i.unit NOT IN ('克', '万元') AND f.value <> CAST(f.value AS INTEGER)",
      ),
    ).toBe(0);
    expect(
      n(
        "SELECT COUNT(*) AS n FROM fact f JOIN indicator i ON i.id = f.indicator_id WHERE i.unit = '克' AND abs(f.value * 10 - round(f.value * 10)) > 1e-9",
      ),
    ).toBe(0);
    expect(
      n(
        "SELECT COUNT(*) AS n FROM fact f JOIN indicator i ON i.id = f.indicator_id WHERE i.unit = '克' AND f.value <> CAST(f.value AS INTEGER)",
      ),
    ).toBeGreaterThan(0);
  });

  it('has a realistic shape: big cities report more, operation days far above ordinary days, weekdays differ', () => {
    const byCity = core.query({ phase: '2023年夏季治安打击整治行动', indicators: ['出动民警辅警'], by: ['region:city'] }).rows;
    const city = (name: string) => byCity.find((r) => r.region_name === name)!.value!;
    expect(city('太原市')).toBeGreaterThan(2.5 * city('阳泉市'));
    const daily = core.query({ from: '2023-06-26', to: '2023-07-23', indicators: ['出动民警辅警'], by: ['day'] }).rows;
    const inPhase = (day: string) => day >= '2023-07-07' && day <= '2023-07-09';
    const phase = daily.filter((r) => inPhase(r.day!)).map((r) => r.value!);
    const ordinary = daily.filter((r) => !inPhase(r.day!)).map((r) => r.value!);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.min(...phase)).toBeGreaterThan(2 * mean(ordinary));
    const weekday = new Map<number, number[]>();
    for (const r of daily.filter((r) => !inPhase(r.day!))) {
      const wd = new Date(r.day! + 'T00:00:00Z').getUTCDay();
      weekday.set(wd, [...(weekday.get(wd) ?? []), r.value!]);
    }
    expect(mean(weekday.get(6)!)).toBeGreaterThan(mean(weekday.get(1)!));
  });

  it('has a 2022 base, so 同比 exists', () => {
    const r = core.query({ phase: '第一次集中统一行动', departments: ['综合'], by: ['indicator'], compare: 'yoy' });
    expect(r.period.base).toEqual({ from: '2022-07-07', to: '2022-07-09' });
    expect(r.rows.every((row) => row.base !== null && row.base! > 0)).toBe(true);
  });
});
