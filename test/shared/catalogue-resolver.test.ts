import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openWorkspace } from '../../electron/store/workspace';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';

let resolver: CatalogueResolver;
beforeAll(() => {
  const ws = openWorkspace(join(mkdtempSync(join(tmpdir(), 'resolver-')), 'x.db'));
  resolver = ws.resolver;
  ws.close();
});

const region = (text: string) => {
  const r = resolver.resolveRegion(text);
  return r.ok ? r.value.code : r.reason;
};

describe('region names', () => {
  it('accepts codes, full names, city + county, unique short names and 市本级', () => {
    expect(region('140105')).toBe('140105');
    expect(region('140105000000')).toBe('140105');
    expect(region('小店区')).toBe('140105');
    expect(region('太原市小店区')).toBe('140105');
    expect(region('山西省太原市小店区')).toBe('140105');
    expect(region('太原小店')).toBe('140105');
    expect(region('小店')).toBe('140105');
    expect(region('太原')).toBe('140100');
    expect(region('太原市')).toBe('140100');
    expect(region('太原市本级')).toBe('140100');
    expect(region('太原市市本级')).toBe('140100');
    expect(region('山西省')).toBe('140000');
    expect(region('省厅直属')).toBe('140000');
    expect(region('阳泉市城区')).toBe('140302');
    expect(region('晋城城区')).toBe('140502');
    expect(region(' 小店区 ')).toBe('140105');
    expect(region('１４０１０５')).toBe('140105');
  });

  it('names the candidates of an ambiguous name and refuses unknown ones', () => {
    expect(region('城区')).toMatch(/不唯一.*阳泉市城区（140302）.*晋城市城区（140502）/);
    expect(region('140171')).toMatch(/不是山西省的行政区划代码/);
    expect(region('海淀区')).toMatch(/无法识别地区/);
    // A one-character stem is never a short name.
    expect(region('城')).toMatch(/无法识别地区/);
  });
});

describe('departments and indicators', () => {
  it('accepts department aliases', () => {
    for (const [text, name] of [
      ['禁毒总队', '禁毒'],
      ['交警支队', '交警'],
      ['食药侦', '食药侦'],
      ['全警', '综合'],
    ]) {
      const r = resolver.resolveDepartment(text!);
      expect(r.ok && r.value).toBe(name);
    }
    expect(resolver.resolveDepartment('消防').ok).toBe(false);
  });

  it('accepts the article’s longer wordings and 部门/指标', () => {
    const key = (text: string, dept?: string) => {
      const r = resolver.resolveIndicator(text, dept);
      return r.ok ? r.value.key : r.reason;
    };
    expect(key('排查整改各类安全隐患')).toBe('综合/排查整改安全隐患');
    expect(key('摸排“飙车炸街”线索')).toBe('交警/摸排飙车炸街线索');
    expect(key('摸排"飙车炸街"线索')).toBe('交警/摸排飙车炸街线索');
    expect(key('发动组织群防群治力量')).toBe('综合/发动群防群治力量');
    expect(key('缴获各类毒品')).toBe('禁毒/缴获毒品');
    expect(key('禁毒/出动警力')).toBe('禁毒/出动警力');
    expect(key('出动警力')).toBe('禁毒/出动警力');
    expect(key('抓获犯罪嫌疑人')).toMatch(/多个部门共用.*刑侦\/抓获犯罪嫌疑人.*食药侦\/抓获犯罪嫌疑人/);
    expect(key('抓获犯罪嫌疑人', '网安')).toBe('网安/抓获犯罪嫌疑人');
    expect(key('网安/抓获犯罪嫌疑人')).toBe('网安/抓获犯罪嫌疑人');
    expect(key('出动车辆', '禁毒')).toMatch(/部门“禁毒”没有指标/);
    expect(key('不存在的指标')).toMatch(/无法识别指标/);
  });

  it('knows phases and whole campaigns', () => {
    const p = resolver.resolvePeriod('第一次集中统一行动');
    expect(p.ok && [p.value.from, p.value.to]).toEqual(['2023-07-07', '2023-07-09']);
    const c = resolver.resolvePeriod('2023年夏季治安打击整治行动');
    expect(c.ok && [c.value.from, c.value.to]).toEqual(['2023-06-25', '2023-09-30']);
  });
});
