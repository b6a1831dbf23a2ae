// 全省通报: the provincial briefing for a period or a phase, in the press release's style.
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import type { SliceResult, SliceRow } from '../../shared/api/slice';
import { rankingBarChart, trendChart, type Shade } from './charts';
import { dateRangeText, dateText, provenanceOf, withoutYear, type ReportContext } from './context';
import { cell, MARK_SYMBOL, type Block, type Cell, type ReportDocument, type ReportTable } from './model';
import { chineseNumber, comparisonSentence, figuresText, rankValues, type Figure } from './narrative';
import { numberedSections, type Section } from './sections';
import { byRegion, indicatorColumn, indicatorKey, regionIndicatorTable } from './tables';
import { ownUnitsName } from '../query/region-labels';
import { beijingDay } from '../../shared/beijing-time';

export { beijingDay };

/** The figures the ranking table shows, when selected (else the first selected indicators). */
const KEY_INDICATORS = [
  '综合/出动民警辅警',
  '综合/出动车辆',
  '综合/盘查人员',
  '综合/检查车辆',
  '综合/抓获现行违法犯罪人员',
  '综合/抓获在逃人员',
];
const WHOLE_FORCE = '综合';

export function keyIndicators(ctx: ReportContext, max = KEY_INDICATORS.length): Indicator[] {
  const chosen = KEY_INDICATORS.map((k) => ctx.indicators.find((i) => i.key === k)).filter((i): i is Indicator => !!i);
  return (chosen.length > 0 ? chosen : ctx.indicators).slice(0, max);
}

/** 全省, one to three region names, or 所选地区. */
export function scopeWord(ctx: ReportContext): string {
  const regions = ctx.filter.regions;
  if (ctx.filter.selection.all) return '全省';
  // 太原市本级 is named as such, never as the whole city.
  return regions.length <= 3 ? regions.map((r) => (ctx.filter.ownUnits.has(r.code) ? ownUnitsName(r) : r.name)).join('、') : '所选地区';
}

/** Cities the scope covers (all 11 for the province). */
export function citiesInScope(ctx: ReportContext): Region[] {
  const { selection } = ctx.filter;
  if (selection.all) return ctx.cities;
  // Only cities selected whole: a city's part (some counties, its 市本级) is not the city.
  return ctx.cities.filter((c) => selection.whole.has(c.code));
}

export function reportTitle(ctx: ReportContext, kind: string, subject = '全省公安机关'): string {
  if (ctx.phase) {
    const { name, campaign } = ctx.phase;
    if (name === campaign.name) return `${subject}${name}${kind}`;
    const year = /^(\d{4}年)/.exec(name)?.[1] ?? '';
    return `${subject}${year}${withoutYear(campaign.name)}${withoutYear(name)}${kind}`;
  }
  if (ctx.campaign) return `${subject}${withoutYear(ctx.campaign.name)}${kind}`;
  return `${subject}专项行动${kind}`;
}

/** The daily window of the trend chart: the campaign from its start up to the period's end. */
export function trendWindow(ctx: ReportContext): { from: string; to: string; shades: Shade[] } {
  const c = ctx.campaign;
  if (!c || c.from > ctx.from) return { from: ctx.from, to: ctx.to, shades: [] };
  const shades: Shade[] = c.phases.map((p) => ({ name: withoutYear(p.name), from: p.from, to: p.to }));
  if (!ctx.phase && (ctx.from !== c.from || ctx.to !== c.to)) shades.push({ name: '统计时段', from: ctx.from, to: ctx.to });
  return { from: c.from, to: ctx.to, shades };
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

function figuresOf(ctx: ReportContext, rows: SliceRow[], department: string): Figure[] {
  const byKey = new Map(rows.map((r) => [indicatorKey(r.department, r.indicator), r]));
  return ctx.indicators
    .filter((i) => i.department === department)
    .map((indicator) => {
      const r = byKey.get(indicator.key);
      return { indicator, value: r?.value ?? null, changePct: r?.change_pct ?? null };
    });
}

/** What the briefing's sections read: its scope in words, the totals and the cities' figures. */
interface Briefing {
  ctx: ReportContext;
  /** 全省, 太原市、吕梁市, 所选地区. */
  scope: string;
  /** The period in words: 2023年7月7日至9日. */
  period: string;
  /** By indicator, compared as the report compares. */
  totals: SliceResult;
  /** Whether any total has a comparison base, and the base period in words. */
  hasBase: boolean;
  baseText: string;
  cities: Region[];
  /** By city and indicator, not compared: the ranking and the appendix. */
  cityRows: SliceRow[];
}

function briefingOf(ctx: ReportContext): Briefing {
  const totals = ctx.slice({ by: ['indicator'], ...(ctx.compare ? { compare: ctx.compare } : {}) });
  const base = totals.period.base;
  return {
    ctx,
    scope: scopeWord(ctx),
    period: dateRangeText(ctx.from, ctx.to),
    totals,
    hasBase: ctx.compare !== null && totals.rows.some((r) => r.base !== null && r.base !== undefined),
    baseText: base ? dateRangeText(base.from, base.to) : '',
    cities: citiesInScope(ctx),
    cityRows: ctx.slice({ by: ['region:city', 'indicator'] }).rows,
  };
}

export function buildBriefing(ctx: ReportContext): ReportDocument {
  const b = briefingOf(ctx);
  const title = reportTitle(ctx, '战果通报', b.scope === '全省' ? '全省公安机关' : `${b.scope}公安机关`);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: `（${b.period}）` },
    { kind: 'subtitle', text: `山西省公安厅　${dateText(beijingDay(ctx.now))}` },
    { kind: 'paragraph', text: opening(b) },
    ...numberedSections([wholeForceSection(b), departmentsSection(b), cityRankingSection(b), dailyTrendSection(b)]),
    ...appendix(b),
  ];
  return {
    title,
    fileStem: `${title}（${ctx.from}至${ctx.to}）`,
    blocks,
    provenance: provenanceOf(ctx, '全省通报'),
  };
}

/** "2023年7月7日至9日，全省公安机关开展了为期三天的…，全面加强社会治安整治力度。现将战果通报如下：" */
function opening({ ctx, scope, period }: Briefing): string {
  const days = daysBetween(ctx.from, ctx.to).length;
  const what = ctx.phase
    ? ctx.phase.name === ctx.phase.campaign.name
      ? ctx.phase.name
      : `${withoutYear(ctx.phase.campaign.name)}${withoutYear(ctx.phase.name)}`
    : ctx.campaign
      ? withoutYear(ctx.campaign.name)
      : '专项行动';
  return `${period}，${scope}公安机关${ctx.phase ? `开展了为期${chineseNumber(days)}天的` : '深入推进'}${what}，全面加强社会治安整治力度。现将战果通报如下：`;
}

/** 总体战果: the whole force's figures, and their comparison; none without a figure. */
function wholeForceSection({ ctx, scope, totals, hasBase, baseText }: Briefing): Section | null {
  const whole = figuresOf(ctx, totals.rows, WHOLE_FORCE);
  if (!whole.some((f) => f.value !== null && f.value > 0)) return null;
  const compare = ctx.compare;
  const opener = ctx.phase ? '行动期间' : '统计期间';
  const blocks: Block[] = [{ kind: 'paragraph', text: `${opener}，${scope}共${figuresText(whole, scope)}。` }];
  const sentence = hasBase && compare ? comparisonSentence(whole, compare, baseText) : null;
  if (sentence) blocks.push({ kind: 'paragraph', text: sentence });
  return { heading: '总体战果', blocks };
}

/** 各警种战果: one numbered paragraph per department with figures; none without one. */
function departmentsSection({ ctx, scope, totals, hasBase, baseText }: Briefing): Section | null {
  const compare = ctx.compare;
  const departments = ctx.ws.catalogue.departments.filter((d) => d.name !== WHOLE_FORCE);
  const blocks: Block[] = [];
  let sub = 0;
  for (const d of departments) {
    const figures = figuresOf(ctx, totals.rows, d.name);
    if (!figures.some((f) => f.value !== null && f.value > 0)) continue;
    blocks.push({ kind: 'heading', level: 2, text: `（${chineseNumber(++sub)}）${d.fullName}` });
    const sentence = hasBase && compare ? comparisonSentence(figures, compare, baseText) : null;
    blocks.push({
      kind: 'paragraph',
      text: `${scope}公安${d.fullName}共${figuresText(figures, scope, false)}。${sentence ?? ''}`,
    });
  }
  return blocks.length > 0 ? { heading: '各警种战果', blocks } : null;
}

/**
 * 各市主要战果排名: the cities by the chosen (or default result) indicator, with the key figures
 * beside it, and a bar chart; none for fewer than two cities or without a ranking indicator.
 */
function cityRankingSection({ ctx, period, cities, cityRows }: Briefing): Section | null {
  const rankBy = ctx.rankBy;
  const keys = rankBy ? [rankBy, ...keyIndicators(ctx, 6).filter((k) => k.key !== rankBy.key)].slice(0, 6) : [];
  // A ranking indicator outside the report's departments or indicators is still what was asked for.
  const rankRows =
    rankBy && !ctx.indicators.some((i) => i.key === rankBy.key)
      ? ctx.slice({ indicators: [rankBy.key], departments: [], by: ['region:city', 'indicator'] }).rows
      : [];
  if (cities.length < 2 || !rankBy) return null;
  const values = byRegion([...cityRows, ...rankRows]);
  const ranks = rankValues(cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(rankBy.key) ?? null })));
  const order = [...cities].sort((a, b) => (ranks.get(a.code)!.rank ?? 99) - (ranks.get(b.code)!.rank ?? 99));
  const names = (mark: 'top' | 'bottom') => order.filter((c) => ranks.get(c.code)!.mark === mark).map((c) => c.name);
  const top = names('top');
  const bottom = names('bottom');
  const blocks: Block[] = [];
  if (cities.length >= 6) {
    blocks.push({
      kind: 'paragraph',
      text: `按${rankBy.name}计，排名前三位的是${top.join('、')}，排名后三位的是${bottom.join('、')}。各市主要战果见下表（${MARK_SYMBOL.top}为前三名，${MARK_SYMBOL.bottom}为后三名）。`,
    });
  }
  blocks.push({ kind: 'table', table: rankingTable(cities, order, [...cityRows, ...rankRows], keys, period) });
  const chartItems = cities.map((c) => {
    const r = ranks.get(c.code)!;
    return { name: c.name, value: values.get(c.code)?.get(rankBy.key) ?? null, ...(r.mark ? { mark: r.mark } : {}) };
  });
  blocks.push({ kind: 'chart', chart: rankingBarChart(`各市${rankBy.name}（${rankBy.unit}）`, rankBy.unit, chartItems) });
  return { heading: `各市主要战果排名`, blocks };
}

/** 每日趋势, the phases shaded: the force deployed day by day (the first key indicator), last year's dashed. */
function dailyTrendSection({ ctx, scope }: Briefing): Section | null {
  const first = keyIndicators(ctx, 1)[0];
  if (!first) return null;
  const compare = ctx.compare;
  const w = trendWindow(ctx);
  const daily = ctx.slice({
    from: w.from,
    to: w.to,
    phase: undefined,
    indicators: [first.key],
    departments: [],
    by: ['day'],
    ...(compare ? { compare: 'yoy' as const } : {}),
  });
  const dayList = daysBetween(w.from, w.to);
  const byDay = new Map(daily.rows.map((r) => [r.day!, r]));
  const series = [{ name: `${dateText(w.from).slice(0, 5)}`, values: dayList.map((d) => byDay.get(d)?.value ?? null) }];
  if (compare !== null && daily.rows.some((r) => r.base !== null && r.base !== undefined)) {
    series.push({ name: '上年同期', values: dayList.map((d) => byDay.get(d)?.base ?? null), dashed: true } as (typeof series)[number]);
  }
  return {
    heading: '每日趋势',
    blocks: [
      {
        kind: 'paragraph',
        text: `${dateRangeText(w.from, w.to)}，${scope}每日${first.name}情况见下图${w.shades.length > 0 ? '（阴影为集中统一行动等时段）' : ''}。`,
      },
      { kind: 'chart', chart: trendChart(`${scope}每日${first.name}（${first.unit}）`, first.unit, dayList, series, w.shades) },
    ],
  };
}

/** 附表: each department's figures by city (省厅直属 too, for the whole province), after a page break. */
function appendix({ ctx, scope, period, cities, cityRows }: Briefing): Block[] {
  const appendixRegions = [
    ...cities.map((c) => ({ code: c.code, name: c.name })),
    ...(cityRows.some((r) => r.region_name === '省厅直属') && cities.length === ctx.cities.length
      ? [{ code: cityRows.find((r) => r.region_name === '省厅直属')!.region_code!, name: '省厅直属' }]
      : []),
  ];
  const tables: ReportTable[] = [];
  for (const d of ctx.ws.catalogue.departments) {
    const inds = ctx.indicators.filter((i) => i.department === d.name);
    if (inds.length === 0) continue;
    tables.push(
      regionIndicatorTable({
        title: `附表${tables.length + 1}　各市${d.name === WHOLE_FORCE ? '全警综合' : d.fullName}战果统计（${period}）`,
        sheetName: `附表${tables.length + 1} ${d.name}`,
        regionHeader: '地市',
        regions: appendixRegions,
        rows: cityRows.filter((r) => r.department === d.name),
        indicators: inds,
        totalsLabel: scope === '全省' ? '全省合计' : '合计',
      }),
    );
  }
  if (tables.length === 0) return [];
  return [{ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: '附表' }, ...tables.map((t): Block => ({ kind: 'table', table: t }))];
}

function rankingTable(cities: Region[], order: Region[], rows: SliceRow[], keys: Indicator[], period: string): ReportTable {
  const values = byRegion(rows);
  const ranks = keys.map((k) => rankValues(cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(k.key) ?? null }))));
  const body: Cell[][] = order.map((c) => [
    cell(c.name),
    ...keys.map((k, i) => {
      const mark = ranks[i]!.get(c.code)?.mark;
      return cell(values.get(c.code)?.get(k.key) ?? null, mark ? { mark } : {});
    }),
    cell(ranks[0]!.get(c.code)?.rank ?? null),
  ]);
  return {
    title: `表1　各市主要战果排名（${period}）`,
    sheetName: '各市排名',
    columns: [{ header: '地市', kind: 'text' }, ...keys.map(indicatorColumn), { header: `${keys[0]!.name}排名`, kind: 'rank' }],
    rows: body,
    keyColumns: 1,
    note: `注：${MARK_SYMBOL.top}为该项前三名，${MARK_SYMBOL.bottom}为该项后三名；按${keys[0]!.name}排序。`,
  };
}
