// How many rows a slice can answer with, known before any fact is read: the product of what each
// grouping key can take within the filter. Every transport (IPC, HTTP, CLI) goes through runSlice,
// so one bound here protects them all from an answer too large to carry.
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { GroupKey } from '../../shared/api/slice';
import { NARROW_FILTER, SLICE_MAX_ROWS } from '../../shared/api/limits';
import { rangeLength } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import type { ResolvedFilter } from './resolve-filter';

/** Reporting units (counties, 市本级, 省厅直属) the filter's region scope covers. */
function unitsInScope(catalogue: Catalogue, filter: ResolvedFilter): number {
  const scope = filter.scope;
  // Every region is a unit: the province's own is 省厅直属, a city's own is its 市本级.
  if (scope.all) return catalogue.regions.length;
  const cities = new Set(scope.cities.map(String));
  const units = new Set(scope.units.map(String));
  let n = 0;
  for (const r of catalogue.regions) if (units.has(r.code) || (r.city !== null && cities.has(r.city))) n++;
  return Math.max(n, 1);
}

/** An upper bound of the slice's answer rows. */
export function estimateSliceRows(catalogue: Catalogue, filter: ResolvedFilter, by: readonly GroupKey[]): number {
  const days = rangeLength(filter.range);
  const factor: Record<GroupKey, () => number> = {
    'region:province': () => 1,
    'region:city': () => catalogue.regions.filter((r) => r.level === 'city').length + 1,
    'region:county': () => unitsInScope(catalogue, filter),
    department: () => new Set(filter.indicators.map((i) => i.department)).size,
    indicator: () => filter.indicators.length,
    day: () => days,
    week: () => Math.min(days, Math.floor(days / 7) + 2),
    month: () => Math.min(days, Math.floor(days / 28) + 2),
    // Each phase once, and 阶段外 for days outside every phase.
    phase: () => Math.min(days, catalogue.campaigns.reduce((n, c) => n + c.phases.length, 0) + 1),
  };
  return [...new Set(by)].reduce((rows, key) => rows * factor[key](), 1);
}

export function assertSliceSize(catalogue: Catalogue, filter: ResolvedFilter, by: readonly GroupKey[]): void {
  const rows = estimateSliceRows(catalogue, filter, by);
  if (rows > SLICE_MAX_ROWS) {
    throw new UserError(
      `查询结果可达 ${rows.toLocaleString('en-US')} 行，超过单次上限 ${SLICE_MAX_ROWS.toLocaleString('en-US')} 行：${NARROW_FILTER}`,
    );
  }
}
