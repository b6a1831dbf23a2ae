import { describe, expect, it } from 'vitest';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { SliceResult } from '../../shared/api/slice';
import { TOTAL_ROW_ID, groupByDepartment, pivotSlice, totalRow, trendOf, type GridRow } from '../../renderer/logic/pivot';
import { buildColumns, changeText, csvCellValue, indicatorHeader, plainHeader } from '../../renderer/logic/grid-columns';
import { csvCell, toCsv, withBom, UTF8_BOM } from '../../renderer/logic/csv';
import { formatGridNumber } from '../../shared/format';
import { demoCatalogue } from './fixtures';

const period = { from: '2023-07-07', to: '2023-07-09' };

function result(rows: SliceResult['rows']): SliceResult {
  return { rows, total: { unit: null, value: null }, period };
}

describe('pivoting slice rows into grid rows', () => {
  const c = demoCatalogue();
  const police = c.indicators.find((i) => i.key === '综合/出动民警辅警')!;
  const drugs = c.indicators.find((i) => i.key === '禁毒/缴获毒品')!;

  it("one row per region, one cell per indicator, in the query's order", () => {
    const r = result([
      { region_code: '140100', region_name: '太原市', department: '综合', indicator: '出动民警辅警', unit: '人次', value: 10 },
      { region_code: '140100', region_name: '太原市', department: '禁毒', indicator: '缴获毒品', unit: '克', value: 1.5 },
      { region_code: '140200', region_name: '大同市', department: '综合', indicator: '出动民警辅警', unit: '人次', value: null },
    ]);
    const p = pivotSlice(c, r, 'region:city', [police, drugs]);
    expect(p.rows.map((x) => x.label)).toEqual(['太原市', '大同市']);
    expect(p.rows[0]!.cells[police.id]).toEqual({ value: 10, base: null, change: null, change_pct: null });
    expect(p.rows[0]!.cells[drugs.id]!.value).toBe(1.5);
    expect(p.rows[1]!.cells[drugs.id]).toBeUndefined();
    expect(p.rows[1]!.cells[police.id]!.value).toBeNull();
    expect(p.rows[0]!.regionCode).toBe('140100');
  });

  it('市本级 and the county with the same code stay apart; days and departments key rows too', () => {
    const county = pivotSlice(
      c,
      result([
        { region_code: '140100', region_name: '太原市本级', department: '综合', indicator: '出动民警辅警', value: 1 },
        { region_code: '140105', region_name: '小店区', department: '综合', indicator: '出动民警辅警', value: 2 },
      ]),
      'region:county',
      [police],
    );
    expect(county.rows.map((x) => x.label)).toEqual(['太原市本级', '小店区']);
    const days = pivotSlice(c, result([{ day: '2023-07-07', department: '综合', indicator: '出动民警辅警', value: 1 }]), 'day', [police]);
    expect(days.rows[0]).toMatchObject({ id: '2023-07-07', label: '2023-07-07', regionCode: null });
    const deps = pivotSlice(c, result([{ department: '禁毒', indicator: '缴获毒品', value: 1 }]), 'department', [drugs]);
    expect(deps.rows[0]!.label).toBe('禁毒');
  });

  it('the total row comes from the by-indicator query, with comparison values', () => {
    const t = totalRow(
      c,
      result([{ department: '综合', indicator: '出动民警辅警', unit: '人次', value: 65512, base: 56133, change: 9379, change_pct: 16.7 }]),
    );
    expect(t.id).toBe(TOTAL_ROW_ID);
    expect(t.label).toBe('合计');
    expect(t.cells[police.id]).toEqual({ value: 65512, base: 56133, change: 9379, change_pct: 16.7 });
  });

  it('groups by department in catalogue order; trends', () => {
    expect(groupByDepartment(c, [drugs, police]).map((g) => g.department)).toEqual(['综合', '禁毒']);
    expect([trendOf(3), trendOf(-1), trendOf(0), trendOf(null)]).toEqual(['up', 'down', 'flat', null]);
  });
});

describe('grid columns', () => {
  const c = demoCatalogue();
  const inds = c.indicators.filter((i) => i.department === '综合' || i.department === '禁毒');

  it('a pinned label column, then department groups with unit headers', () => {
    const cols = buildColumns(c, inds, 'region:county', null, []);
    const label = cols[0] as ColDef<GridRow>;
    expect(label).toMatchObject({ colId: 'label', headerName: '县区', pinned: 'left' });
    const groups = cols.slice(1) as ColGroupDef<GridRow>[];
    expect(groups.map((g) => g.headerName)).toEqual(['综合', '禁毒']);
    const first = groups[0]!.children[0] as ColDef<GridRow>;
    expect(plainHeader(first.headerName!)).toBe('出动民警辅警（人次）');
    // Word joiners glue the bracketed unit: a header may wrap in the name, never inside （人次）.
    expect(first.headerName).toBe('出动民警辅警（\u2060人\u2060次\u2060）');
    expect(first.type).toBe('rightAligned');
    expect(plainHeader(indicatorHeader(c.indicators.find((i) => i.key === '禁毒/缴获毒品')!))).toBe('缴获毒品（克）');
  });

  it('with a comparison: 本期 / 基期 / 增减 / 增减% under each indicator', () => {
    const cols = buildColumns(c, inds, 'region:city', 'yoy', []);
    const group = (cols[1] as ColGroupDef<GridRow>).children[0] as ColGroupDef<GridRow>;
    expect(plainHeader(group.headerName!)).toBe('出动民警辅警（人次）');
    expect(group.children.map((x) => (x as ColDef<GridRow>).headerName)).toEqual(['本期', '基期', '增减', '同比增减%']);
    expect(group.children.map((x) => (x as ColDef<GridRow>).colId)).toEqual(['v1', 'b1', 'c1', 'p1']);
  });

  it('a column is the same object from one build to the next (ag-grid then leaves its cells alone)', () => {
    const leaves = (cols: ReturnType<typeof buildColumns>) =>
      cols.flatMap(function walk(x): ColDef<GridRow>[] {
        return 'children' in x ? x.children.flatMap(walk) : [x as ColDef<GridRow>];
      });
    const yoy = leaves(buildColumns(c, inds, 'region:city', 'yoy', []));
    const again = leaves(buildColumns(c, [...inds], 'region:city', 'yoy', []));
    expect(again).toHaveLength(yoy.length);
    again.forEach((x, i) => expect(x).toBe(yoy[i]));
    const plain = leaves(buildColumns(c, inds, 'region:city', null, []));
    expect(plain[0]).toBe(yoy[0]);
    // 本期 and the indicator's own header are different columns of the same id (v…).
    expect(plain[1]!.colId).toBe(yoy[1]!.colId);
    expect(plain[1]!.headerName).not.toBe(yoy[1]!.headerName);
  });

  it('hidden indicators have no columns', () => {
    const cols = buildColumns(
      c,
      inds,
      'region:city',
      null,
      inds.filter((i) => i.department === '禁毒').map((i) => i.key),
    );
    expect((cols.slice(1) as ColGroupDef<GridRow>[]).map((g) => g.headerName)).toEqual(['综合']);
  });

  it('formats through formatGridNumber; 增减 with an arrow; CSV cells raw', () => {
    expect(formatGridNumber(1234567, '人次')).toBe('1,234,567');
    expect(formatGridNumber(1234.5678, '千克')).toBe('1,234.57');
    expect(formatGridNumber(null, '人次')).toBe('—');
    expect(changeText(1242, '人次')).toBe('▲ 1,242');
    expect(changeText(-35, '人次')).toBe('▼ 35');
    expect(changeText(0, '人次')).toBe('0');
    expect(changeText(null, '人次')).toBe('—');
    expect(csvCellValue('p1', 16.708)).toBe('16.7');
    expect(csvCellValue('v1', 65512)).toBe('65512');
    expect(csvCellValue('label', '太原市')).toBe('太原市');
    expect(csvCellValue('v1', null)).toBe('');
  });
});

describe('CSV', () => {
  it('UTF-8 with BOM, quoted where needed', () => {
    expect(withBom('a')).toBe(`${UTF8_BOM}a`);
    expect(withBom(withBom('a'))).toBe(`${UTF8_BOM}a`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(
      toCsv([
        ['市', '值'],
        ['太原市', 1],
      ]),
    ).toBe(`${UTF8_BOM}市,值\r\n太原市,1\r\n`);
  });
});

describe('drillable grid rows', () => {
  it('regions of their own drill; 市本级, 省厅直属 and the total row do not', async () => {
    const { isDrillable } = await import('../../renderer/logic/grid-columns');
    const row = (regionCode: string | null, label: string): GridRow => ({ id: label, label, regionCode, cells: {} });
    expect(isDrillable(row('140100', '太原市'), undefined)).toBe(true);
    expect(isDrillable(row('140100', '太原市本级'), undefined)).toBe(false);
    expect(isDrillable(row('140000', '省厅直属'), undefined)).toBe(false);
    expect(isDrillable(row(null, '合计'), 'bottom')).toBe(false);
    expect(isDrillable(row(null, '2023-07-07'), undefined)).toBe(false);
  });
});
