// The live catalogue (shared/catalogue.ts, resources/regions-140000.json) must equal what the frozen
// migrations write. Migrations never read the live lists, so a change there reaches no database by
// itself: this test fails until the change is also written as a new migration.
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { CAMPAIGNS, DEPARTMENTS, INDICATORS, normaliseName } from '../../shared/catalogue';
import { REGION_SOURCE } from '../../electron/catalogue/region-source';
import { loadCatalogue } from '../../electron/store/catalogue-tables';
import { openDatabase } from '../../electron/store/database';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { tempDir } from '../support/temp-db';

type Comparable = Omit<Catalogue, 'indicators'> & { indicators: Omit<Catalogue['indicators'][number], 'id'>[] };

/** The catalogue the live sources describe, in the shape and order loadCatalogue reads. */
function liveCatalogue(): Comparable {
  const regions = REGION_SOURCE.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parent: r.parent,
    city: r.level === 'city' ? r.code : r.level === 'county' ? r.parent : null,
  }));
  const claimed = new Set<string>(); // a department alias names one department only
  const departments = DEPARTMENTS.map((d) => {
    const aliases: string[] = [];
    for (const a of [d.name, d.fullName, ...d.aliases].map(normaliseName)) {
      if (claimed.has(a)) continue;
      claimed.add(a);
      if (a !== d.name) aliases.push(a);
    }
    return { name: d.name, fullName: d.fullName, aliases: aliases.sort() };
  });
  const deptOrder = new Map(DEPARTMENTS.map((d, i) => [d.name, i]));
  const indicators = INDICATORS.map((d, i) => ({ d, i }))
    .sort((a, b) => deptOrder.get(a.d.department)! - deptOrder.get(b.d.department)! || a.i - b.i)
    .map(({ d }) => ({
      key: `${d.department}/${d.name}`,
      department: d.department,
      name: d.name,
      unit: d.unit,
      phrase: d.phrase,
      display: d.display,
      fromArticle: d.fromArticle,
      aliases: [...new Set([d.name, ...d.aliases].map(normaliseName))].filter((a) => a !== d.name).sort(),
    }));
  const campaigns = CAMPAIGNS.map((c) => ({
    name: c.name,
    year: c.year,
    from: c.from,
    to: c.to,
    phases: c.phases.map((p) => ({ name: p.name, campaign: c.name, from: p.from, to: p.to })),
  }));
  return { regions, departments, indicators, campaigns };
}

/** What a new database holds after every migration. */
function migratedCatalogue(): Comparable {
  const db = openDatabase(join(tempDir(), 'new.db'));
  const c = loadCatalogue(db);
  db.close();
  return {
    ...c,
    departments: c.departments.map((d) => ({ ...d, aliases: [...d.aliases].sort() })),
    indicators: c.indicators.map(({ id: _id, ...rest }) => rest),
  };
}

describe('the live catalogue and the migrations', () => {
  it('describe the same catalogue (a change to shared/catalogue.ts or the regions needs a new migration)', () => {
    const migrated = migratedCatalogue();
    expect(migrated.regions).toHaveLength(1 + 11 + 117);
    expect(migrated.indicators).toHaveLength(INDICATORS.length);
    expect(
      migrated,
      'shared/catalogue.ts or resources/regions-140000.json differs from what the migrations write: add a migration',
    ).toEqual(liveCatalogue());
  });

  it('would notice a changed unit, a new alias, a renamed county and a new indicator', () => {
    const live = liveCatalogue();
    const changes: ((c: Comparable) => void)[] = [
      (c) => (c.indicators[1]!.unit += '（改）'),
      (c) => c.indicators[0]!.aliases.push('出动警力总数'),
      (c) => (c.regions[20]!.name = '新区'),
      (c) => c.indicators.push({ ...c.indicators[0]!, key: '综合/新指标', name: '新指标' }),
    ];
    for (const change of changes) {
      const changed = structuredClone(live);
      change(changed);
      expect(isDeepStrictEqual(changed, live)).toBe(false);
    }
  });
});
