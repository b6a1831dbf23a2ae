import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts';
import {
  dailyOption,
  dailySeries,
  departmentFigures,
  departmentFiguresOption,
  mapOption,
  rankingData,
  rankingOption,
  unitsOf,
} from '../../renderer/logic/chart-options';
import { regionNames } from '../../shared/region-names';
import { daysBetween, sparklinePath } from '../../renderer/logic/sparkline';
import { demoCatalogue } from './fixtures';

const police = () => demoCatalogue().indicators.find((i) => i.key === '综合/出动民警辅警')!;

describe('chart options', () => {
  it("ranking: largest first; 省厅直属 and the scope city's own units are not drillable", () => {
    const data = rankingData(
      [
        { region_code: '140105', region_name: '小店区', value: 5 },
        { region_code: '140100', region_name: '太原市本级', value: 9 },
        { region_code: '140106', region_name: '迎泽区', value: null },
        { region_code: '140107', region_name: '杏花岭区', value: 7, change_pct: 12.5 },
      ],
      '140100',
    );
    expect(data.map((d) => d.name)).toEqual(['太原市本级', '杏花岭区', '小店区', '迎泽区']);
    expect(data.map((d) => d.code)).toEqual([null, '140107', '140105', '140106']);
    const option = rankingOption(data, police(), '140105');
    const series = (option.series as BarSeriesOption[])[0]!;
    expect((series.data as { code: string | null }[]).map((d) => d.code)).toEqual([null, '140107', '140105', '140106']);
    expect((option.yAxis as { data: string[] }).data).toEqual(['太原市本级', '杏花岭区', '小店区', '迎泽区']);
  });

  it('daily: every day of the range, phases shaded (clamped), last year dashed with 同比', () => {
    const days = daysBetween('2023-07-05', '2023-07-08');
    expect(days).toEqual(['2023-07-05', '2023-07-06', '2023-07-07', '2023-07-08']);
    const points = dailySeries([{ day: '2023-07-07', value: 3, base: 2 }], days);
    expect(points.map((p) => p.value)).toEqual([null, null, 3, null]);
    const option = dailyOption(points, police(), [{ name: '第一次集中统一行动', from: '2023-07-07', to: '2023-07-09' }], true);
    const series = option.series as LineSeriesOption[];
    expect(series).toHaveLength(2);
    expect(series[1]!.name).toBe('去年同期');
    expect(series[1]!.lineStyle?.type).toBe('dashed');
    expect(series[0]!.markArea?.data).toEqual([[{ name: '第一次集中统一行动', xAxis: '2023-07-07' }, { xAxis: '2023-07-08' }]]);
    expect(dailyOption(points, police(), [], false).series as LineSeriesOption[]).toHaveLength(1);
  });

  it('departments: each indicator of the unit its own bar, in catalogue order, never stacked or summed', () => {
    const c = demoCatalogue();
    const unit = '名';
    const inds = c.indicators.filter((i) => i.unit === unit);
    expect(new Set(inds.map((i) => i.department)).size).toBeGreaterThan(2);
    const [a, b] = [inds[inds.length - 1]!, inds[1]!];
    const figures = departmentFigures(
      [
        { department: a.department, indicator: a.name, unit, value: 40, base: 32, change: 8, change_pct: 25 },
        { department: b.department, indicator: b.name, unit, value: 7, base: 0, change: 7, change_pct: null },
      ],
      inds,
    );
    expect(figures.map((f) => f.key)).toEqual(inds.map((i) => i.key));
    expect(figures.find((f) => f.key === a.key)).toMatchObject({ value: 40, base: 32, change_pct: 25 });
    expect(figures.filter((f) => f.value === null)).toHaveLength(inds.length - 2);
    const option = departmentFiguresOption(figures, unit, '同比');
    const series = option.series as BarSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['本期', '基期']);
    expect(series.every((s) => s.stack === undefined)).toBe(true);
    // One category per indicator: nothing is added across indicators.
    expect((option.yAxis as { data: string[] }).data).toEqual(inds.map((i) => `${i.department} · ${i.name}`));
    expect((series[0]!.data as { value: number | null; key: string }[]).map((d) => d.value)).toEqual(figures.map((f) => f.value));
    expect((series[0]!.data as { key: string }[])[0]!.key).toBe(inds[0]!.key);
    expect((option.yAxis as { axisLabel: { interval: number } }).axisLabel.interval).toBe(0);
    expect(departmentFiguresOption(figures, unit, null).series as BarSeriesOption[]).toHaveLength(1);
  });

  it("ranking and map name a shared county name with its city; the map hides the smaller region's overlapping label", () => {
    const names = regionNames(demoCatalogue().regions);
    const data = rankingData(
      [
        { region_code: '140302', region_name: '城区', value: 3 },
        { region_code: '140502', region_name: '城区', value: 4 },
        { region_code: '140521', region_name: '沁水县', value: 5 },
      ],
      null,
      names,
    );
    expect(data.map((d) => d.name)).toEqual(['沁水县', '晋城市城区', '阳泉市城区']);
    const option = rankingOption(data, police(), null);
    expect((option.yAxis as { axisLabel: { interval: number } }).axisLabel.interval).toBe(0);
    const map = mapOption('140000', [{ name: '太原市', code: '140100', value: 10, fullName: '太原市（小店区）' }], police(), null);
    const series = (map.series as MapSeriesOption[])[0]!;
    expect(series.labelLayout).toMatchObject({ hideOverlap: true });
    const formatter = (map.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ name: '太原市', value: 10, data: (series.data as unknown[])[0] })).toMatch(
      /^太原市（小店区）<br\/>出动民警辅警：10 人次/,
    );
  });

  it('map: the registered map by code, data per feature, a visual range from the values', () => {
    const option = mapOption(
      '140000',
      [
        { name: '太原市', code: '140100', value: 10 },
        { name: '大同市', code: '140200', value: null },
      ],
      police(),
      null,
    );
    const series = (option.series as MapSeriesOption[])[0]!;
    expect(series.map).toBe('140000');
    expect((series.data as { code: string }[]).map((d) => d.code)).toEqual(['140100', '140200']);
    expect(option.visualMap).toMatchObject({ min: 10, max: 11 });
  });

  it('units by how many indicators use them', () => {
    const units = unitsOf(demoCatalogue().indicators);
    expect(units[0]).toBe('起');
    expect(units).toContain('万元');
  });

  it('sparkline path skips gaps', () => {
    expect(sparklinePath([], 100, 20)).toBe('');
    const d = sparklinePath([1, null, 3, 2], 100, 20);
    expect(d.match(/M/g)).toHaveLength(2);
  });
});
