// The reference engine: the same facts in an in-memory DuckDB table, and a translator from a slice
// query to one DuckDB SQL statement that computes the whole result: labelled rows with value,
// base, change and percentage. It reads the query with the peers' own code (peer-plan.ts: names
// from the catalogue, its own date arithmetic, here in SQL), so it shares nothing with the
// product's query code but the catalogue.
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../electron/store/workspace';
import type { Catalogue } from '../shared/api/catalogue-types';
import { parseIsoDay } from '../shared/dates';
import type { GroupKey, SliceQuery, SliceResult, SliceRow } from '../shared/api/slice';
import { OUTSIDE_PHASE } from './compare';
import { finishPeerResult, lit, planPeerQuery, sliceRowOf, type PeerPlan } from './peer-plan';

const EPOCH = "DATE '1970-01-01'";
const CHUNK_ROWS = 2048;

export class DuckDbEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly catalogue: Catalogue,
  ) {}

  /** Copies the workspace's facts and region table into a fresh in-memory DuckDB. */
  static async load(ws: Workspace): Promise<{ engine: DuckDbEngine; rows: number; seconds: number }> {
    const started = performance.now();
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`
      CREATE TABLE region (code INTEGER PRIMARY KEY, level VARCHAR NOT NULL, city_code INTEGER, city_label VARCHAR NOT NULL, unit_label VARCHAR NOT NULL);
      CREATE TABLE indicator (id INTEGER PRIMARY KEY, department VARCHAR NOT NULL, name VARCHAR NOT NULL, unit VARCHAR NOT NULL);
      CREATE TABLE phase_day (day INTEGER PRIMARY KEY, phase VARCHAR NOT NULL);
      CREATE TABLE fact (day INTEGER NOT NULL, region_code INTEGER NOT NULL, indicator_id INTEGER NOT NULL, value DOUBLE NOT NULL);
    `);
    const regions = ws.db.prepare('SELECT code, name, level, city_code FROM region').raw().all() as [
      number,
      string,
      string,
      number | null,
    ][];
    // Row labels as the workstation shows them: 省厅直属 for the province's own units, 市本级 for a city's.
    const labels = (name: string, level: string) =>
      level === 'province'
        ? `'省厅直属', '省厅直属'`
        : level === 'city'
          ? `${lit(name)}, ${lit(`${name}本级`)}`
          : `${lit(name)}, ${lit(name)}`;
    await conn.run(
      `INSERT INTO region VALUES ${regions.map(([c, name, l, city]) => `(${c}, '${l}', ${city ?? 'NULL'}, ${labels(name, l)})`).join(', ')}`,
    );
    await conn.run(
      `INSERT INTO indicator VALUES ${ws.catalogue.indicators.map((i) => `(${i.id}, ${lit(i.department)}, ${lit(i.name)}, ${lit(i.unit)})`).join(', ')}`,
    );
    // Each day's phase: the first phase, in catalogue order, that holds it.
    const phaseOf = new Map<number, string>();
    for (const p of ws.catalogue.campaigns.flatMap((c) => c.phases)) {
      for (let d = parseIsoDay(p.from)!; d <= parseIsoDay(p.to)!; d++) if (!phaseOf.has(d)) phaseOf.set(d, p.name);
    }
    if (phaseOf.size > 0) {
      await conn.run(`INSERT INTO phase_day VALUES ${[...phaseOf].map(([d, n]) => `(${d}, ${lit(n)})`).join(', ')}`);
    }

    const appender = await conn.createAppender('fact');
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, INTEGER, DOUBLE], CHUNK_ROWS);
    const cols: number[][] = [[], [], [], []];
    const flush = () => {
      chunk.rowCount = cols[0]!.length;
      chunk.setColumns(cols);
      appender.appendDataChunk(chunk);
      for (const c of cols) c.length = 0;
    };
    let rows = 0;
    // Primary-key order, as SQLite stores it.
    for (const r of ws.db.prepare('SELECT day, region_code, indicator_id, value FROM fact').raw().iterate() as IterableIterator<
      [number, number, number, number]
    >) {
      for (let c = 0; c < 4; c++) cols[c]!.push(r[c]!);
      if (cols[0]!.length === CHUNK_ROWS) flush();
      rows++;
    }
    if (cols[0]!.length > 0) flush();
    appender.closeSync();
    return { engine: new DuckDbEngine(instance, conn, ws.catalogue), rows, seconds: (performance.now() - started) / 1000 };
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Runs a translated statement and reads its rows as JS objects: the bare engine's work. */
  async execute(sql: string): Promise<SliceRow[]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map(sliceRowOf);
  }

  /** Query → result rows, as the product answers: read the query, translate, run, total. */
  async answer(query: SliceQuery): Promise<SliceResult> {
    const plan = planPeerQuery(this.catalogue, query);
    return finishPeerResult(plan, await this.execute(this.translate(plan)));
  }

  plan(query: SliceQuery): PeerPlan {
    return planPeerQuery(this.catalogue, query);
  }

  /** One SQL statement computing the labelled rows (and the base period's, shifted onto the current days). */
  translate(plan: PeerPlan): string {
    const by = plan.by;
    const range = plan.range;
    const province = this.catalogue.regions.find((r) => r.level === 'province')!;

    const where = [`f.indicator_id IN (${plan.indicators.map((i) => i.id).join(', ')})`];
    if (plan.scope) {
      const any = [];
      if (plan.scope.cities.length > 0) any.push(`r.city_code IN (${plan.scope.cities.join(', ')})`);
      if (plan.scope.units.length > 0) any.push(`f.region_code IN (${plan.scope.units.join(', ')})`);
      where.push(`(${any.join(' OR ')})`);
    }

    // Two levels: sum the facts by (region at the grain, indicator, day), then label and re-group
    // the (much smaller) result, so dates are formatted once per day, not once per fact.
    const regionGrain = by.includes('region:county') ? 'f.region_code' : by.includes('region:city') ? 'COALESCE(r.city_code, r.code)' : '0';
    const byTime = plan.byTime;
    const joinRegion = regionGrain.includes('r.') || where.some((w) => w.includes('r.'));
    const date = `(${EPOCH} + s.d)`;
    const keyColumns = (k: GroupKey): string[] => {
      switch (k) {
        case 'region:province':
          return [`${lit(province.code)} AS region_code`, `${lit(province.name)} AS region_name`];
        case 'region:city':
          return ['CAST(s.reg AS VARCHAR) AS region_code', 'rl.city_label AS region_name'];
        case 'region:county':
          return ['CAST(s.reg AS VARCHAR) AS region_code', 'rl.unit_label AS region_name'];
        case 'department':
          return ['i.department AS department'];
        case 'indicator':
          return ['i.department AS department', 'i.name AS indicator', 'i.unit AS unit'];
        case 'day':
          return [`strftime(${date}, '%Y-%m-%d') AS day`];
        case 'week':
          return [`CAST(isoyear(${date}) AS VARCHAR) || '-W' || lpad(CAST(week(${date}) AS VARCHAR), 2, '0') AS week`];
        case 'month':
          return [`strftime(${date}, '%Y-%m') AS month`];
        case 'phase':
          return [`COALESCE(pd.phase, ${lit(OUTSIDE_PHASE)}) AS phase`];
      }
    };
    // department comes with indicator too: each column once.
    const keys = [...new Map(by.flatMap(keyColumns).map((c) => [c.slice(c.lastIndexOf(' AS ') + 4), c])).values()];
    const keyCols = keys.map((c) => c.slice(c.lastIndexOf(' AS ') + 4));
    const byRegion = by.includes('region:city') || by.includes('region:county');

    /** `shift` maps a base-period day (column `day`) onto the current period's. */
    const periodSql = (from: number, to: number, shift: string, valueName: string) => `
      SELECT ${[...keys, `SUM(s.v) AS ${valueName}`].join(', ')}
        FROM (SELECT reg, ind, ${shift} AS d, v FROM (
                SELECT ${regionGrain} AS reg, f.indicator_id AS ind, ${byTime ? 'f.day' : '0'} AS day, SUM(f.value) AS v
                  FROM fact f ${joinRegion ? 'JOIN region r ON r.code = f.region_code' : ''}
                 WHERE f.day BETWEEN ${from} AND ${to} AND ${where.join(' AND ')}
                 GROUP BY ALL)) s
        JOIN indicator i ON i.id = s.ind
        ${byRegion ? 'JOIN region rl ON rl.code = s.reg' : ''}
        ${by.includes('phase') ? 'LEFT JOIN phase_day pd ON pd.day = s.d' : ''}
       GROUP BY ALL
      HAVING COUNT(*) > 0`;

    const unit = !by.includes('indicator') && plan.unit !== null ? [`${lit(plan.unit)} AS unit`] : [];
    if (!plan.compare) {
      return `SELECT ${[...keyCols, ...unit, 'round(v, 3) AS value'].join(', ')} FROM (${periodSql(range.from, range.to, 'day', 'v')})`;
    }
    const shift =
      plan.compare.kind === 'yoy'
        ? `CAST(date_diff('day', ${EPOCH}, (${EPOCH} + day) + INTERVAL 1 YEAR) AS INTEGER)`
        : `day + ${plan.compare.days}`;
    const on = keyCols.length > 0 ? keyCols.map((k) => `cur.${k} IS NOT DISTINCT FROM base.${k}`).join(' AND ') : 'TRUE';
    return `
      WITH cur AS (${periodSql(range.from, range.to, 'day', 'v')}),
           base AS (${periodSql(plan.compare.base.from, plan.compare.base.to, shift, 'b')}),
           joined AS (
             SELECT ${[...keyCols.map((k) => `COALESCE(cur.${k}, base.${k}) AS ${k}`), 'round(cur.v, 3) AS value', 'round(base.b, 3) AS base'].join(', ')}
               FROM cur FULL OUTER JOIN base ON ${on})
      SELECT ${[...keyCols, ...unit, 'value', 'base', 'round(value - base, 3) AS change', 'CASE WHEN base <> 0 THEN round(value - base, 3) / base * 100 END AS change_pct'].join(', ')}
        FROM joined`;
  }
}
