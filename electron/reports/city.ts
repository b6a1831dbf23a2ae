// 城市督导报告: the dossier an inspection team takes to one city — its figures and rank among the
// cities for every indicator, its counties, its daily trend against the province average, its
// reporting gaps and anomalies, and its 督导发现 (findings and corrections recorded, else a blank table for the team).
// The sections are built in city-figures.ts (一 to 四) and city-checks.ts (五 to 七).
import type { Region } from '../../shared/api/catalogue-types';
import { UserError } from '../../shared/errors';
import { beijingDay } from '../../shared/beijing-time';
import { reportTitle } from './briefing';
import { anomaliesSection, findingsSection, gapsSection } from './city-checks';
import { cityFigures, countiesSection, overviewSection, rankingSection, trendSection } from './city-figures';
import { dateRangeText, dateText, provenanceOf, type ReportContext } from './context';
import type { Block, ReportDocument } from './model';
import { rankValues } from './narrative';
import { numberedSections, tableNumbers } from './sections';
import { byRegion } from './tables';

export interface CityRank {
  indicatorKey: string;
  value: number | null;
  rank: number | null;
  of: number;
}

export function dossierCity(ctx: ReportContext): Region {
  const regions = ctx.filter.regions;
  if (regions.length !== 1 || regions[0]!.level !== 'city' || ctx.filter.ownUnits.size > 0) {
    throw new UserError('城市督导报告须指定且只指定一个地市（如 --region 太原市）');
  }
  return regions[0]!;
}

export function buildCityDossier(ctx: ReportContext): ReportDocument {
  const city = dossierCity(ctx);
  const title = reportTitle(ctx, '督导报告', city.name);
  const figures = cityFigures(ctx, city);
  // 表1 is the ranking; the counties' tables and the rest follow.
  const nextTable = tableNumbers(2);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: `（${dateRangeText(ctx.from, ctx.to)}）` },
    { kind: 'subtitle', text: `省公安厅督导组　${dateText(beijingDay(ctx.now))}` },
    ...numberedSections([
      overviewSection(figures),
      rankingSection(figures),
      countiesSection(figures, nextTable),
      trendSection(figures),
      gapsSection(ctx, city, nextTable),
      anomaliesSection(ctx, city, nextTable),
      findingsSection(ctx, city, nextTable),
    ]),
    { kind: 'paragraph', text: '督导组成员（签字）：' },
    { kind: 'blankLines', count: 2 },
  ];
  return { title, fileStem: `${title}（${ctx.from}至${ctx.to}）`, blocks, provenance: provenanceOf(ctx, '城市督导报告') };
}

/** The city's rank among all cities for every selected indicator (what table 1 prints). */
export function cityRanks(ctx: ReportContext, city: Region): CityRank[] {
  const values = byRegion(ctx.slice({ regions: [], by: ['region:city', 'indicator'] }).rows);
  return ctx.indicators.map((ind) => {
    const r = rankValues(ctx.cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(ind.key) ?? null })));
    return {
      indicatorKey: ind.key,
      value: values.get(city.code)?.get(ind.key) ?? null,
      rank: r.get(city.code)!.rank,
      of: ctx.cities.length,
    };
  });
}
