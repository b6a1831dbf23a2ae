// Reads the catalogue from a database. It changes only through migrations, so callers load it
// once per open database and keep it.
import type { Db } from './database';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { CATALOGUE_QUERIES, catalogueFromRows, type CatalogueRows } from '../../shared/catalogue-rows';

export function loadCatalogue(db: Db): Catalogue {
  const all = <K extends keyof CatalogueRows>(k: K): CatalogueRows[K] => db.prepare(CATALOGUE_QUERIES[k]).all() as CatalogueRows[K];
  return catalogueFromRows({
    regions: all('regions'),
    departments: all('departments'),
    departmentAliases: all('departmentAliases'),
    indicators: all('indicators'),
    indicatorAliases: all('indicatorAliases'),
    campaigns: all('campaigns'),
    phases: all('phases'),
  });
}
