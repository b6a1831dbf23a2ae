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
  byDay: boolean;
}

export interface AggregateRow {
  /** Region code at the requested grain; 0 for grain none. */
  region: number;
  indicatorId: number;
  /** Day number; 0 when not grouped by day. */
  day: number;
  value: number;
}

export interface FactSource {
  aggregate(request: AggregateRequest): AggregateRow[];
}

/** The plain path: one GROUP BY over the fact table. */
export class SqlFactSource implements FactSource {
  constructor(private readonly db: Db) {}

  aggregate(req: AggregateRequest): AggregateRow[] {
    const regionExpr = { none: '0', city: 'COALESCE(r.city_code, r.code)', unit: 'f.region_code' }[req.regionGrain];
    const dayExpr = req.byDay ? 'f.day' : '0';
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
    return this.db.prepare(sql).all(...params) as AggregateRow[];
  }
}
