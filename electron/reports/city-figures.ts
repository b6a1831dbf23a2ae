// The city dossier's figures: 一、基本情况 (the city's figures in the briefing's words), 二、全省排名
// (every indicator against the other cities), 三、所辖县区 and 四、每日趋势 (against the province's average city).
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import type { SliceResult, SliceRow } from '../../shared/api/slice';
import { keyIndicators, trendWindow, daysBetween } from './briefing';
import { trendChart } from './charts';
import { dateRangeText, type ReportContext } from './context';
import { cell, MARK_SYMBOL, type Block, type Cell, type ReportTable } from './model';
import { comparisonSentence, figuresText, rankValues, type Figure, type Ranked } from './narrative';
import type { Section } from './sections';
import { byRegion, indicatorKey, regionIndicatorTable } from './tables';

export interface IndicatorRank extends Ranked {
  ind: Indicator;
}

/** What the figures sections read: the city, and every city's figures for its ranks. */
export interface CityFigures {
  ctx: ReportContext;
  city: Region;
  /** The period in words: 2023年7月7日至9日. */
  period: string;
  /** Every city by indicator: the report's filter without the region, compared as the report compares. */
  allCities: SliceResult;
  /** The city's own rows by indicator key. */
  own: Map<string, SliceRow>;
  /** The city's rank among all cities for every selected indicator. */
  ranks: IndicatorRank[];
}

export function cityFigures(ctx: ReportContext, city: Region): CityFigures {
  const compare = ctx.compare;
  const allCities = ctx.slice({ regions: [], by: ['region:city', 'indicator'], ...(compare ? { compare } : {}) });
  const values = byRegion(allCities.rows);
  const own = new Map(allCities.rows.filter((r) => r.region_code === city.code).map((r) => [indicatorKey(r.department, r.indicator), r]));
  const ranks = ctx.indicators.map((ind) => {
    const r = rankValues(ctx.cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(ind.key) ?? null })));
    return { ind, ...r.get(city.code)! };
  });
  return { ctx, city, period: dateRangeText(ctx.from, ctx.to), allCities, own, ranks };
}

/** 一、基本情况: one paragraph per department with figures, then how many are top or bottom three. */
export function overviewSection(d: CityFigures): Section {
  return { heading: '基本情况', blocks: [...departmentParagraphs(d), { kind: 'paragraph', text: rankSummary(d) }] };
}

function departmentParagraphs({ ctx, city, allCities, own }: CityFigures): Block[] {
  const compare = ctx.compare;
  const figures = (dept: string): Figure[] =>
    ctx.indicators
      .filter((i) => i.department === dept)
      .map((indicator) => {
        const r = own.get(indicator.key);
        return { indicator, value: r?.value ?? null, changePct: r?.change_pct ?? null };
      });
  const blocks: Block[] = [];
  for (const d of ctx.ws.catalogue.departments) {
    const f = figures(d.name);
    if (!f.some((x) => x.value !== null && x.value > 0)) continue;
    const lead = d.name === '综合' ? `统计期间，${city.name}共` : `${city.name}公安${d.fullName}共`;
    const base = allCities.period.base;
    const sentence = base && compare ? comparisonSentence(f, compare, dateRangeText(base.from, base.to)) : null;
    blocks.push({ kind: 'paragraph', text: `${lead}${figuresText(f, city.name, d.name === '综合')}。${sentence ?? ''}` });
  }
  return blocks;
}

/** "在全省11个地市中，太原市有5项指标位列前三（…），2项指标位列后三（…）。" and the headline rank. */
function rankSummary({ ctx, city, ranks }: CityFigures): string {
  const n = ctx.cities.length;
  const tops = ranks.filter((r) => r.mark === 'top');
  const bottoms = ranks.filter((r) => r.mark === 'bottom');
  return (
    `在全省${n}个地市中，${city.name}有${tops.length}项指标位列前三` +
    (tops.length > 0
      ? `（${tops
          .slice(0, 8)
          .map((r) => r.ind.name)
          .join('、')}${tops.length > 8 ? '等' : ''}）`
      : '') +
    `，${bottoms.length}项指标位列后三` +
    (bottoms.length > 0
      ? `（${bottoms
          .slice(0, 8)
          .map((r) => r.ind.name)
          .join('、')}${bottoms.length > 8 ? '等' : ''}）`
      : '') +
    '。' +
    headlineRank(ctx, city, ranks)
  );
}

/** "按抓获现行违法犯罪人员计，太原市位列全省第2位。" for the ranking indicator, when the dossier covers it. */
function headlineRank(ctx: ReportContext, city: Region, ranks: { ind: { key: string }; rank: number | null }[]): string {
  const by = ctx.rankBy;
  const r = by ? ranks.find((x) => x.ind.key === by.key) : undefined;
  if (!by || !r || r.rank === null) return '';
  return `按${by.name}计，${city.name}位列全省第${r.rank}位。`;
}

/** 二、全省排名: every indicator (表1). */
export function rankingSection(d: CityFigures): Section {
  return { heading: `各项指标全省排名`, blocks: [{ kind: 'table', table: rankingTable(d) }] };
}

function rankingTable({ ctx, city, period, own, ranks }: CityFigures): ReportTable {
  const compare = ctx.compare;
  const province = ctx.slice({ regions: [], by: ['indicator'] });
  const provinceTotal = new Map(province.rows.map((r) => [indicatorKey(r.department, r.indicator), r.value]));
  const rankRows: Cell[][] = ranks.map(({ ind, rank, mark }) => {
    const r = own.get(ind.key);
    const total = provinceTotal.get(ind.key) ?? null;
    const v = r?.value ?? null;
    return [
      cell(ind.department),
      cell(ind.name),
      cell(ind.unit),
      cell(v, { unit: ind.unit }),
      cell(total, { unit: ind.unit }),
      cell(v !== null && total ? Math.round((v / total) * 1000) / 10 : null),
      cell(rank, mark ? { mark } : {}),
      ...(compare ? [cell(r?.change_pct === undefined || r?.change_pct === null ? null : Math.round(r.change_pct * 10) / 10)] : []),
    ];
  });
  return {
    title: `表1　${city.name}各项指标及全省排名（${period}，共${ctx.cities.length}个地市）`,
    sheetName: '全省排名',
    columns: [
      { header: '部门', kind: 'text' },
      { header: '指标', kind: 'text' },
      { header: '单位', kind: 'text' },
      { header: `${city.name}`, kind: 'number' },
      { header: '全省', kind: 'number' },
      { header: '占全省%', kind: 'decimal' },
      { header: '全省排名', kind: 'rank' },
      ...(compare ? [{ header: compare === 'yoy' ? '同比%' : '环比%', kind: 'percent' as const }] : []),
    ],
    rows: rankRows,
    keyColumns: 3,
    note: `注：排名按数值从高到低，并列同名次；${MARK_SYMBOL.top}为前三名，${MARK_SYMBOL.bottom}为后三名。`,
  };
}

/** 三、所辖县区: one table of the city's counties per department. */
export function countiesSection({ ctx, city, period }: CityFigures, nextTable: () => number): Section {
  const counties = ctx.slice({ regions: [city.code], by: ['region:county', 'indicator'] });
  const countyList = uniqueRegions(counties.rows);
  const blocks: Block[] = [];
  for (const d of ctx.ws.catalogue.departments) {
    const inds = ctx.indicators.filter((i) => i.department === d.name);
    if (inds.length === 0) continue;
    blocks.push({
      kind: 'table',
      table: regionIndicatorTable({
        title: `表${nextTable()}　${city.name}各县（市、区）${d.name === '综合' ? '全警综合' : d.fullName}战果（${period}）`,
        sheetName: `县区 ${d.name}`,
        regionHeader: '县（市、区）',
        regions: countyList,
        rows: counties.rows.filter((r) => r.department === d.name),
        indicators: inds,
        mark: true,
        totalsLabel: `${city.name}合计`,
      }),
    });
  }
  return { heading: '所辖县（市、区）情况', blocks };
}

function uniqueRegions(rows: { region_code?: string; region_name?: string }[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.region_code!)) seen.set(r.region_code!, r.region_name!);
  return [...seen].map(([code, name]) => ({ code, name }));
}

/** 四、每日趋势: the first key indicator day by day against the province's average city; none without one. */
export function trendSection({ ctx, city }: CityFigures): Section | null {
  const key = keyIndicators(ctx)[0];
  if (!key) return null;
  const n = ctx.cities.length;
  const w = trendWindow(ctx);
  const q = { from: w.from, to: w.to, phase: undefined, indicators: [key.key], departments: [], by: ['day' as const] };
  const cityDaily = ctx.slice({ ...q, regions: [city.code] });
  const provDaily = ctx.slice({ ...q, regions: [] });
  const dayList = daysBetween(w.from, w.to);
  const cv = new Map(cityDaily.rows.map((r) => [r.day!, r.value]));
  const pv = new Map(provDaily.rows.map((r) => [r.day!, r.value]));
  const series = [
    { name: city.name, values: dayList.map((d) => cv.get(d) ?? null) },
    { name: '全省各市平均', values: dayList.map((d) => (pv.get(d) == null ? null : Math.round(pv.get(d)! / n))), dashed: true },
  ];
  return {
    heading: '每日趋势',
    blocks: [
      {
        kind: 'paragraph',
        text: `${dateRangeText(w.from, w.to)}，${city.name}每日${key.name}与全省各市平均（全省合计除以${n}）对比见下图。`,
      },
      { kind: 'chart', chart: trendChart(`${city.name}每日${key.name}与全省各市平均（${key.unit}）`, key.unit, dayList, series, w.shades) },
    ],
  };
}
