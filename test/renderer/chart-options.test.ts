import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts';
import { dailyOption, dailySeries, departmentStackOption, mapOption, rankingData, rankingOption } from '../../renderer/logic/chart-options';
import { daysBetween, sparklinePath } from '../../renderer/logic/sparkline';
import { unitsOf } from '../../renderer/views/ChartsView';
import { demoCatalogue } from './fixtures';

const police = () => demoCatalogue().indicators.find((i) => i.key === '综合/出动民警辅警')!;

describe('chart options', () => {
  it('ranking: largest first; 省厅直属 and the scope city\'s own units are not drillable', () => {
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
    expect((dailyOption(points, police(), [], false).series as LineSeriesOption[])).toHaveLength(1);
  });

  it('department stack: a series per department present, regions as categories', () => {
    const option = departmentStackOption(
      [
        { region_code: '140100', region_name: '太原市', department: '综合', value: 10 },
        { region_code: '140100', region_name: '太原市', department: '禁毒', value: 2 },
        { region_code: '140200', region_name: '大同市', department: '综合', value: 5 },
      ],
      demoCatalogue().departments.map((d) => d.name),
      '人次',
      null,
    );
    const series = option.series as BarSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['综合', '禁毒']);
    expect(series.every((s) => s.stack === 'departments')).toBe(true);
    expect((series[1]!.data as { value: number | null }[]).map((d) => d.value)).toEqual([2, null]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['太原市', '大同市']);
  });

  it('map: the registered map by code, data per feature, a visual range from the values', () => {
    const option = mapOption('140000', [{ name: '太原市', code: '140100', value: 10 }, { name: '大同市', code: '140200', value: null }], police(), null);
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
