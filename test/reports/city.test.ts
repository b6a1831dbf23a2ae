// The city dossier for 太原市 on a copy of the demo database where the test removed a few
// county-days and inflated a few values: ranks against the slice query, gaps and anomalies listed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { runSlice } from '../../electron/query/slice';
import { createFactSource } from '../../electron/query/engine';
import { rebuildDayColumnsOf } from '../../electron/store/day-columns';
import { buildReport } from '../../electron/reports/index';
import { parseIsoDay } from '../../shared/dates';
import { docxParagraphs, unzip, readXlsx, sheetRows } from './helpers';

let dir: string;
let ws: Workspace;
const phase = '第一次集中统一行动';

function code(name: string): number {
  const r = ws.resolver.resolveRegion(name);
  if (!r.ok) throw new Error(r.reason);
  return Number(r.value.code);
}
function unitOf(key: string): string {
  const r = ws.resolver.resolveIndicator(key);
  if (!r.ok) throw new Error(r.reason);
  return r.value.unit;
}
function indicatorId(key: string): number {
  const r = ws.resolver.resolveIndicator(key);
  if (!r.ok) throw new Error(r.reason);
  return r.value.id;
}

const inflated = [
  { unit: '太原市晋源区', day: '2023-07-08', indicator: '综合/出动民警辅警', factor: 10 },
  { unit: '太原市清徐县', day: '2023-07-09', indicator: '禁毒/涉毒检测', factor: 20 },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-report-'));
  const path = join(dir, 'demo-copy.db');
  copyFileSync(inject('demoDb'), path);
  ws = openWorkspace(path);
  const days = ['2023-07-07', '2023-07-08', '2023-07-09'].map((d) => parseIsoDay(d)!);
  ws.db.transaction(() => {
    // 小店区 reported nothing on 8 July; 迎泽区 left out its 禁毒 return on 7 July.
    ws.db.prepare('DELETE FROM fact WHERE region_code = ? AND day = ?').run(code('太原市小店区'), parseIsoDay('2023-07-08'));
    ws.db
      .prepare(
        'DELETE FROM fact WHERE region_code = ? AND day = ? AND indicator_id IN (SELECT i.id FROM indicator i JOIN department d ON d.id = i.department_id WHERE d.name = ?)',
      )
      .run(code('太原市迎泽区'), parseIsoDay('2023-07-07'), '禁毒');
    for (const x of inflated) {
      ws.db
        .prepare('UPDATE fact SET value = MAX(value, 10) * ? WHERE region_code = ? AND day = ? AND indicator_id = ?')
        .run(x.factor, code(x.unit), parseIsoDay(x.day), indicatorId(x.indicator));
    }
    // The slice engine reads the day columns: rebuild the days edited.
    rebuildDayColumnsOf(ws.db, days);
  })();
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('city dossier (城市督导报告) for 太原市', () => {
  it('ranks 太原市 among the 11 cities for every indicator as the slice query does', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'xlsx', phase, regions: ['太原市'] });
    expect(file.fileName).toMatch(/^太原市.*督导报告/);
    const wb = await readXlsx(file.bytes);
    const [header, ...rows] = sheetRows(wb, '全省排名').filter((r) => r.length > 1);
    expect(header).toEqual(['部门', '指标', '单位', '太原市', '全省', '占全省%', '全省排名', '同比%']);

    const slice = runSlice(ws.resolver, createFactSource(ws), { phase, by: ['region:city', 'indicator'] });
    const cities = ws.catalogue.regions.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(11);
    const indicators = ws.catalogue.indicators;
    expect(rows).toHaveLength(indicators.length);
    for (const ind of indicators) {
      const valueOf = (cityCode: string) =>
        slice.rows.find((r) => r.region_code === cityCode && r.department === ind.department && r.indicator === ind.name)?.value ?? null;
      const own = valueOf(cities[0]!.code);
      expect(cities[0]!.name).toBe('太原市');
      const expectedRank = own === null ? null : 1 + cities.filter((c) => (valueOf(c.code) ?? -Infinity) > own).length;
      const row = rows.find((r) => r[0] === ind.department && r[1] === ind.name);
      expect(row, ind.key).toBeDefined();
      expect(row![2], `${ind.key} unit`).toBe(ind.unit);
      expect(row![3], `${ind.key} value`).toBe(own);
      expect(row![6] ?? null, `${ind.key} rank`).toBe(expectedRank);
    }
  });

  it('lists the reporting gaps and the inflated values with their expected range', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'xlsx', phase, regions: ['太原市'] });
    const wb = await readXlsx(file.bytes);
    const gaps = sheetRows(wb, '报送缺失').slice(1);
    expect(gaps).toContainEqual(['小店区', '2023-07-08', '未报送', 0, 51]);
    expect(gaps).toContainEqual(['迎泽区', '2023-07-07', '部分未报', 43, 51]);
    expect(
      gaps.filter((g) => g.length > 1),
      JSON.stringify(gaps),
    ).toHaveLength(2);

    const anomalies = sheetRows(wb, '异常数据');
    expect(anomalies[0]).toEqual(['报送单位', '日期', '部门', '指标', '单位', '数值', '预期下限', '预期上限', '偏离倍数']);
    for (const x of inflated) {
      const [dept, name] = x.indicator.split('/');
      const unit = x.unit.replace('太原市', '');
      const row = anomalies.find((r) => r[0] === unit && r[1] === x.day && r[2] === dept && r[3] === name);
      expect(row, `${x.unit} ${x.day} ${x.indicator}`).toBeDefined();
      const value = ws.db
        .prepare('SELECT value FROM fact WHERE region_code = ? AND day = ? AND indicator_id = ?')
        .pluck()
        .get(code(x.unit), parseIsoDay(x.day), indicatorId(x.indicator)) as number;
      expect(row![4]).toBe(unitOf(x.indicator));
      expect(row![5]).toBe(value);
      expect(row![7] as number).toBeLessThan(value);
      expect(row![6] as number).toBeLessThanOrEqual(row![7] as number);
    }
    // Nothing else in 太原市 during the phase stands out.
    expect(anomalies.filter((r) => r.length > 1).length - 1, JSON.stringify(anomalies)).toBe(inflated.length);
  });

  it('writes the dossier as DOCX with every section and an empty 督导发现 for the team', async () => {
    const file = await buildReport(ws, { type: 'city', format: 'docx', phase, regions: ['太原市'] });
    const zip = await unzip(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = docxParagraphs(xml).join('\n');
    for (const heading of ['基本情况', '各项指标全省排名', '所辖县（市、区）情况', '每日趋势', '报送缺失情况', '异常数据', '督导发现']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/未报送1个单位日，部分指标未报1个单位日/);
    expect(text).toContain('晋源区');
    expect(text).toContain('小店区');
    expect(text).toContain('发现问题');
    expect(xml).toContain('<w:tblHeader/>');
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/media/') && n.endsWith('.svg'))).toBe(true);
  });
});
