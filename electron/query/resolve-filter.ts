// Turns a slice filter (names as people write them) into ids, codes and day numbers.
import type { ParsedSliceFilter } from '../../shared/api/slice';
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import type { CatalogueResolver, Resolution } from '../../shared/catalogue-resolver';
import { parseIsoDay, type DayRange } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import type { RegionSelection } from './region-labels';

/** Which facts' regions a slice covers: everything, or these cities (with their counties) and units. */
export type RegionScope = { all: true } | { all: false; cities: number[]; units: number[] };

export interface ResolvedFilter {
  range: DayRange;
  scope: RegionScope;
  /** The selected regions, for labels and completeness. */
  regions: Region[];
  /** Codes of the selected regions of which only the own units were chosen (太原市本级, 省厅直属). */
  ownUnits: ReadonlySet<string>;
  /** The selection as row labels need it. */
  selection: RegionSelection;
  indicators: Indicator[];
}

function must<T>(r: Resolution<T>): T {
  if (!r.ok) throw new UserError(r.reason);
  return r.value;
}

/** `f` was validated where the call entered (from ≤ to, or a phase). */
export function resolveFilter(resolver: CatalogueResolver, f: ParsedSliceFilter): ResolvedFilter {
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

  const selected = f.regions.map((r) => must(resolver.resolveRegionSelection(r)));
  const regions = selected.map((s) => s.region);
  const ownUnits = new Set(selected.filter((s) => s.ownUnits).map((s) => s.region.code));
  const whole = selected.filter((s) => !s.ownUnits);
  const all = selected.length === 0 || whole.some((s) => s.region.level === 'province');
  let scope: RegionScope = { all: true };
  if (!all) {
    scope = {
      all: false,
      cities: whole.filter((s) => s.region.level === 'city').map((s) => Number(s.region.code)),
      // A city's (or the province's) own units are the facts stored under its own code.
      units: selected.filter((s) => s.region.level === 'county' || s.ownUnits).map((s) => Number(s.region.code)),
    };
  }
  const selection: RegionSelection = { all, whole: new Set(whole.map((s) => s.region.code)), ownUnits };

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

  return { range, scope, regions, ownUnits: all ? new Set() : ownUnits, selection, indicators };
}
