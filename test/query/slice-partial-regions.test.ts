// A row never claims more than it holds: with part of a region selected, rows grouped at that
// region's level or above are named for the part (运城市（盐湖区、临猗县）) and carry region_scope;
// county rows carry their city. Values are checked against the brute-force sum. `campaign query`
// printing the part: slice-partial-regions.int.test.ts.
import { describe, expect, it } from 'vitest';
import { listParts } from '../../electron/query/region-labels';
import { runSlice } from '../../electron/query/slice';
import type { Region } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import { city, countiesOf, FROM, INDICATOR, sliceChecked, sources, TO, useCheckedSlices, ws } from './checked-slices';

useCheckedSlices();

const byCode = (rows: SliceRow[]) => new Map(rows.map((r) => [r.region_code, r]));

describe('rows of a partly selected region', () => {
  it('two counties of one city, by city: named for the two, with their codes as region_scope', () => {
    const yc = city('运城市');
    const [a, b] = countiesOf(yc).slice(2, 4) as [Region, Region];
    const r = sliceChecked([b.code, a.name], ['region:city'], { regions: [a.code, b.code] });
    expect(r.rows).toHaveLength(1);
    // Catalogue order, whatever order the filter was written in.
    expect(r.rows[0]).toMatchObject({
      region_code: yc.code,
      region_name: `运城市（${a.name}、${b.name}）`,
      region_scope: [a.code, b.code],
    });
    expect(r.total).toMatchObject({ region_name: `运城市（${a.name}、${b.name}）`, region_scope: [a.code, b.code] });
    // By county the rows hold their whole region: no scope, and each names its city.
    const counties = sliceChecked([a.code, b.code], ['region:county'], { regions: [a.code, b.code] });
    for (const row of counties.rows) {
      expect(row).not.toHaveProperty('region_scope');
      expect(row).toMatchObject({ city_code: yc.code, city_name: '运城市' });
    }
  });

  it('市本级 only: 忻州市本级 selects the city bureau’s own units, not the whole city', () => {
    const xz = city('忻州市');
    const byCity = sliceChecked(['忻州市本级'], ['region:city'], { regions: [], ownUnits: [xz.code] });
    expect(byCity.rows).toEqual([
      expect.objectContaining({ region_code: xz.code, region_name: '忻州市（市本级）', region_scope: ['忻州市本级'] }),
    ]);
    const whole = runSlice(ws.resolver, sources[0]![1], {
      from: FROM,
      to: TO,
      regions: [xz.code],
      indicators: [INDICATOR],
      by: ['region:city'],
    });
    expect(whole.rows[0]!.region_name).toBe('忻州市');
    expect(whole.rows[0]).not.toHaveProperty('region_scope');
    expect(byCity.rows[0]!.value!).toBeLessThan(whole.rows[0]!.value!);
    const byCounty = sliceChecked(['忻州市本级'], ['region:county'], { regions: [], ownUnits: [xz.code] });
    expect(byCounty.rows).toEqual([
      expect.objectContaining({ region_code: xz.code, region_name: '忻州市本级', city_code: xz.code, city_name: '忻州市' }),
    ]);
  });

  it('a whole city and a county of another, by city and by province', () => {
    const cz = city('长治市');
    const lf = city('临汾市');
    const county = countiesOf(lf).at(-1)!;
    const regions = [county.code, cz.name];
    const byCity = sliceChecked(regions, ['region:city'], { regions: [cz.code, county.code] }, 'yoy');
    const rows = byCode(byCity.rows);
    expect(rows.get(cz.code)).toMatchObject({ region_name: '长治市' });
    expect(rows.get(cz.code)).not.toHaveProperty('region_scope');
    expect(rows.get(lf.code)).toMatchObject({ region_name: `临汾市（${county.name}）`, region_scope: [county.code] });
    const byProvince = sliceChecked(regions, ['region:province'], { regions: [cz.code, county.code] });
    expect(byProvince.rows).toEqual([
      expect.objectContaining({
        region_code: '140000',
        region_name: `山西省（长治市、${county.name}）`,
        region_scope: [cz.code, county.code],
      }),
    ]);
    // Without a region grouping the rows have no region: the total says what they hold.
    const byDay = sliceChecked(regions, ['day'], { regions: [cz.code, county.code] });
    expect(byDay.rows.every((r) => r.region_name === undefined)).toBe(true);
    expect(byDay.total).toMatchObject({ region_name: `山西省（长治市、${county.name}）`, region_scope: [cz.code, county.code] });
  });

  it('counties of three cities by county: each row with its city, ambiguous names kept as they are with the city beside them', () => {
    const picks = [
      countiesOf(city('阳泉市')).find((c) => c.name === '城区')!,
      countiesOf(city('晋城市')).find((c) => c.name === '城区')!,
      countiesOf(city('朔州市'))[1]!,
    ];
    const r = sliceChecked(
      picks.map((p) => p.code),
      ['region:county', 'day'],
      { regions: picks.map((p) => p.code) },
    );
    for (const row of r.rows) {
      const p = picks.find((x) => x.code === row.region_code)!;
      expect(row).toMatchObject({ region_name: p.name, city_code: p.parent, city_name: ws.resolver.region(p.parent!)!.name });
      expect(row).not.toHaveProperty('region_scope');
    }
    // At province level a shared county name is written with its city.
    const province = sliceChecked(
      picks.map((p) => p.code),
      ['region:province'],
      { regions: picks.map((p) => p.code) },
    );
    expect(province.rows[0]!.region_name).toBe(`山西省（阳泉市城区、晋城市城区、${picks[2]!.name}）`);
  });

  it('every county and the 市本级 of a city picked one by one: the city is held whole', () => {
    const yq = city('阳泉市');
    const parts = [...countiesOf(yq).map((c) => c.code), '阳泉市本级'];
    const r = sliceChecked(parts, ['region:city'], { regions: countiesOf(yq).map((c) => c.code), ownUnits: [yq.code] });
    expect(r.rows).toEqual([expect.objectContaining({ region_code: yq.code, region_name: '阳泉市' })]);
    expect(r.rows[0]).not.toHaveProperty('region_scope');
    // All counties but not its 市本级: a part.
    const counties = sliceChecked(
      countiesOf(yq).map((c) => c.code),
      ['region:city'],
      { regions: countiesOf(yq).map((c) => c.code) },
    );
    expect(counties.rows[0]!.region_name).toBe(`阳泉市（${listParts(countiesOf(yq).map((c) => c.name))}）`);
  });

  it('long lists are cut after three names with the count', () => {
    const lf = city('临汾市');
    const six = countiesOf(lf).slice(0, 6);
    const r = sliceChecked(
      six.map((c) => c.code),
      ['region:city', 'day'],
      { regions: six.map((c) => c.code) },
    );
    const name = `临汾市（${six
      .slice(0, 3)
      .map((c) => c.name)
      .join('、')}…共6个）`;
    expect(r.rows.every((row) => row.region_name === name && row.region_scope!.length === 6)).toBe(true);
    expect(listParts(['甲', '乙', '丙', '丁'])).toBe('甲、乙、丙、丁');
  });

  it('the whole province or nothing selected: plain names, no scope anywhere', () => {
    for (const regions of [[], ['山西省'], ['140000', '小店区']]) {
      const r = sliceChecked(regions, ['region:province'], { regions: [] });
      expect(r.rows[0]).toMatchObject({ region_code: '140000', region_name: '山西省' });
      expect(r.rows[0]).not.toHaveProperty('region_scope');
      expect(r.total).not.toHaveProperty('region_name');
    }
  });

  it('省厅直属 selects the province’s own units only', () => {
    const r = runSlice(ws.resolver, sources[1]![1], {
      from: FROM,
      to: TO,
      regions: ['省厅直属'],
      indicators: [INDICATOR],
      by: ['region:city'],
    });
    // The demo has no returns of the province's own units.
    expect(r.rows).toEqual([]);
    expect(r.total).toMatchObject({ value: null, region_name: '山西省（省厅直属）', region_scope: ['省厅直属'] });
  });
});
