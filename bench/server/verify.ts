// "Nothing is lost": the server's record against what the clients sent and the analyst decided (the
// ledger), and each workstation's copy, after a final sync, against the server — row for row, and
// through the workstation's own slice queries (both fact sources) against the server's SQL sums.
import type pg from 'pg';
import { createFactSource, type EnginePurpose } from '../../electron/query/engine';
import { runSlice } from '../../electron/query/slice';
import { parseIsoDay, isoDay } from '../../shared/dates';
import type { Ledger } from './ledger';
import { fmtKey } from './returns';
import type { Workstation } from './actors';

export interface Check {
  name: string;
  compared: number;
  differences: string[];
}

function diffMaps(name: string, expected: Map<string, number>, actual: Map<string, number>, tolerance = 0): Check {
  const differences: string[] = [];
  for (const [k, v] of expected) {
    const a = actual.get(k);
    if (a === undefined) differences.push(`${k}: missing (expected ${v})`);
    else if (Math.abs(a - v) > tolerance) differences.push(`${k}: ${a}, expected ${v}`);
  }
  for (const [k, a] of actual) if (!expected.has(k)) differences.push(`${k}: ${a}, not expected`);
  return { name, compared: Math.max(expected.size, actual.size), differences };
}

async function serverFacts(pool: pg.Pool, cityCode: number | null): Promise<Map<string, number>> {
  const r = await pool.query<{ day: number; region_code: number; indicator_id: number; value: number }>(
    `SELECT f.day, f.region_code, f.indicator_id, f.value FROM fact f JOIN region r ON r.code = f.region_code
     WHERE $1::integer IS NULL OR r.city_code = $1::integer`,
    [cityCode],
  );
  return new Map(r.rows.map((f) => [fmtKey(f.day, f.region_code, f.indicator_id), f.value]));
}

/** The server's facts equal the accepted submissions' rows; every submission is where its client left it. */
export async function checkServer(pool: pg.Pool, ledger: Ledger): Promise<Check[]> {
  const facts = diffMaps(
    'server facts = accepted submissions (from what the cities sent)',
    ledger.expectedFacts(),
    await serverFacts(pool, null),
  );
  const subs = await pool.query<{
    id: string;
    status: string;
    row_count: number;
    facts: string;
    batch_facts: number | null;
    undone: boolean | null;
  }>(
    `SELECT s.id, s.status, s.row_count, (SELECT count(*) FROM submission_fact sf WHERE sf.submission_id = s.id) AS facts,
            b.fact_count AS batch_facts, b.undone_at IS NOT NULL AS undone
       FROM submission s LEFT JOIN batch b ON b.id = s.batch_id`,
  );
  const differences: string[] = [];
  const seen = new Set<number>();
  for (const row of subs.rows) {
    const id = Number(row.id);
    seen.add(id);
    const sent = ledger.submissions.get(id);
    if (!sent) {
      differences.push(`submission ${id} (${row.status}) on the server was not sent by any bench city`);
      continue;
    }
    const status = { waiting: '待审核', accepted: '已采用', returned: '已退回' }[sent.decision];
    if (row.status !== status) differences.push(`submission ${id}: ${row.status}, the clients left it ${status}`);
    if (row.row_count !== sent.facts.length || Number(row.facts) !== sent.facts.length) {
      differences.push(`submission ${id}: ${row.row_count} rows / ${row.facts} submission_fact, the file held ${sent.facts.length}`);
    }
    if (sent.decision === 'accepted' && (row.batch_facts !== sent.facts.length || row.undone))
      differences.push(`submission ${id}: its batch holds ${row.batch_facts} facts${row.undone ? ', undone' : ''}`);
  }
  for (const id of ledger.submissions.keys())
    if (!seen.has(id)) differences.push(`submission ${id} the server acknowledged is not on the server`);
  const changes = await pool.query<{ n: string }>("SELECT count(*) AS n FROM change_log WHERE kind = 'batch_accepted'");
  if (Number(changes.rows[0]!.n) !== ledger.count('accepted'))
    differences.push(`change_log holds ${changes.rows[0]!.n} accepted batches, the analyst accepted ${ledger.count('accepted')}`);
  return [facts, { name: 'server submissions: status, rows, batch as the clients left them', compared: subs.rows.length, differences }];
}

function localFacts(w: Workstation): Map<string, number> {
  const rows = w.ws.db.prepare('SELECT day, region_code, indicator_id, value FROM fact').all() as {
    day: number;
    region_code: number;
    indicator_id: number;
    value: number;
  }[];
  return new Map(rows.map((f) => [fmtKey(f.day, f.region_code, f.indicator_id), f.value]));
}

/** Slice sums compare within the slice's rounding (tidy: 3 decimals). */
const SLICE_TOLERANCE = 0.0015;

/** A workstation after its final sync: its copy equals the server's slice for its account. */
export async function checkWorkstation(pool: pg.Pool, w: Workstation, period: { from: number; to: number }): Promise<Check[]> {
  const checks: Check[] = [
    diffMaps(`${w.name}: facts = server facts${w.cityCode ? ' of its city' : ''}`, await serverFacts(pool, w.cityCode), localFacts(w)),
  ];
  const cityName = w.cityCode ? w.ws.catalogue.regions.find((r) => Number(r.code) === w.cityCode)!.name : null;
  const indicatorId = new Map(w.ws.catalogue.indicators.map((i) => [`${i.department}/${i.name}`, i.id]));
  const filter = { from: isoDay(period.from), to: isoDay(period.to), regions: cityName ? [cityName] : [] };

  const cityTotals = await pool.query<{ city: number; indicator_id: number; total: number }>(
    `SELECT r.city_code AS city, f.indicator_id, sum(f.value) AS total FROM fact f JOIN region r ON r.code = f.region_code
      WHERE f.day BETWEEN $1 AND $2 AND ($3::integer IS NULL OR r.city_code = $3::integer) GROUP BY 1, 2`,
    [period.from, period.to, w.cityCode],
  );
  const expectedCity = new Map(cityTotals.rows.map((r) => [`${r.city}|${r.indicator_id}`, r.total]));
  const unitDays = await pool.query<{ region_code: number; day: number; total: number }>(
    `SELECT f.region_code, f.day, sum(f.value) AS total FROM fact f JOIN region r ON r.code = f.region_code
      WHERE f.indicator_id = 1 AND f.day BETWEEN $1 AND $2 AND ($3::integer IS NULL OR r.city_code = $3::integer) GROUP BY 1, 2`,
    [period.from, period.to, w.cityCode],
  );
  const expectedUnitDay = new Map(unitDays.rows.map((r) => [`${r.region_code}|${r.day}`, r.total]));
  const firstIndicator = w.ws.catalogue.indicators.find((i) => i.id === 1)!;

  for (const purpose of ['one-answer', 'resident'] as EnginePurpose[]) {
    const source = createFactSource(w.ws, purpose);
    const label = purpose === 'one-answer' ? 'scan' : 'engine';
    const byCity = runSlice(w.ws.resolver, source, { ...filter, by: ['region:city', 'indicator'] });
    const gotCity = new Map<string, number>();
    for (const row of byCity.rows) {
      if (row.value === null || row.value === undefined) continue;
      const id = indicatorId.get(`${row.department}/${row.indicator}`);
      gotCity.set(`${row.region_code}|${id}`, row.value);
    }
    checks.push(diffMaps(`${w.name}: slice city × indicator (${label}) = server SQL`, expectedCity, gotCity, SLICE_TOLERANCE));
    const byUnitDay = runSlice(w.ws.resolver, source, { ...filter, indicators: [firstIndicator.key], by: ['region:county', 'day'] });
    const gotUnitDay = new Map<string, number>();
    for (const row of byUnitDay.rows) {
      if (row.value === null || row.value === undefined) continue;
      gotUnitDay.set(`${row.region_code}|${parseIsoDay(row.day!)}`, row.value);
    }
    checks.push(
      diffMaps(
        `${w.name}: slice unit × day of ${firstIndicator.name} (${label}) = server SQL`,
        expectedUnitDay,
        gotUnitDay,
        SLICE_TOLERANCE,
      ),
    );
  }
  return checks;
}
