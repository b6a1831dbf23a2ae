// The county × day listing of the grid: how large it can get before it is asked for. One row per
// reporting unit (county, a city's 市本级, 省厅直属) and day; one number per row and indicator.
import type { Catalogue } from '../../shared/api/catalogue-types';
import { parseIsoDay, rangeLength } from '../../shared/dates';
import { SLICE_MAX_ROWS } from '../../shared/api/limits';

/**
 * Numbers (rows × indicators) one listing may bring to the window: the core's slice bound (one
 * slice row per number), checked here first so the view asks for a narrower filter instead.
 */
export const LISTING_MAX_NUMBERS = SLICE_MAX_ROWS;

/** Reporting units within the chosen regions (none chosen: the whole province). */
export function listingUnits(catalogue: Catalogue, regions: readonly string[]): number {
  const chosen = new Set(regions);
  if (chosen.size === 0) return catalogue.regions.length;
  let units = 0;
  for (const r of catalogue.regions) {
    // A unit is in the listing when it or a region above it is chosen.
    const inside =
      chosen.has(r.code) ||
      chosen.has(r.name) ||
      (r.city !== null && r.city !== r.code && chosen.has(r.city)) ||
      (r.level !== 'province' && chosen.has('140000'));
    if (inside) units++;
  }
  return units;
}

export interface ListingSize {
  /** At most this many rows: units × days (days without reports give none). */
  rows: number;
  numbers: number;
  tooLarge: boolean;
}

export function listingSize(catalogue: Catalogue, regions: readonly string[], from: string, to: string, indicators: number): ListingSize {
  const a = parseIsoDay(from);
  const b = parseIsoDay(to);
  const days = a === null || b === null || b < a ? 0 : rangeLength({ from: a, to: b });
  const rows = listingUnits(catalogue, regions) * days;
  const numbers = rows * indicators;
  return { rows, numbers, tooLarge: numbers > LISTING_MAX_NUMBERS };
}
