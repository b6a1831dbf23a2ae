// The 数据完整性 view's logic: the status grid from a result that lists only gaps, sorting the
// per-unit table, a unit's gaps as day ranges, and date ticks that never touch.
import { describe, expect, it } from 'vitest';
import type { CompletenessResult, UnitReportingRate } from '../../shared/api/slice';
import {
  STATUS_MISSING,
  STATUS_PARTIAL,
  STATUS_REPORTED,
  cellText,
  completenessMatrix,
  dayRanges,
  dayTicks,
  gapsOfUnit,
  missingText,
  nextSort,
  sortUnits,
  statusAt,
} from '../../renderer/logic/completeness';

function unit(
  code: string,
  name: string,
  city: string,
  cityName: string,
  missing: number,
  partial: number,
  last: string | null,
): UnitReportingRate {
  const expected = 4;
  const reported = expected - missing - partial;
  return {
    region_code: code,
    region_name: name,
    city_code: city,
    city_name: cityName,
    expected_days: expected,
    reported_days: reported,
    missing_days: missing,
    partial_days: partial,
    rate: reported / expected,
    last_reported_day: last,
  };
}

const result: CompletenessResult = {
  period: { from: '2024-05-30', to: '2024-06-02' },
  units: 3,
  days: 4,
  indicators: 5,
  missing: [
    { region_code: '140821', region_name: '临猗县', city_code: '140800', city_name: '运城市', day: '2024-05-30', reported: 0, expected: 5 },
    { region_code: '140821', region_name: '临猗县', city_code: '140800', city_name: '运城市', day: '2024-05-31', reported: 0, expected: 5 },
    { region_code: '140821', region_name: '临猗县', city_code: '140800', city_name: '运城市', day: '2024-06-02', reported: 0, expected: 5 },
  ],
  partial: [
    {
      region_code: '140800',
      region_name: '运城市本级',
      city_code: '140800',
      city_name: '运城市',
      day: '2024-06-01',
      reported: 2,
      expected: 5,
      missing_indicators: ['综合/设立卡点', '禁毒/涉毒检测', '综合/盘查人员'],
    },
  ],
  cities: [],
  unit_rates: [
    unit('140502', '晋城市城区', '140500', '晋城市', 0, 0, '2024-06-02'),
    unit('140821', '临猗县', '140800', '运城市', 3, 0, '2024-06-01'),
    unit('140800', '运城市本级', '140800', '运城市', 0, 1, '2024-06-02'),
  ],
};

describe('completeness matrix', () => {
  it('every unit × day, reported unless the result lists a gap there', () => {
    const m = completenessMatrix(result);
    expect(m.days).toEqual(['2024-05-30', '2024-05-31', '2024-06-01', '2024-06-02']);
    expect(m.units.map((u) => u.region_name)).toEqual(['晋城市城区', '临猗县', '运城市本级']);
    const grid = m.units.map((_, y) => m.days.map((_, x) => statusAt(m, y, x)));
    expect(grid).toEqual([
      [STATUS_REPORTED, STATUS_REPORTED, STATUS_REPORTED, STATUS_REPORTED],
      [STATUS_MISSING, STATUS_MISSING, STATUS_REPORTED, STATUS_MISSING],
      [STATUS_REPORTED, STATUS_REPORTED, STATUS_PARTIAL, STATUS_REPORTED],
    ]);
    expect(cellText(m, 2, 2)).toBe('运城市本级（运城市）· 2024-06-01 · 部分报送：缺 3 项（综合：设立卡点、盘查人员；禁毒：涉毒检测）');
    expect(cellText(m, 1, 0)).toBe('临猗县（运城市）· 2024-05-30 · 缺报');
  });

  it('only the units with a gap when asked', () => {
    const m = completenessMatrix(result, true);
    expect(m.units.map((u) => u.region_code)).toEqual(['140821', '140800']);
    expect(statusAt(m, 0, 3)).toBe(STATUS_MISSING);
    expect(statusAt(m, 1, 2)).toBe(STATUS_PARTIAL);
  });

  it('missing indicators grouped by department; a day with nothing says 全部', () => {
    expect(missingText(result.partial[0]!)).toBe('综合：设立卡点、盘查人员；禁毒：涉毒检测');
    expect(missingText(result.missing[0]!)).toBe('全部 5 项');
  });
});

describe('per-unit table', () => {
  it('sorts by any column, ties in the result order; a second click reverses', () => {
    const rows = result.unit_rates;
    expect(sortUnits(rows, { key: 'rate', dir: 'asc' }).map((u) => u.region_code)).toEqual(['140821', '140800', '140502']);
    expect(sortUnits(rows, { key: 'missing_days', dir: 'desc' }).map((u) => u.region_code)).toEqual(['140821', '140502', '140800']);
    expect(sortUnits(rows, { key: 'last_reported_day', dir: 'asc' }).map((u) => u.region_code)).toEqual(['140821', '140502', '140800']);
    expect(sortUnits(rows, { key: 'unit', dir: 'desc' }).map((u) => u.region_code)).toEqual(['140800', '140821', '140502']);
    const never = [...rows, unit('140822', '万荣县', '140800', '运城市', 4, 0, null)];
    expect(sortUnits(never, { key: 'last_reported_day', dir: 'asc' })[0]!.region_code).toBe('140822');
    expect(nextSort({ key: 'rate', dir: 'asc' }, 'rate')).toEqual({ key: 'rate', dir: 'desc' });
    expect(nextSort({ key: 'rate', dir: 'desc' }, 'missing_days')).toEqual({ key: 'missing_days', dir: 'asc' });
  });

  it("a unit's gaps: missing days as ranges, partial days with their indicators", () => {
    const g = gapsOfUnit(result, '140821');
    expect(dayRanges(g.missing)).toEqual(['2024-05-30 至 2024-05-31', '2024-06-02']);
    expect(gapsOfUnit(result, '140800').partial.map((p) => p.day)).toEqual(['2024-06-01']);
    expect(dayRanges(['2023-12-31', '2024-01-01', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-03'])).toEqual([
      '2023-12-31 至 2024-01-01',
      '2024-02-28 至 2024-03-01',
      '2024-03-03',
    ]);
    expect(dayRanges([])).toEqual([]);
  });
});

describe('matrix date ticks', () => {
  it('labels spaced at least the label width apart, whatever the cell width', () => {
    const days = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));
    for (const cell of [4, 5, 6, 9, 13, 20, 26, 40]) {
      const ticks = dayTicks(days, cell, 40);
      expect(ticks[0]!.index).toBe(0);
      for (let i = 1; i < ticks.length; i++) expect((ticks[i]!.index - ticks[i - 1]!.index) * cell).toBeGreaterThanOrEqual(40);
      expect(ticks[1]!.label).toBe(days[ticks[1]!.index]!.slice(5));
    }
    expect(dayTicks(days.slice(0, 3), 26, 40).map((t) => t.label)).toEqual(['01-01', '01-03']);
  });
});
