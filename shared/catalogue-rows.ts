// The catalogue assembled from its tables' rows: the same queries run on the workstation's SQLite
// file and on the provincial server's PostgreSQL (portable SQL), and this one function turns their
// rows into the shared `Catalogue`, so a name or alias resolves identically on both.
import type { Campaign, Catalogue, Department, Indicator, Region, RegionLevel } from './api/catalogue-types';
import { isoDay } from './dates';
import type { DisplayStyle } from './format';

export const CATALOGUE_QUERIES = {
  regions: 'SELECT code, name, level, parent_code, city_code FROM region ORDER BY sort',
  departments: 'SELECT name, full_name FROM department ORDER BY sort',
  departmentAliases: 'SELECT a.alias, d.name FROM department_alias a JOIN department d ON d.id = a.department_id',
  indicators: `SELECT i.id, d.name AS department, i.name, i.unit, i.phrase, i.display, i.from_article
                 FROM indicator i JOIN department d ON d.id = i.department_id
                ORDER BY d.sort, i.sort`,
  indicatorAliases: 'SELECT alias, indicator_id FROM indicator_alias',
  campaigns: 'SELECT id, name, year, from_day, to_day FROM campaign ORDER BY from_day',
  phases: 'SELECT campaign_id, name, from_day, to_day FROM phase ORDER BY from_day',
} as const;

export interface CatalogueRows {
  regions: { code: number; name: string; level: RegionLevel; parent_code: number | null; city_code: number | null }[];
  departments: { name: string; full_name: string }[];
  departmentAliases: { alias: string; name: string }[];
  /** from_article: SQLite gives 0/1, PostgreSQL a boolean. */
  indicators: {
    id: number;
    department: string;
    name: string;
    unit: string;
    phrase: string;
    display: string;
    from_article: number | boolean;
  }[];
  indicatorAliases: { alias: string; indicator_id: number }[];
  campaigns: { id: number; name: string; year: number; from_day: number; to_day: number }[];
  phases: { campaign_id: number; name: string; from_day: number; to_day: number }[];
}

export function catalogueFromRows(rows: CatalogueRows): Catalogue {
  const code = (n: number | null): string | null => (n === null ? null : String(n));
  const regions: Region[] = rows.regions.map((r) => ({
    code: String(r.code),
    name: r.name,
    level: r.level,
    parent: code(r.parent_code),
    city: code(r.city_code),
  }));
  const departments: Department[] = rows.departments.map((d) => ({
    name: d.name,
    fullName: d.full_name,
    aliases: rows.departmentAliases.filter((a) => a.name === d.name && a.alias !== d.name).map((a) => a.alias),
  }));
  const aliases = new Map<number, string[]>();
  for (const a of rows.indicatorAliases) aliases.set(a.indicator_id, [...(aliases.get(a.indicator_id) ?? []), a.alias]);
  const indicators: Indicator[] = rows.indicators.map((i) => ({
    id: i.id,
    key: `${i.department}/${i.name}`,
    department: i.department,
    name: i.name,
    unit: i.unit,
    phrase: i.phrase,
    display: JSON.parse(i.display) as DisplayStyle,
    fromArticle: i.from_article === true || i.from_article === 1,
    aliases: (aliases.get(i.id) ?? []).filter((a) => a !== i.name).sort(),
  }));
  const campaigns: Campaign[] = rows.campaigns.map((c) => ({
    name: c.name,
    year: c.year,
    from: isoDay(c.from_day),
    to: isoDay(c.to_day),
    phases: rows.phases
      .filter((p) => p.campaign_id === c.id)
      .map((p) => ({ name: p.name, campaign: c.name, from: isoDay(p.from_day), to: isoDay(p.to_day) })),
  }));
  return { regions, departments, indicators, campaigns };
}
