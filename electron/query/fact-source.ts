// The aggregation step under the slice query: sums of facts by (region grain, indicator, day).
// Everything above it (grouping keys, comparison, totals) is shared by every implementation.
import type { Db } from '../store/database';
import type { DayRange } from '../../shared/dates';
import type { RegionScope } from './resolve-filter';

/** none: one region bucket; city: the fact's city (the province for 省厅直属); unit: the fact's own region. */
export type RegionGrain = 'none' | 'city' | 'unit';

export interface AggregateRequest {
  range: DayRange;
  scope: RegionScope;
  indicatorIds: number[];
  regionGrain: RegionGrain;
  /**
   * The time bucket of a day, as a representative day number (the slice's day/week/month/phase
   * grouping, already shifted for comparison periods); null: no time grouping.
   */
  bucket: ((day: number) => number) | null;
}

export interface AggregateRow {
  /** Region code at the requested grain; 0 for grain none. */
  region: number;
  indicatorId: number;
  /** The bucket's representative day; 0 when not grouped by time. */
  day: number;
  value: number;
}

/** How many regions and indicators have any fact at all. */
export interface Coverage {
  reportingUnits: number;
  indicators: number;
}

export interface FactSource {
  aggregate(request: AggregateRequest): AggregateRow[];
  coverage(): Coverage;
}

/** The plain path: one GROUP BY over the fact table. */
export class SqlFactSource implements FactSource {
  constructor(private readonly db: Db) {}

  coverage(): Coverage {
    const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    return {
      reportingUnits: count('SELECT COUNT(DISTINCT region_code) FROM fact'),
      indicators: count('SELECT COUNT(DISTINCT indicator_id) FROM fact'),
    };
  }

  aggregate(req: AggregateRequest): AggregateRow[] {
    const regionExpr = { none: '0', city: 'COALESCE(r.city_code, r.code)', unit: 'f.region_code' }[req.regionGrain];
    const dayExpr = req.bucket ? 'f.day' : '0';
    const params: unknown[] = [req.range.from, req.range.to, JSON.stringify(req.indicatorIds)];
    let scopeSql = '';
    if (!req.scope.all) {
      scopeSql = `AND (r.city_code IN (SELECT value FROM json_each(?)) OR f.region_code IN (SELECT value FROM json_each(?)))`;
      params.push(JSON.stringify(req.scope.cities), JSON.stringify(req.scope.units));
    }
    const needsRegion = req.regionGrain === 'city' || !req.scope.all;
    const sql = `
      SELECT ${regionExpr} AS region, f.indicator_id AS indicatorId, ${dayExpr} AS day, SUM(f.value) AS value
        FROM fact f ${needsRegion ? 'JOIN region r ON r.code = f.region_code' : ''}
       WHERE f.day BETWEEN ? AND ?
         AND f.indicator_id IN (SELECT value FROM json_each(?))
         ${scopeSql}
       GROUP BY 1, 2, 3`;
    const rows = this.db.prepare(sql).all(...params) as AggregateRow[];
    return req.bucket ? mergeBuckets(rows, req.bucket) : rows;
  }
}

/** Re-groups per-day rows by time bucket. */
function mergeBuckets(rows: AggregateRow[], bucket: (day: number) => number): AggregateRow[] {
  const merged = new Map<string, AggregateRow>();
  for (const r of rows) {
    const day = bucket(r.day);
    const key = `${r.region}:${r.indicatorId}:${day}`;
    const m = merged.get(key);
    if (m) m.value += r.value;
    else merged.set(key, { ...r, day });
  }
  return [...merged.values()];
}
