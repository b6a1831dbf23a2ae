// The fixed query suite: slices the workstation's screens and reports really send. Periods are
// placed relative to the data's span, so the same suite runs on any size of benchmark database.
// Every query either groups by indicator or selects indicators of one unit (the product refuses
// to add up different units).
import type { Catalogue } from '../shared/api/catalogue-types';
import type { SliceQuery } from '../shared/api/slice';
import { dayFromParts, dayParts, isoDay, parseIsoDay } from '../shared/dates';

export interface BenchQuery {
  name: string;
  /** What screen or report sends it. */
  what: string;
  query: SliceQuery;
}

export interface DataSpan {
  firstDay: number;
  lastDay: number;
}

const iso = isoDay;

export function buildSuite(catalogue: Catalogue, span: DataSpan): BenchQuery[] {
  const { firstDay, lastDay } = span;
  const clip = (d: number) => Math.max(firstDay, d);
  const whole = { from: iso(firstDay), to: iso(lastDay) };

  // The latest campaign wholly inside the data, else the latest that overlaps it.
  const campaigns = [...catalogue.campaigns].sort((a, b) => a.from.localeCompare(b.from));
  const within = campaigns.filter((c) => parseIsoDay(c.from)! >= firstDay && parseIsoDay(c.to)! <= lastDay);
  const overlapping = campaigns.filter((c) => parseIsoDay(c.to)! >= firstDay && parseIsoDay(c.from)! <= lastDay);
  const campaign = within.at(-1) ?? overlapping.at(-1);
  if (!campaign || campaign.phases.length === 0) throw new Error('the data covers no campaign with a phase; the suite needs one');
  const phase = campaign.phases[0]!;

  // The last whole calendar month before the last day's month (the last day may be partial).
  const p = dayParts(lastDay);
  const monthEnd = dayFromParts(p.year, p.month, 1)! - 1;
  const m = dayParts(monthEnd);
  const month = { from: iso(clip(dayFromParts(m.year, m.month, 1)!)), to: iso(monthEnd) };
  const lastFullDay = Math.max(firstDay, lastDay - 1);
  const monday = lastDay - (p.weekday - 1);
  const weeks12 = { from: iso(clip(monday - 77)), to: iso(lastDay) };
  const year = { from: iso(clip(lastDay - 364)), to: iso(lastDay) };
  const quarter = { from: iso(clip(lastDay - 91)), to: iso(lastDay) };
  const week = { from: iso(clip(lastDay - 6)), to: iso(lastDay) };

  return [
    {
      name: 'province-phase-by-indicator',
      what: 'dashboard: province totals of every indicator for the latest concentrated phase',
      query: { phase: phase.name, by: ['region:province', 'indicator'] },
    },
    {
      name: 'cities-departments-month',
      what: 'grid: cities × departments × indicators for the last whole month',
      query: { ...month, by: ['region:city', 'department', 'indicator'] },
    },
    {
      name: 'counties-of-city-month',
      what: 'drill-down: 太原市 counties (and 市本级) × indicators for the month',
      query: { ...month, regions: ['140100'], by: ['region:county', 'indicator'] },
    },
    {
      name: 'daily-series-campaign-yoy',
      what: 'chart: daily 出动民警辅警 over the latest campaign, against the year before',
      query: { phase: campaign.name, indicators: ['综合/出动民警辅警'], by: ['day'], compare: 'yoy' },
    },
    {
      name: 'city-ranking-month-prev',
      what: 'ranking: cities by 破获刑事案件 for the month, against the month before',
      query: { ...month, indicators: ['刑侦/破获刑事案件'], by: ['region:city'], compare: 'prev' },
    },
    {
      name: 'completeness-city-month',
      what: 'completeness grid: 大同市 units × days of 禁毒/出动警力 for the month',
      query: { ...month, regions: ['大同市'], indicators: ['禁毒/出动警力'], by: ['region:county', 'day'] },
    },
    {
      name: 'single-county-day',
      what: 'unit card: 小店区 on the last whole day, by indicator',
      query: { from: iso(lastFullDay), to: iso(lastFullDay), regions: ['140105'], by: ['indicator'] },
    },
    {
      name: 'whole-db-month-indicator',
      what: 'trend table: every month × every indicator over the whole database',
      query: { ...whole, by: ['month', 'indicator'] },
    },
    {
      name: 'weekly-department-by-city',
      what: 'chart: weekly 治安 cases (the four 起 indicators) by city, last 12 weeks',
      query: {
        ...weeks12,
        departments: ['治安'],
        indicators: ['治安/查处聚众斗殴案件', '治安/查处寻衅滋事案件', '治安/查处涉黄案件', '治安/查处涉赌案件'],
        by: ['region:city', 'week'],
      },
    },
    {
      name: 'phase-indicator-all-years',
      what: 'report: every phase of every year (and days outside phases) × indicator',
      query: { ...whole, by: ['phase', 'indicator'] },
    },
    {
      name: 'indicator-by-county-whole-db',
      what: 'map: 查处酒驾醉驾 by reporting unit over the whole database',
      query: { ...whole, indicators: ['交警/查处酒驾醉驾'], by: ['region:county'] },
    },
    {
      name: 'campaign-cities-yoy',
      what: 'press report: 综合 indicators by city for the latest campaign, year on year',
      query: { phase: campaign.name, departments: ['综合'], by: ['region:city', 'indicator'], compare: 'yoy' },
    },
    {
      name: 'department-monthly-trend-year',
      what: 'chart: 禁毒 indicators by month over the last year',
      query: { ...year, departments: ['禁毒'], by: ['month', 'indicator'] },
    },
    {
      name: 'mixed-regions-quarter',
      what: 'comparison: 太原市 and 晋中市 units plus 盐湖区, by indicator, last quarter',
      query: { ...quarter, regions: ['太原市', '140700', '140802'], by: ['region:county', 'indicator'] },
    },
    {
      name: 'one-number-year',
      what: 'KPI tile: 抓获在逃人员 over the last year, no grouping',
      query: { ...year, indicators: ['综合/抓获在逃人员'] },
    },
    {
      name: 'phase-province-prev',
      what: 'phase summary: indicators for the phase against the days just before it',
      query: { phase: phase.name, by: ['indicator'], compare: 'prev' },
    },
    {
      name: 'suspects-by-department-day',
      what: 'chart: suspects caught (名) by department and day, last 7 days',
      query: {
        ...week,
        indicators: ['刑侦/抓获犯罪嫌疑人', '食药侦/抓获犯罪嫌疑人', '网安/抓获犯罪嫌疑人', '禁毒/抓获毒品犯罪嫌疑人'],
        by: ['department', 'day'],
      },
    },
  ];
}
