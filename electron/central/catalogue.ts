// The server's catalogue as the workstation's import sees it (the shared `Catalogue` object and a
// CatalogueResolver over it), read from the same frozen rows migration 001 seeded, so a name or an
// alias resolves on the server exactly as it does in `campaign import`. Read once per pool: the
// catalogue changes only through migrations.
import type { Campaign, Catalogue, Department, Indicator, Region, RegionLevel } from '../../shared/api/catalogue-types';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import { isoDay } from '../../shared/dates';
import type { DisplayStyle } from '../../shared/format';
import type { Pool } from './pg-pool';

export async function loadCentralCatalogue(pool: Pool): Promise<Catalogue> {
  const code = (n: number | null): string | null => (n === null ? null : String(n));
  const regionRows = await pool.query<{ code: number; name: string; level: RegionLevel; parent_code: number | null; city_code: number | null }>(
    'SELECT code, name, level, parent_code, city_code FROM region ORDER BY sort',
  );
  const regions: Region[] = regionRows.rows.map((r) => ({ code: String(r.code), name: r.name, level: r.level, parent: code(r.parent_code), city: code(r.city_code) }));

  const deptAliases = (await pool.query<{ alias: string; name: string }>('SELECT a.alias, d.name FROM department_alias a JOIN department d ON d.id = a.department_id')).rows;
  const departments: Department[] = (await pool.query<{ name: string; full_name: string }>('SELECT name, full_name FROM department ORDER BY sort')).rows.map((d) => ({
    name: d.name,
    fullName: d.full_name,
    aliases: deptAliases.filter((a) => a.name === d.name && a.alias !== d.name).map((a) => a.alias),
  }));

  const aliases = new Map<number, string[]>();
  for (const a of (await pool.query<{ alias: string; indicator_id: number }>('SELECT alias, indicator_id FROM indicator_alias')).rows) {
    aliases.set(a.indicator_id, [...(aliases.get(a.indicator_id) ?? []), a.alias]);
  }
  const indicatorRows = await pool.query<{ id: number; department: string; name: string; unit: string; phrase: string; display: string; from_article: boolean }>(
    `SELECT i.id, d.name AS department, i.name, i.unit, i.phrase, i.display, i.from_article
       FROM indicator i JOIN department d ON d.id = i.department_id
      ORDER BY d.sort, i.sort`,
  );
  const indicators: Indicator[] = indicatorRows.rows.map((i) => ({
    id: i.id,
    key: `${i.department}/${i.name}`,
    department: i.department,
    name: i.name,
    unit: i.unit,
    phrase: i.phrase,
    display: JSON.parse(i.display) as DisplayStyle,
    fromArticle: i.from_article,
    aliases: (aliases.get(i.id) ?? []).filter((a) => a !== i.name).sort(),
  }));

  const phases = (await pool.query<{ campaign_id: number; name: string; from_day: number; to_day: number }>('SELECT campaign_id, name, from_day, to_day FROM phase ORDER BY from_day')).rows;
  const campaignRows = await pool.query<{ id: number; name: string; year: number; from_day: number; to_day: number }>('SELECT id, name, year, from_day, to_day FROM campaign ORDER BY from_day');
  const campaigns: Campaign[] = campaignRows.rows.map((c) => ({
    name: c.name,
    year: c.year,
    from: isoDay(c.from_day),
    to: isoDay(c.to_day),
    phases: phases.filter((p) => p.campaign_id === c.id).map((p) => ({ name: p.name, campaign: c.name, from: isoDay(p.from_day), to: isoDay(p.to_day) })),
  }));
  return { regions, departments, indicators, campaigns };
}

const resolvers = new WeakMap<Pool, Promise<CatalogueResolver>>();

/** The resolver of this server's catalogue, read on first use and kept for the pool's life. */
export function centralResolver(pool: Pool): Promise<CatalogueResolver> {
  let r = resolvers.get(pool);
  if (!r) {
    r = loadCentralCatalogue(pool).then((c) => new CatalogueResolver(c));
    // A failed read (database down) is not kept: the next call tries again.
    r.catch(() => resolvers.delete(pool));
    resolvers.set(pool, r);
  }
  return r;
}
