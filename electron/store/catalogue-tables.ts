// Reads the catalogue from a database. It changes only through migrations, so callers load it
// once per open database and keep it.
import type { Db } from './database';
import type { Campaign, Catalogue, Department, Indicator, Region, RegionLevel } from '../../shared/api/catalogue-types';
import type { DisplayStyle } from '../../shared/format';
import { isoDay } from '../../shared/dates';

export function loadCatalogue(db: Db): Catalogue {
  const code = (n: number | null): string | null => (n === null ? null : String(n));
  const regions: Region[] = (
    db.prepare('SELECT code, name, level, parent_code, city_code FROM region ORDER BY sort').all() as {
      code: number;
      name: string;
      level: RegionLevel;
      parent_code: number | null;
      city_code: number | null;
    }[]
  ).map((r) => ({ code: String(r.code), name: r.name, level: r.level, parent: code(r.parent_code), city: code(r.city_code) }));

  const deptAliases = db
    .prepare('SELECT a.alias, d.name FROM department_alias a JOIN department d ON d.id = a.department_id')
    .all() as { alias: string; name: string }[];
  const departments: Department[] = (
    db.prepare('SELECT name, full_name FROM department ORDER BY sort').all() as { name: string; full_name: string }[]
  ).map((d) => ({
    name: d.name,
    fullName: d.full_name,
    aliases: deptAliases.filter((a) => a.name === d.name && a.alias !== d.name).map((a) => a.alias),
  }));

  const aliases = new Map<number, string[]>();
  for (const a of db.prepare('SELECT alias, indicator_id FROM indicator_alias').all() as { alias: string; indicator_id: number }[]) {
    aliases.set(a.indicator_id, [...(aliases.get(a.indicator_id) ?? []), a.alias]);
  }
  const indicators: Indicator[] = (
    db
      .prepare(
        `SELECT i.id, d.name AS department, i.name, i.unit, i.phrase, i.display, i.from_article
           FROM indicator i JOIN department d ON d.id = i.department_id
          ORDER BY d.sort, i.sort`,
      )
      .all() as { id: number; department: string; name: string; unit: string; phrase: string; display: string; from_article: number }[]
  ).map((i) => ({
    id: i.id,
    key: `${i.department}/${i.name}`,
    department: i.department,
    name: i.name,
    unit: i.unit,
    phrase: i.phrase,
    display: JSON.parse(i.display) as DisplayStyle,
    fromArticle: i.from_article === 1,
    aliases: (aliases.get(i.id) ?? []).filter((a) => a !== i.name).sort(),
  }));

  const campaigns: Campaign[] = (
    db.prepare('SELECT id, name, year, from_day, to_day FROM campaign ORDER BY from_day').all() as {
      id: number;
      name: string;
      year: number;
      from_day: number;
      to_day: number;
    }[]
  ).map((c) => ({
    name: c.name,
    year: c.year,
    from: isoDay(c.from_day),
    to: isoDay(c.to_day),
    phases: (
      db.prepare('SELECT name, from_day, to_day FROM phase WHERE campaign_id = ? ORDER BY from_day').all(c.id) as {
        name: string;
        from_day: number;
        to_day: number;
      }[]
    ).map((p) => ({ name: p.name, campaign: c.name, from: isoDay(p.from_day), to: isoDay(p.to_day) })),
  }));

  return { regions, departments, indicators, campaigns };
}
