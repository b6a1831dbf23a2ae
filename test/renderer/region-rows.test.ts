// Grid rows of regions: a 市 column beside counties of several cities, a label column wide enough
// for a part's name, and a click on a part's row narrowing to what it holds.
import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import { pivotSlice, type GridRow } from '../../renderer/logic/pivot';
import { buildColumns, drillRegions, rowLabelLayout } from '../../renderer/logic/grid-columns';
import { breadcrumbPath, regionSummary } from '../../renderer/state/regions';
import { demoCatalogue } from './fixtures';

const period = { from: '2023-08-01', to: '2023-08-03' };

describe('grid rows of regions', () => {
  const c = demoCatalogue();
  const ind = c.indicators.find((i) => i.key === '综合/检查车辆')!;

  it('county rows of two cities: a 市 column before the county; of one city: none', () => {
    const rows = pivotSlice(
      c,
      {
        rows: [
          {
            region_code: '140302',
            region_name: '城区',
            city_code: '140300',
            city_name: '阳泉市',
            department: '综合',
            indicator: '检查车辆',
            value: 3,
          },
          {
            region_code: '140502',
            region_name: '城区',
            city_code: '140500',
            city_name: '晋城市',
            department: '综合',
            indicator: '检查车辆',
            value: 4,
          },
        ],
        total: { unit: '台次', value: 7 },
        period,
      },
      'region:county',
      [ind],
    ).rows;
    expect(rows.map((r) => [r.label, r.city])).toEqual([
      ['城区', '阳泉市'],
      ['城区', '晋城市'],
    ]);
    const layout = rowLabelLayout(rows, 'region:county');
    expect(layout.withCity).toBe(true);
    const cols = buildColumns(c, [ind], 'region:county', null, [], layout) as ColDef<GridRow>[];
    expect(cols.slice(0, 2).map((x) => [x.colId, x.headerName])).toEqual([
      ['city', '市'],
      ['label', '县区'],
    ]);
    expect(rowLabelLayout(rows.slice(0, 1), 'region:county').withCity).toBe(false);
    // Cities' rows never get one.
    expect(rowLabelLayout(rows, 'region:city').withCity).toBe(false);
  });

  it("a part's row: the label column widens for its name and a click narrows to the counties it holds", () => {
    const rows = pivotSlice(
      c,
      {
        rows: [
          {
            region_code: '140700',
            region_name: '晋中市（榆社县、寿阳县、平遥县…共5个）',
            region_scope: ['140721', '140725', '140728', '140729', '140781'],
            department: '综合',
            indicator: '检查车辆',
            value: 9,
          },
          {
            region_code: '140900',
            region_name: '忻州市（市本级）',
            region_scope: ['忻州市本级'],
            department: '综合',
            indicator: '检查车辆',
            value: 2,
          },
          { region_code: '140100', region_name: '太原市', department: '综合', indicator: '检查车辆', value: 20 },
        ],
        total: { unit: '台次', value: 31 },
        period,
      },
      'region:city',
      [ind],
    ).rows;
    const layout = rowLabelLayout(rows, 'region:city');
    expect(layout.labelWidth).toBeGreaterThan(220);
    expect(layout.labelWidth).toBeLessThanOrEqual(340);
    const label = (buildColumns(c, [ind], 'region:city', null, [], layout) as ColDef<GridRow>[])[0]!;
    expect(label.width).toBe(layout.labelWidth);
    expect(label.tooltipField).toBe('label');
    expect(drillRegions(rows[0]!)).toEqual(['140721', '140725', '140728', '140729', '140781']);
    // 市本级 has no code of its own: the row drills to its city.
    expect(drillRegions(rows[1]!)).toEqual(['140900']);
    expect(drillRegions(rows[2]!)).toEqual(['140100']);
    expect(rowLabelLayout(rows.slice(2), 'region:city').labelWidth).toBe(132);
  });

  it('breadcrumbs and the picker name a shared county name with its city', () => {
    expect(regionSummary(c, ['140302', '140502'])).toBe('阳泉市城区、晋城市城区');
    expect(breadcrumbPath(c, ['140302', '141122']).at(-1)!.label).toBe('已选 2 个地区：阳泉市城区、交城县');
  });
});
