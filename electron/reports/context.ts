// What every report type starts from: the validated request resolved against the catalogue, the
// slice engine, wording helpers and the provenance.
import type { Workspace } from '../store/workspace';
import type { FactSource } from '../query/fact-source';
import { runSlice } from '../query/slice';
import { resolveFilter, type ResolvedFilter } from '../query/resolve-filter';
import { ownUnitsName } from '../query/region-labels';
import { defaultRankBy, type ParsedReportRequest, type ReportProvenance } from '../../shared/api/report';
import { UserError } from '../../shared/errors';
import { beijingTime } from '../../shared/beijing-time';
import type { Campaign, Indicator, Region } from '../../shared/api/catalogue-types';
import type { Compare, ParsedSliceFilter, SliceFilter, SliceQuery, SliceResult } from '../../shared/api/slice';
import { dayParts, isoDay, parseIsoDay } from '../../shared/dates';

export interface ReportContext {
  ws: Workspace;
  source: FactSource;
  request: ParsedReportRequest;
  filter: ResolvedFilter;
  /** The request's filter in slice form (period, regions, departments, indicators). */
  sliceFilter: ParsedSliceFilter;
  from: string;
  to: string;
  /** The phase or campaign asked for by name, or whose exact dates were asked for; null otherwise. */
  phase: { name: string; campaign: Campaign } | null;
  /** The campaign whose window holds the period, if any (for titles and trend windows). */
  campaign: Campaign | null;
  /** null: 对比 无 — the report compares with nothing and never says 同比 or 环比. */
  compare: Compare | null;
  indicators: Indicator[];
  /** What the cities are ranked by (request.rankBy, else the default result indicator). */
  rankBy: Indicator | null;
  cities: Region[];
  now: Date;
  appVersion: string;
  slice(query: Omit<SliceQuery, keyof SliceFilter> & Partial<SliceFilter>): SliceResult;
}

export function createContext(
  ws: Workspace,
  source: FactSource,
  request: ParsedReportRequest,
  now: Date,
  appVersion: string,
): ReportContext {
  const sliceFilter: ParsedSliceFilter = {
    ...(request.phase !== undefined ? { phase: request.phase } : { from: request.from!, to: request.to! }),
    regions: request.regions,
    departments: request.departments,
    indicators: request.indicators,
  };
  const filter = resolveFilter(ws.resolver, sliceFilter);
  const from = isoDay(filter.range.from);
  const to = isoDay(filter.range.to);
  const campaigns = ws.catalogue.campaigns;
  let phase: ReportContext['phase'] = null;
  if (request.phase !== undefined) {
    const p = ws.resolver.resolvePeriod(request.phase);
    if (p.ok) phase = { name: p.value.name, campaign: campaigns.find((c) => c.name === p.value.campaign)! };
  } else {
    phase = phaseOfDates(campaigns, from, to);
  }
  const campaign =
    phase?.campaign ?? campaigns.find((c) => c.from <= from && to <= c.to) ?? campaigns.find((c) => c.from <= to && from <= c.to) ?? null;
  return {
    ws,
    source,
    request,
    filter,
    sliceFilter,
    from,
    to,
    phase,
    campaign,
    compare: request.compare === 'none' ? null : (request.compare ?? 'yoy'),
    indicators: filter.indicators,
    rankBy: rankIndicator(ws, request.rankBy, filter.indicators),
    cities: ws.catalogue.regions.filter((r) => r.level === 'city'),
    now,
    appVersion,
    slice: (query) => runSlice(ws.resolver, source, { ...sliceFilter, ...query }),
  };
}

/**
 * The phase (or whole campaign) whose dates are exactly from..to: a period picked in the UI as
 * dates is titled as the CLI's --phase titles it.
 */
export function phaseOfDates(campaigns: Campaign[], from: string, to: string): { name: string; campaign: Campaign } | null {
  for (const c of campaigns) {
    const p = c.phases.find((x) => x.from === from && x.to === to);
    if (p) return { name: p.name, campaign: c };
  }
  const whole = campaigns.find((c) => c.from === from && c.to === to);
  return whole ? { name: whole.name, campaign: whole } : null;
}

/** The ranking indicator: the one asked for (an unknown name is the user's to fix), else the default result indicator. */
function rankIndicator(ws: Workspace, asked: string | undefined, indicators: Indicator[]): Indicator | null {
  if (asked !== undefined) {
    const r = ws.resolver.resolveIndicator(asked);
    if (!r.ok) throw new UserError(`排名指标：${r.reason}`);
    return r.value;
  }
  return defaultRankBy(indicators);
}

/** 2023年7月7日至9日, 2023年7月7日至8月3日, 2022年12月30日至2023年1月2日, 2023年7月7日. */
export function dateRangeText(from: string, to: string): string {
  const a = dayParts(parseIsoDay(from)!);
  const b = dayParts(parseIsoDay(to)!);
  const start = `${a.year}年${a.month}月${a.day}日`;
  if (from === to) return start;
  if (a.year !== b.year) return `${start}至${b.year}年${b.month}月${b.day}日`;
  if (a.month !== b.month) return `${start}至${b.month}月${b.day}日`;
  return `${start}至${b.day}日`;
}

export function dateText(day: string): string {
  const p = dayParts(parseIsoDay(day)!);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** Beijing time for people: 2023-07-12 09:30:05（北京时间）. */
export function localTime(d: Date): string {
  return beijingTime(d, true);
}

/** The campaign's name without its year: 2023年夏季治安打击整治行动 → 夏季治安打击整治行动. */
export function withoutYear(name: string): string {
  return name.replace(/^\d{4}年/, '');
}

export function provenanceOf(ctx: ReportContext, typeLabel: string): ReportProvenance {
  const r = ctx.request;
  const filters: [string, string][] = [['报告类型', typeLabel]];
  filters.push(['统计时段', `${ctx.from} 至 ${ctx.to}${ctx.phase ? `（${ctx.phase.name}）` : ''}`]);
  filters.push([
    '地区',
    ctx.filter.regions.length > 0
      ? ctx.filter.regions.map((x) => (ctx.filter.ownUnits.has(x.code) ? ownUnitsName(x) : ctx.ws.resolver.fullRegionName(x))).join('、')
      : '全省',
  ]);
  filters.push(['部门', r.departments.length > 0 ? r.departments.join('、') : '全部']);
  filters.push(['指标', r.indicators.length > 0 ? ctx.indicators.map((i) => i.key).join('、') : `全部（${ctx.indicators.length} 项）`]);
  if (r.type === 'table') filters.push(['分组', r.by.length > 0 ? r.by.join('、') : '不分组（合计）']);
  if (r.type !== 'table' || r.compare) {
    filters.push(['对比', ctx.compare === 'yoy' ? '同比（上年同期）' : ctx.compare === 'prev' ? '环比（上一相同长度时段）' : '无']);
  }
  if (r.type === 'briefing' && ctx.rankBy) filters.push(['排名依据', ctx.rankBy.key]);

  return { filters, ...dataVersionOf(ctx.ws, ctx.now, ctx.appVersion) };
}

/** The provenance without the filter: the data version (facts, latest batch), the time and the app version. */
export function dataVersionOf(ws: Workspace, now: Date, appVersion: string): Omit<ReportProvenance, 'filters'> {
  const db = ws.db;
  const facts = (db.prepare('SELECT COALESCE(SUM(fact_count), 0) FROM fact_day_column').pluck().get() as number) ?? 0;
  const batch = db
    .prepare('SELECT id, source, imported_at AS importedAt FROM batch WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .get() as { id: number; source: string; importedAt: string } | undefined;
  return {
    facts,
    latestBatch: batch ?? null,
    generatedAt: now.toISOString(),
    appVersion,
  };
}

/** The provenance as [label, value] lines, as every format prints it. */
export function provenanceLines(p: ReportProvenance): [string, string][] {
  const batch = p.latestBatch
    ? `批次 ${p.latestBatch.id}（${p.latestBatch.source}，导入于 ${localTime(new Date(p.latestBatch.importedAt))}）`
    : '无';
  return [
    ...p.filters,
    ['数据版本', `共 ${p.facts.toLocaleString('en-US')} 条数据；最新导入批次：${batch}`],
    ['生成时间', localTime(new Date(p.generatedAt))],
    ['程序版本', `专项行动统计分析工作站 ${p.appVersion}`],
  ];
}
