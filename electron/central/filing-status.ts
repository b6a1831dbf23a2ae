// 报送状态: per reporting unit and day over a period, one of 未报 / 待审核 / 已退回 / 已采用.
// Precedence, first that holds:
//   已采用  a live batch holds a fact of that unit on that day (the record has its figures);
//   待审核  a submission waiting for review covers that unit-day;
//   已退回  the latest decided submission covering it (by decision time) was returned;
//   未报    otherwise (also when the only batch that held it was undone).
// Units are a city's counties and the city itself (市本级), as GET /api/units lists them.
import type { FilingState, FilingStatusJson } from '../../shared/api/central';
import { FILING_STATES } from '../../shared/api/central';
import { isoDay } from '../../shared/dates';
import type { Pool } from './pg-pool';

export const FILING_STATUS_MAX_DAYS = 366;

/** `cityCode` null: every city. */
export async function filingStatus(pool: Pool, fromDay: number, toDay: number, cityCode: number | null): Promise<FilingStatusJson> {
  const units = await pool.query<{ code: number; name: string; city: string }>(
    `SELECT r.code, CASE WHEN r.level = 'city' THEN r.name || '本级' ELSE r.name END AS name, c.name AS city
       FROM region r JOIN region c ON c.code = r.city_code
      WHERE r.level IN ('city', 'county') AND ($1::integer IS NULL OR r.city_code = $1)
      ORDER BY c.sort, CASE WHEN r.level = 'city' THEN 1 ELSE 0 END, r.sort`,
    [cityCode],
  );
  const dayCount = toDay - fromDay + 1;
  const grid = new Map<number, FilingState[]>();
  for (const u of units.rows) grid.set(u.code, new Array<FilingState>(dayCount).fill('未报'));
  // Lowest precedence first: each later state overwrites.
  const inScope = `r.city_code IS NOT NULL AND ($3::integer IS NULL OR r.city_code = $3)`;
  const returned = await pool.query<{ region_code: number; day: number }>(
    `SELECT region_code, day FROM (
       SELECT sf.region_code, sf.day, s.status,
              ROW_NUMBER() OVER (PARTITION BY sf.region_code, sf.day ORDER BY s.decided_at DESC, s.id DESC) AS latest
         FROM (SELECT DISTINCT submission_id, region_code, day FROM submission_fact WHERE day BETWEEN $1 AND $2) sf
         JOIN submission s ON s.id = sf.submission_id
         JOIN region r ON r.code = sf.region_code
        WHERE s.status IN ('已退回', '已采用') AND ${inScope}) d
      WHERE latest = 1 AND status = '已退回'`,
    [fromDay, toDay, cityCode],
  );
  const waiting = await pool.query<{ region_code: number; day: number }>(
    `SELECT DISTINCT sf.region_code, sf.day FROM submission_fact sf
       JOIN submission s ON s.id = sf.submission_id
       JOIN region r ON r.code = sf.region_code
      WHERE s.status = '待审核' AND sf.day BETWEEN $1 AND $2 AND ${inScope}`,
    [fromDay, toDay, cityCode],
  );
  const accepted = await pool.query<{ region_code: number; day: number }>(
    `SELECT DISTINCT f.region_code, f.day FROM fact f JOIN region r ON r.code = f.region_code
      WHERE f.day BETWEEN $1 AND $2 AND ${inScope}`,
    [fromDay, toDay, cityCode],
  );
  const mark = (rows: { region_code: number; day: number }[], state: FilingState) => {
    for (const r of rows) {
      const states = grid.get(r.region_code);
      if (states) states[r.day - fromDay] = state;
    }
  };
  mark(returned.rows, '已退回');
  mark(waiting.rows, '待审核');
  mark(accepted.rows, '已采用');
  const totals = Object.fromEntries(FILING_STATES.map((s) => [s, 0])) as Record<FilingState, number>;
  for (const states of grid.values()) for (const s of states) totals[s]++;
  return {
    from: isoDay(fromDay),
    to: isoDay(toDay),
    days: Array.from({ length: dayCount }, (_, i) => isoDay(fromDay + i)),
    units: units.rows.map((u) => ({ code: u.code, name: u.name, city: u.city, states: grid.get(u.code)! })),
    totals,
  };
}
