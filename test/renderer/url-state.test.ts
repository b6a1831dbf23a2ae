// The view link codec (renderer/state/url-state.ts): every parameter, encoding, round trips over
// random states of the real catalogue, and every kind of unusable parameter dropped with a notice.
import { describe, expect, it } from 'vitest';
import { ViewStateSchema, type ViewState } from '../../shared/api/views';
import { isoDay, parseIsoDay } from '../../shared/dates';
import { ROWS_PARAM, isViewHash, noticeText, parseViewHash, viewHash } from '../../renderer/state/url-state';
import { ROWS_BY_CHOICES, rowsByOfKeys, type RowsBy } from '../../renderer/state/view-state';
import { VIEW_KINDS } from '../../shared/api/views';
import { demoCatalogue, filterOf } from './fixtures';

const c = demoCatalogue();
const base: ViewState = {
  view: 'charts',
  filter: filterOf({ from: '2022-08-03', to: '2022-08-20', preset: null }),
  rowsBy: 'day',
  options: { hiddenIndicators: ['综合/设立卡点'] },
};
const counties = c.regions.filter((r) => r.level === 'county');
const cities = c.regions.filter((r) => r.level === 'city');

/** A small seeded generator (mulberry32), so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]!);
  return out;
}

function randomState(seed: number): ViewState {
  const r = rng(seed);
  const start = parseIsoDay('2021-01-01')! + Math.floor(r() * 1500);
  const departments =
    r() < 0.5
      ? []
      : pick(
          r,
          c.departments.map((d) => d.name),
          1 + Math.floor(r() * 3),
        );
  const pool = c.indicators.filter((i) => departments.length === 0 || departments.includes(i.department));
  const rows = ROWS_BY_CHOICES.map((x) => x.value);
  return {
    view: VIEW_KINDS[Math.floor(r() * VIEW_KINDS.length)]!,
    filter: {
      from: isoDay(start),
      to: isoDay(start + Math.floor(r() * 90)),
      preset: null,
      regions: pick(
        r,
        [...cities, ...counties].map((x) => x.code),
        Math.floor(r() * 5),
      ),
      departments,
      indicators:
        r() < 0.5
          ? []
          : pick(
              r,
              pool.map((i) => i.key),
              1 + Math.floor(r() * 4),
            ),
      compare: (['yoy', 'prev', null] as const)[Math.floor(r() * 3)]!,
    },
    rowsBy: rows[Math.floor(r() * rows.length)]!,
    options: base.options,
  };
}

describe('view links: serialise and parse', () => {
  it('writes the contract: view, dates, lists, cmp, rows', () => {
    const county = counties.find((x) => x.parent === '140400')!;
    const state: ViewState = {
      view: 'grid',
      filter: {
        from: '2021-09-02',
        to: '2021-09-11',
        preset: null,
        regions: ['140400', county.code],
        departments: ['交警', '禁毒'],
        indicators: ['禁毒/缴获毒品'],
        compare: 'prev',
      },
      rowsBy: 'region:county+day',
      options: {},
    };
    const hash = viewHash(state, c);
    const enc = encodeURIComponent;
    expect(hash).toBe(
      `#/grid?from=2021-09-02&to=2021-09-11&region=140400,${county.code}&dept=${enc('交警')},${enc('禁毒')}&ind=${enc('禁毒')}/${enc('缴获毒品')}&cmp=prev&rows=county+day`,
    );
    expect(parseViewHash(hash, c, base)).toEqual({ state: { ...state, options: base.options }, notices: [] });
  });

  it('names a campaign or phase whose dates the range equals with phase=, and reads phase= back', () => {
    const campaign = c.campaigns.find((x) => x.year === 2022)!;
    const phase = campaign.phases[0]!;
    const s: ViewState = { ...base, filter: filterOf({ from: phase.from, to: phase.to, preset: null }) };
    expect(viewHash(s, c)).toBe(`#/charts?phase=${encodeURIComponent(phase.name)}&rows=day`);
    const back = parseViewHash(`#/overview?phase=${encodeURIComponent(campaign.name)}`, c, base);
    expect(back.notices).toEqual([]);
    expect(back.state.filter).toMatchObject({ from: campaign.from, to: campaign.to, preset: campaign.name });
    expect(back.state.rowsBy).toBe('region:city');
    // Typed unencoded, as someone edits an address by hand.
    expect(parseViewHash(`#/grid?phase=${phase.name}`, c, base).state.filter).toMatchObject({
      from: phase.from,
      to: phase.to,
      preset: phase.name,
    });
  });

  it('round-trips 300 random states of the real catalogue', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const s = randomState(seed);
      const hash = viewHash(s, c);
      const parsed = parseViewHash(hash, c, base);
      expect(parsed.notices, `seed ${seed}: ${hash}`).toEqual([]);
      // The preset is the period the dates equal (phase=), else none.
      const period = c.campaigns.flatMap((x) => [x, ...x.phases]).find((p) => p.from === s.filter.from && p.to === s.filter.to);
      expect(parsed.state, `seed ${seed}`).toEqual({ ...s, filter: { ...s.filter, preset: period?.name ?? null } });
      expect(viewHash(parsed.state, c)).toBe(hash);
      expect(ViewStateSchema.parse(parsed.state)).toEqual(parsed.state);
    }
  });

  it('every rows= value and its layout; saved views accept each layout', () => {
    for (const [layout, param] of Object.entries(ROWS_PARAM) as [RowsBy, string][]) {
      const hash = viewHash({ ...base, rowsBy: layout }, c);
      expect(hash.includes(`rows=${param}`)).toBe(layout !== 'region:city');
      expect(parseViewHash(hash, c, base).state.rowsBy).toBe(layout);
      expect(ViewStateSchema.parse({ ...base, rowsBy: layout }).rowsBy).toBe(layout);
    }
    expect(rowsByOfKeys(['indicator'])).toBe('indicator');
    expect(rowsByOfKeys(['week', 'indicator'])).toBe('week');
    expect(rowsByOfKeys(['region:county', 'day', 'indicator'])).toBe('region:county+day');
  });

  it('accepts %2F and %2B, a comma inside an encoded value, and decodes each list item', () => {
    const ind = c.indicators.find((i) => i.department === '刑侦')!;
    const hash = `#/grid?from=2023-08-01&to=2023-08-02&ind=${encodeURIComponent(ind.key)}&rows=county%2Bday`;
    const parsed = parseViewHash(hash, c, base);
    expect(parsed.notices).toEqual([]);
    expect(parsed.state.filter.indicators).toEqual([ind.key]);
    expect(parsed.state.rowsBy).toBe('region:county+day');
    // An indicator named without its department, where the name is unique.
    const unique = c.indicators.find((i) => c.indicators.filter((j) => j.name === i.name).length === 1 && i.department === '网安')!;
    expect(parseViewHash(`#/grid?ind=${encodeURIComponent(unique.name)}`, c, base).state.filter.indicators).toEqual([unique.key]);
  });

  it('missing parameters: dates stay as they were, the rest means none; options are kept', () => {
    const parsed = parseViewHash('#/completeness', c, base);
    expect(parsed.notices).toEqual([]);
    expect(parsed.state).toEqual({
      view: 'completeness',
      filter: { ...base.filter, regions: [], departments: [], indicators: [], compare: null },
      rowsBy: 'region:city',
      options: base.options,
    });
    expect(isViewHash('')).toBe(false);
    expect(isViewHash('#')).toBe(false);
    expect(isViewHash('#/grid')).toBe(true);
  });
});

describe('view links: unusable parameters are dropped with a notice, the rest applies', () => {
  const city = cities[6]!;
  const good = `region=${city.code}&cmp=yoy&rows=week`;
  function check(hash: string, param: string, reasonPart: string) {
    const parsed = parseViewHash(hash, c, base);
    const notice = parsed.notices.find((n) => n.param === param);
    expect(notice, `${hash}: ${JSON.stringify(parsed.notices)}`).toBeDefined();
    expect(notice!.reason).toContain(reasonPart);
    expect(noticeText(notice!)).toContain(param);
    return parsed;
  }

  it('unknown view → overview', () => {
    const p = check(`#/maps?${good}`, '视图', '未知视图');
    expect(p.state.view).toBe('overview');
    expect(p.state.filter.regions).toEqual([city.code]);
  });

  it('a day that does not exist, a reversed range, a missing end: the dates stay', () => {
    for (const [hash, param, reason] of [
      [`#/grid?from=2023-02-29&to=2023-03-04&${good}`, 'from', '不是有效日期'],
      [`#/grid?from=2023-08-10&to=2023-08-01&${good}`, 'from/to', '晚于'],
      [`#/grid?from=2023-08-10&${good}`, 'to', '缺少截止日期'],
      [`#/grid?from=2023-08-01&to=8%2F10&${good}`, 'to', '不是有效日期'],
    ] as const) {
      const p = check(hash, param, reason);
      expect(p.state.filter).toMatchObject({ from: base.filter.from, to: base.filter.to, regions: [city.code], compare: 'yoy' });
      expect(p.state.rowsBy).toBe('week');
      expect(p.state.view).toBe('grid');
    }
  });

  it('an unknown phase; a phase that disagrees with from/to (the dates win)', () => {
    check(`#/grid?phase=${encodeURIComponent('第九次集中统一行动')}&${good}`, 'phase', '没有');
    const p = check(`#/grid?phase=${encodeURIComponent(c.campaigns[0]!.name)}&from=2023-08-01&to=2023-08-03`, 'phase', '不一致');
    expect(p.state.filter).toMatchObject({ from: '2023-08-01', to: '2023-08-03', preset: null });
  });

  it('unknown region codes, departments and indicators are dropped one by one', () => {
    const p = check(
      `#/grid?region=${city.code},149999,abc&dept=${encodeURIComponent('禁毒')},${encodeURIComponent('督查')}`,
      'region',
      '未知地区代码',
    );
    expect(p.state.filter.regions).toEqual([city.code]);
    expect(p.state.filter.departments).toEqual(['禁毒']);
    expect(p.notices.map((n) => n.value)).toEqual(['149999', 'abc', '督查']);
    const i = check(`#/grid?ind=${encodeURIComponent('综合/不存在的指标')},${encodeURIComponent('禁毒/缴获毒品')}`, 'ind', '未知指标');
    expect(i.state.filter.indicators).toEqual(['禁毒/缴获毒品']);
    const mismatch = check(`#/grid?dept=${encodeURIComponent('交警')}&ind=${encodeURIComponent('禁毒/缴获毒品')}`, 'ind', '部门不在');
    expect(mismatch.state.filter).toMatchObject({ departments: ['交警'], indicators: [] });
  });

  it('bad cmp, bad rows, unknown parameters and broken encoding', () => {
    expect(check(`#/grid?cmp=mom&region=${city.code}`, 'cmp', 'yoy').state.filter).toMatchObject({ compare: null, regions: [city.code] });
    expect(check(`#/grid?rows=month&cmp=prev`, 'rows', '未知行布局').state).toMatchObject({
      rowsBy: 'region:city',
      filter: { compare: 'prev' },
    });
    expect(check(`#/grid?zoom=3&cmp=prev`, 'zoom', '未知参数').state.filter.compare).toBe('prev');
    expect(check(`#/grid?dept=%E7%A6&cmp=prev`, 'dept', '编码有误').state.filter).toMatchObject({ departments: [], compare: 'prev' });
  });
});
