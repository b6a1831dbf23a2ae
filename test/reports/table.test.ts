// The data table and the workbook: the XLSX read back holds the slice query's numbers for the same
// scope; the CSV is UTF-8 with a BOM and CRLF line ends.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readXlsx } from './helpers';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { runSlice } from '../../electron/query/slice';
import { createFactSource } from '../../electron/query/engine';
import { buildReport } from '../../electron/reports/index';
import type { SliceQuery } from '../../shared/api/slice';

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

describe('数据表 and workbooks', () => {
  const scope = {
    from: '2023-07-01',
    to: '2023-07-31',
    regions: ['太原市', '大同市'],
    departments: ['禁毒'],
    by: ['region:county', 'indicator'],
    compare: 'yoy',
  } satisfies SliceQuery;

  it('XLSX of the data table holds the slice query, with a bold frozen header, number formats and 说明', async () => {
    const file = await buildReport(ws, { type: 'table', format: 'xlsx', ...scope }, { appVersion: '1.2.3' });
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await readXlsx(file.bytes);
    // The demo database: its workbook opens on a sheet saying 演示数据 (test/demo/demo-apart.int.test.ts).
    expect(wb.worksheets.map((w) => w.name)).toEqual(['演示数据', '数据', '说明']);
    const sheet = wb.getWorksheet('数据')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['地区代码', '地区', '所属市', '部门', '指标', '单位', '数值', '上年同期', '增减', '同比%']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const slice = runSlice(ws.resolver, createFactSource(ws), scope);
    expect(slice.rows.length).toBeGreaterThan(20);
    // Different units: no totals row, a note under the table instead.
    expect(sheet.rowCount).toBe(slice.rows.length + 3);
    expect(sheet.getRow(slice.rows.length + 3).getCell(1).value).toContain('不能相加');
    slice.rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      const v = (c: number) => row.getCell(c).value;
      expect([v(1), v(2), v(3), v(4), v(5), v(6)]).toEqual([r.region_code, r.region_name, r.city_name, r.department, r.indicator, r.unit]);
      expect(v(7)).toBe(r.value);
      expect(v(8)).toBe(r.base);
      expect(v(9)).toBe(r.change);
      expect(v(10)).toBe(round1(r.change_pct));
      expect(row.getCell(7).numFmt).toBe(r.unit === '克' ? '#,##0.0' : '#,##0');
    });

    const info = wb.getWorksheet('说明')!;
    const lines = new Map<string, string>();
    info.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(lines.get('统计时段')).toBe('2023-07-01 至 2023-07-31');
    expect(lines.get('地区')).toBe('太原市、大同市');
    expect(lines.get('部门')).toBe('禁毒');
    expect(lines.get('分组')).toBe('region:county、indicator');
    expect(lines.get('数据版本')).toMatch(/^共 [\d,]+ 条数据；最新导入批次：批次 1/);
    expect(lines.get('程序版本')).toContain('1.2.3');
    expect(lines.get('生成时间')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）$/);
  });

  it('a single-unit table gets a totals row equal to the slice total', async () => {
    const q = { phase: '第一次集中统一行动', indicators: ['出动民警辅警'], by: ['region:city'] } satisfies SliceQuery;
    const wb = await readXlsx((await buildReport(ws, { type: 'table', format: 'xlsx', ...q })).bytes);
    const sheet = wb.getWorksheet('数据')!;
    const slice = runSlice(ws.resolver, createFactSource(ws), q);
    const last = sheet.getRow(slice.rows.length + 2);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(last.cellCount).value).toBe(slice.total.value);
    expect(last.getCell(1).font?.bold).toBe(true);
  });

  it('the briefing workbook: a sheet per table, the appendix equal to the slice by city', async () => {
    const phase = '第一次集中统一行动';
    const wb = await readXlsx((await buildReport(ws, { type: 'briefing', format: 'xlsx', phase })).bytes);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['演示数据', '正文']);
    expect(names).toContain('各市排名');
    expect(names.at(-1)).toBe('说明');
    const sheet = wb.getWorksheet('附表1 综合')!;
    const slice = runSlice(ws.resolver, createFactSource(ws), { phase, departments: ['综合'], by: ['region:city', 'indicator'] });
    const headers = (sheet.getRow(1).values as unknown[]).slice(2) as string[];
    expect(headers[0]).toBe('出动民警辅警（人次）');
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const name = row.getCell(1).value;
      headers.forEach((h, i) => {
        const indicator = h.replace(/（.*$/, '');
        const expected =
          name === '全省合计'
            ? runSlice(ws.resolver, createFactSource(ws), { phase, indicators: [`综合/${indicator}`] }).total.value
            : (slice.rows.find((r) => r.region_name === name && r.indicator === indicator)?.value ?? null);
        expect(row.getCell(i + 2).value, `${String(name)} ${indicator}`).toBe(expected);
      });
    });
    expect(wb.getWorksheet('附表1 综合')!.getCell('A13').value).toBe('全省合计');
  });

  it('CSV is UTF-8 with a BOM and CRLF line ends, numbers plain', async () => {
    const q = { phase: '第一次集中统一行动', departments: ['禁毒'], by: ['indicator'] } satisfies SliceQuery;
    const file = await buildReport(ws, { type: 'table', format: 'csv', ...q });
    expect(file.mime).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('演示数据（非真实数据）'); // the demo database's first line
    expect(lines[1]).toBe('部门,指标,单位,数值');
    expect(lines).toContain('禁毒,涉毒检测,人,15098');
    expect(lines).toContain('禁毒,缴获毒品,克,27.3');
    expect(lines.some((l) => l.startsWith('数据版本,'))).toBe(true);

    const briefing = await buildReport(ws, { type: 'briefing', format: 'csv', phase: '第一次集中统一行动' });
    const b = new TextDecoder('utf-8', { ignoreBOM: true }).decode(briefing.bytes);
    expect(b.startsWith('\uFEFF')).toBe(true);
    expect(b.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(b).toContain('表1　各市主要战果排名');
  });
});
