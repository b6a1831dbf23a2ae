// The server's catalogue as the workstation's import sees it (the shared `Catalogue` object and a
// CatalogueResolver over it), read from the same frozen rows migration 001 seeded, so a name or an
// alias resolves on the server exactly as it does in `campaign import`. Read once per pool: the
// catalogue changes only through migrations.
import type { Catalogue } from '../../shared/api/catalogue-types';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import { CATALOGUE_QUERIES, catalogueFromRows, type CatalogueRows } from '../../shared/catalogue-rows';
import type { Pool } from './pg-pool';

export async function loadCentralCatalogue(pool: Pool): Promise<Catalogue> {
  const all = async <K extends keyof CatalogueRows>(k: K): Promise<CatalogueRows[K]> =>
    (await pool.query(CATALOGUE_QUERIES[k])).rows as CatalogueRows[K];
  return catalogueFromRows({
    regions: await all('regions'),
    departments: await all('departments'),
    departmentAliases: await all('departmentAliases'),
    indicators: await all('indicators'),
    indicatorAliases: await all('indicatorAliases'),
    campaigns: await all('campaigns'),
    phases: await all('phases'),
  });
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
