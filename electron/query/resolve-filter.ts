// Turns a slice filter (names as people write them) into ids, codes and day numbers.
import { SliceFilterSchema, type SliceFilter } from '../../shared/api/slice';
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import type { CatalogueResolver, Resolution } from '../../shared/catalogue-resolver';
import { parseIsoDay, type DayRange } from '../../shared/dates';
import { UserError } from '../../shared/errors';

/** Which facts' regions a slice covers: everything, or these cities (with their counties) and units. */
export type RegionScope = { all: true } | { all: false; cities: number[]; units: number[] };

export interface ResolvedFilter {
  range: DayRange;
  scope: RegionScope;
  /** The selected regions, for labels and completeness. */
  regions: Region[];
  indicators: Indicator[];
}

function must<T>(r: Resolution<T>): T {
  if (!r.ok) throw new UserError(r.reason);
  return r.value;
}

export function resolveFilter(resolver: CatalogueResolver, input: SliceFilter): ResolvedFilter {
  const parsed = SliceFilterSchema.safeParse(input);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => i.message).join('；'));
  const f = parsed.data;

  let from: string;
  let to: string;
  if (f.phase !== undefined) {
    const p = must(resolver.resolvePeriod(f.phase));
    from = p.from;
    to = p.to;
  } else {
    from = f.from!;
    to = f.to!;
  }
  const range = { from: parseIsoDay(from)!, to: parseIsoDay(to)! };

  const regions = f.regions.map((r) => must(resolver.resolveRegion(r)));
  let scope: RegionScope = { all: true };
  if (regions.length > 0 && !regions.some((r) => r.level === 'province')) {
    scope = {
      all: false,
      cities: regions.filter((r) => r.level === 'city').map((r) => Number(r.code)),
      units: regions.filter((r) => r.level === 'county').map((r) => Number(r.code)),
    };
  }

  const departments = f.departments.map((d) => must(resolver.resolveDepartment(d)));
  const deptHint = departments.length === 1 ? departments[0] : undefined;
  let indicators: Indicator[];
  if (f.indicators.length > 0) {
    indicators = f.indicators.map((i) => must(resolver.resolveIndicator(i, deptHint)));
    const outside = indicators.filter((i) => departments.length > 0 && !departments.includes(i.department));
    if (outside.length > 0) {
      throw new UserError(`指标${outside.map((i) => `“${i.key}”`).join('、')}不属于所选部门（${departments.join('、')}）`);
    }
  } else {
    indicators = resolver.catalogue.indicators.filter((i) => departments.length === 0 || departments.includes(i.department));
  }
  // Keep catalogue order and drop repeats, so output order never depends on how the filter was typed.
  const ids = new Set(indicators.map((i) => i.id));
  indicators = resolver.catalogue.indicators.filter((i) => ids.has(i.id));

  return { range, scope, regions, indicators };
}
