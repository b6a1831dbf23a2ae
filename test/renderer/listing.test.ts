import { describe, expect, it } from 'vitest';
import type { SliceResult } from '../../shared/api/slice';
import { COUNTY_DAY_ROWS, rowKeys } from '../../shared/api/views';
import { LISTING_MAX_NUMBERS, listingSize, listingUnits } from '../../renderer/logic/listing';
import { pivotSlice } from '../../renderer/logic/pivot';
import { buildColumns } from '../../renderer/logic/grid-columns';
import { rowsByOfKeys } from '../../renderer/state/view-state';
import { demoCatalogue } from './fixtures';

describe('the county × day listing', () => {
  const c = demoCatalogue();
  const police = c.indicators.find((i) => i.key === '综合/出动民警辅警')!;

  it('asks the query for counties and days, and reads that layout back from the keys', () => {
    expect(rowKeys(COUNTY_DAY_ROWS)).toEqual(['region:county', 'day']);
    expect(rowKeys('region:city')).toEqual(['region:city']);
    expect(rowsByOfKeys(['region:county', 'day'])).toBe(COUNTY_DAY_ROWS);
    expect(rowsByOfKeys(['region:county'])).toBe('region:county');
    expect(rowsByOfKeys(['week'])).toBe('week');
    expect(rowsByOfKeys(['month'])).toBe('region:city'); // not a grid layout
  });

  it('counts the reporting units of the chosen regions', () => {
    const taiyuanCounties = c.regions.filter((r) => r.parent === '140100').length;
    expect(listingUnits(c, [])).toBe(c.regions.length);
    // A city: its counties and its own 市本级; a county: itself.
    expect(listingUnits(c, ['140100'])).toBe(taiyuanCounties + 1);
    expect(listingUnits(c, ['140105'])).toBe(1);
    expect(listingUnits(c, ['140100', '140105'])).toBe(taiyuanCounties + 1);
  });

  it('bounds the rows by units × days and refuses more numbers than a window takes', () => {
    const three = listingSize(c, [], '2023-07-07', '2023-07-09', 51);
    expect(three.rows).toBe(c.regions.length * 3);
    expect(three.tooLarge).toBe(false);
    const both = listingSize(c, [], '2022-06-25', '2023-09-30', 51);
    expect(both.numbers).toBe(c.regions.length * 463 * 51);
    expect(both.tooLarge).toBe(true);
    expect(listingSize(c, [], '2022-06-25', '2023-09-30', 1).numbers).toBeLessThan(LISTING_MAX_NUMBERS);
  });

  it('makes one row per unit and day, with the day in its own pinned column', () => {
    const r: SliceResult = {
      rows: [
        {
          region_code: '140311',
          region_name: '城区',
          day: '2023-07-07',
          department: '综合',
          indicator: '出动民警辅警',
          unit: '人次',
          value: 5,
        },
        {
          region_code: '140311',
          region_name: '城区',
          day: '2023-07-08',
          department: '综合',
          indicator: '出动民警辅警',
          unit: '人次',
          value: 6,
        },
        // Another 城区 (长治): a row of its own, not merged by name.
        {
          region_code: '140403',
          region_name: '城区',
          day: '2023-07-07',
          department: '综合',
          indicator: '出动民警辅警',
          unit: '人次',
          value: 7,
        },
      ],
      total: { unit: '人次', value: 18 },
      period: { from: '2023-07-07', to: '2023-07-08' },
    };
    const p = pivotSlice(c, r, COUNTY_DAY_ROWS, [police]);
    expect(p.rows.map((x) => [x.id, x.label, x.day, x.regionCode, x.cells[police.id]!.value])).toEqual([
      ['140311|2023-07-07', '城区', '2023-07-07', '140311', 5],
      ['140311|2023-07-08', '城区', '2023-07-08', '140311', 6],
      ['140403|2023-07-07', '城区', '2023-07-07', '140403', 7],
    ]);
    const cols = buildColumns(c, [police], COUNTY_DAY_ROWS, null, []);
    expect(cols.slice(0, 2).map((col) => ('colId' in col ? [col.colId, col.headerName, col.pinned] : null))).toEqual([
      ['label', '县区', 'left'],
      ['day', '日期', 'left'],
    ]);
  });
});
