import { describe, expect, it } from 'vitest';
import { LAST_7_DAYS, datePresets, defaultRange, findPreset, phasesWithin } from '../../renderer/state/presets';
import { breadcrumbPath, chartScope, regionSummary, regionTree, searchRegions } from '../../renderer/state/regions';
import { demoCatalogue } from './fixtures';

describe('date presets', () => {
  it('lists 最近7天, each campaign (latest first) and its phases', () => {
    const presets = datePresets(demoCatalogue(), '2023-09-30');
    expect(presets[0]).toMatchObject({ id: LAST_7_DAYS, from: '2023-09-24', to: '2023-09-30' });
    const c2023 = presets.find((p) => p.id === '2023年夏季治安打击整治行动')!;
    expect(c2023).toMatchObject({ from: '2023-06-25', to: '2023-09-30', group: '2023年' });
    expect(presets.find((p) => p.id === '第一次集中统一行动')).toMatchObject({ from: '2023-07-07', to: '2023-07-09' });
    expect(presets.indexOf(c2023)).toBeLessThan(presets.findIndex((p) => p.group === '2022年'));
    expect(datePresets(demoCatalogue(), null).some((p) => p.id === LAST_7_DAYS)).toBe(false);
  });

  it('finds the preset a filter came from', () => {
    const presets = datePresets(demoCatalogue(), '2023-09-30');
    expect(findPreset(presets, '第一次集中统一行动', '2023-07-07', '2023-07-09')?.label).toBe('第一次集中统一行动');
    expect(findPreset(presets, null, '2023-07-07', '2023-07-09')).toBeUndefined();
  });

  it('opens on the latest campaign holding data, else the last 30 days of data', () => {
    const c = demoCatalogue();
    expect(defaultRange(c, '2022-06-25', '2023-09-30')).toEqual({
      from: '2023-06-25',
      to: '2023-09-30',
      preset: '2023年夏季治安打击整治行动',
    });
    expect(defaultRange(c, '2022-06-25', '2022-08-01').preset).toBe('2022年夏季治安打击整治行动');
    expect(defaultRange(c, '2024-01-01', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-03-01', preset: null });
    expect(defaultRange(c, null, null).preset).toBe('2023年夏季治安打击整治行动');
  });

  it('phases within a range', () => {
    expect(phasesWithin(demoCatalogue(), '2023-06-25', '2023-09-30').map((p) => p.name)).toContain('第一次集中统一行动');
    expect(phasesWithin(demoCatalogue(), '2023-08-01', '2023-08-10')).toEqual([]);
  });
});

describe('regions', () => {
  it('breadcrumbs: the province, a city, a county, several', () => {
    const c = demoCatalogue();
    expect(breadcrumbPath(c, [])).toEqual([{ code: '140000', label: '山西省' }]);
    expect(breadcrumbPath(c, ['140105']).map((x) => x.label)).toEqual(['山西省', '太原市', '小店区']);
    expect(breadcrumbPath(c, ['140105']).map((x) => x.code)).toEqual(['140000', '140100', '140105']);
    const multi = breadcrumbPath(c, ['140100', '140200']);
    expect(multi[1]).toMatchObject({ code: null });
    expect(multi[1]!.label).toMatch(/已选 2 个地区：太原市、大同市/);
  });

  it('search finds 小店区 by part of its name, and by code', () => {
    const c = demoCatalogue();
    expect(searchRegions(c, '小店').map((r) => r.name)).toEqual(['小店区']);
    expect(searchRegions(c, '1401').some((r) => r.name === '太原市')).toBe(true);
    expect(searchRegions(c, '  ')).toEqual([]);
  });

  it('the tree: 11 cities with their 117 counties', () => {
    const tree = regionTree(demoCatalogue());
    expect(tree).toHaveLength(11);
    expect(tree.reduce((n, t) => n + t.children.length, 0)).toBe(117);
  });

  it("chart scope: cities, a city's counties, a county among its siblings", () => {
    const c = demoCatalogue();
    expect(chartScope(c, [])).toMatchObject({ level: 'region:city', regions: [], mapCode: '140000', highlight: null });
    expect(chartScope(c, ['140100'])).toMatchObject({ level: 'region:county', regions: ['140100'], mapCode: '140100' });
    expect(chartScope(c, ['140105'])).toMatchObject({
      level: 'region:county',
      regions: ['140100'],
      mapCode: '140100',
      highlight: '140105',
    });
    expect(chartScope(c, ['140100', '140200'])).toMatchObject({ level: 'region:city', regions: ['140100', '140200'] });
    expect(regionSummary(c, [])).toBe('全省');
    expect(regionSummary(c, ['140100', '140200', '140300'])).toBe('太原市等 3 个');
  });
});
