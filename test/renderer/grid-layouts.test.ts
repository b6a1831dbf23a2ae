// The grid's layouts added for laptops and weeks: indicators as rows (本期 / 基期 / 增减 / 增减% as
// columns) and ISO weeks; and the CSV export's file name and provenance.
import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import type { SliceResult } from '../../shared/api/slice';
import type { DataInfo } from '../../shared/api/operations';
import { pivotSlice, type GridRow } from '../../renderer/logic/pivot';
import { buildColumns } from '../../renderer/logic/grid-columns';
import { gridCsvFileName, gridCsvText, gridProvenance, regionPart } from '../../renderer/logic/grid-export';
import { rowKeys } from '../../shared/api/views';
import { formatChangePct } from '../../shared/format';
import { demoCatalogue, filterOf } from './fixtures';

const c = demoCatalogue();
const period = { from: '2022-08-01', to: '2022-08-14' };
const result = (rows: SliceResult['rows']): SliceResult => ({ rows, total: { unit: null, value: null }, period });

describe('indicators as rows', () => {
  const drugs = c.indicators.filter((i) => i.department === '禁毒');
  const [first, second, third] = drugs as [(typeof drugs)[0], (typeof drugs)[0], (typeof drugs)[0]];

  it('asks for the slice by indicator alone; one row per indicator in catalogue order, each with its unit', () => {
    expect([...rowKeys('indicator'), 'indicator']).toEqual(['indicator']);
    expect([...rowKeys('week'), 'indicator']).toEqual(['week', 'indicator']);
    const r = result([
      { department: '禁毒', indicator: second.name, unit: second.unit, value: 12.5, base: 10, change: 2.5, change_pct: 25 },
      { department: '禁毒', indicator: first.name, unit: first.unit, value: 7, base: 0, change: 7, change_pct: null },
    ]);
    const rows = pivotSlice(c, r, 'indicator', [first, second, third]).rows;
    expect(rows.map((x) => x.label)).toEqual([first.name, second.name, third.name]);
    expect(rows[1]).toMatchObject({ id: second.key, department: '禁毒', unit: second.unit, indicatorId: second.id });
    expect(rows[1]!.cells[second.id]).toEqual({ value: 12.5, base: 10, change: 2.5, change_pct: 25 });
    expect(rows[2]!.cells).toEqual({}); // nothing reported: the row stays, empty
  });

  it("columns: 部门 / 指标 / 单位 / 数值, or 本期 / 基期 / 增减 / 同比增减% with a comparison; values in the row's unit", () => {
    const plain = buildColumns(c, drugs, 'indicator', null, []) as ColDef<GridRow>[];
    expect(plain.map((x) => x.headerName)).toEqual(['部门', '指标', '单位', '数值']);
    const yoy = buildColumns(c, drugs, 'indicator', 'yoy', []) as ColDef<GridRow>[];
    expect(yoy.map((x) => x.headerName)).toEqual(['部门', '指标', '单位', '本期', '基期', '增减', '同比增减%']);
    expect((buildColumns(c, drugs, 'indicator', 'prev', []) as ColDef<GridRow>[]).at(-1)!.headerName).toBe('环比增减%');
    const grams = c.indicators.find((i) => i.unit === '克')!;
    const row: GridRow = {
      id: grams.key,
      label: grams.name,
      regionCode: null,
      indicatorId: grams.id,
      unit: '克',
      cells: { [grams.id]: { value: 1234.56, base: 1000, change: 234.56, change_pct: 23.456 } },
    };
    const cell = (col: ColDef<GridRow>) => {
      const value = (col.valueGetter as (p: { data: GridRow }) => number | null)({ data: row });
      return (col.valueFormatter as (p: { value: number | null; data: GridRow }) => string)({ value, data: row });
    };
    expect(yoy.slice(3).map(cell)).toEqual(['1,234.6', '1,000.0', '▲ 234.6', formatChangePct(23.456)]);
  });
});

describe('rows by ISO week', () => {
  it('one row per week label', () => {
    const ind = c.indicators[0]!;
    const rows = pivotSlice(
      c,
      result([
        { week: '2022-W31', department: ind.department, indicator: ind.name, value: 3 },
        { week: '2022-W32', department: ind.department, indicator: ind.name, value: 4 },
      ]),
      'week',
      [ind],
    ).rows;
    expect(rows.map((r) => [r.label, r.cells[ind.id]!.value])).toEqual([
      ['2022-W31', 3],
      ['2022-W32', 4],
    ]);
    expect((buildColumns(c, [ind], 'week', null, [])[0] as ColDef<GridRow>).headerName).toBe('周');
  });
});

describe('the grid CSV export', () => {
  const city = c.regions.find((r) => r.level === 'city' && r.code === '140800')!;
  const county = c.regions.find((r) => r.level === 'county' && r.parent === '140500')!;
  const countyCity = c.regions.find((r) => r.code === '140500')!;

  it('names the regions and the period in the file name', () => {
    expect(gridCsvFileName(c, { regions: [], from: '2022-08-01', to: '2022-08-14' })).toBe('数据表_全省_2022-08-01至2022-08-14.csv');
    expect(gridCsvFileName(c, { regions: [city.code], from: '2021-07-01', to: '2021-07-01' })).toBe(`数据表_${city.name}_2021-07-01.csv`);
    expect(regionPart(c, [county.code, city.code, '140100'])).toBe(`${countyCity.name}${county.name}等3个地区`);
  });

  it("carries the reports' provenance lines after the data; a place for lines before it", () => {
    const info: DataInfo = {
      path: '/x.db',
      schemaVersion: 3,
      facts: 98_765,
      from: '2021-06-01',
      to: '2022-09-30',
      reportingUnits: 128,
      indicators: 51,
      demo: false,
      engine: { kind: 'cube', reason: null },
      bundle: null,
      batches: [
        {
          id: 4,
          source: '长治市7月.xlsx',
          sha256: 'a',
          facts: 10,
          replaced: 0,
          importedAt: '2022-08-15T01:02:03.000Z',
          undoneAt: null,
          origin: 'local',
          serverBatchId: null,
        },
        {
          id: 5,
          source: '撤销的.csv',
          sha256: 'b',
          facts: 10,
          replaced: 0,
          importedAt: '2022-08-16T01:02:03.000Z',
          undoneAt: '2022-08-16T02:00:00.000Z',
          origin: 'local',
          serverBatchId: null,
        },
      ],
    };
    const filter = filterOf({
      from: '2022-08-01',
      to: '2022-08-14',
      preset: null,
      regions: [city.code],
      departments: ['禁毒'],
      compare: 'prev',
    });
    const lines = gridProvenance({ catalogue: c, filter, rowsLabel: '指标为行', info, now: new Date('2022-08-20T16:30:00Z') });
    expect(Object.fromEntries(lines)).toMatchObject({
      报告类型: '数据表（表格视图导出）',
      统计时段: '2022-08-01 至 2022-08-14',
      地区: city.name,
      部门: '禁毒',
      分组: '指标为行',
      对比: '环比（上一相同长度时段）',
      数据版本: '共 98,765 条数据；最新导入批次：批次 4（长治市7月.xlsx，导入于 2022-08-15 09:02:03（北京时间））',
      生成时间: '2022-08-21 00:30:00（北京时间）',
    });
    expect(lines.at(-1)![1]).toMatch(/^专项行动统计分析工作站 \d+\.\d+\.\d+/);
    const text = gridCsvText('\uFEFF"部门","指标"\r\n"禁毒","x,y"\r\n', lines, ['演示数据（非真实数据）']);
    const out = text.split('\r\n');
    expect(
      text.startsWith(
        '\uFEFF演示数据（非真实数据）\r\n"部门","指标"\r\n"禁毒","x,y"\r\n\r\n说明,数据表\r\n报告类型,数据表（表格视图导出）',
      ),
    ).toBe(true);
    expect(out.at(-1)).toBe('');
    expect(text.match(/\uFEFF/g)).toHaveLength(1);
  });
});
