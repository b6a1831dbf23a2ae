// The reference engine: the same facts in an in-memory DuckDB table, and a translator from a slice
// query to one DuckDB SQL statement that computes the whole grouped result (keys, values, base).
// It resolves the query's names itself (codes, exact names, 部门/指标 keys) and does its own date
// arithmetic in SQL, so it shares nothing with the product's query code but the catalogue.
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../electron/core/workspace';
import type { Catalogue, Indicator, Region } from '../shared/api/catalogue-types';
import { parseIsoDay } from '../shared/dates';
import type { GroupKey, SliceQuery } from '../shared/api/slice';
import { OUTSIDE_PHASE, type Canonical } from './compare';

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
      CREATE TABLE region (code INTEGER PRIMARY KEY, level VARCHAR NOT NULL, city_code INTEGER);
      CREATE TABLE indicator (id INTEGER PRIMARY KEY, department VARCHAR NOT NULL, name VARCHAR NOT NULL);
      CREATE TABLE phase_day (day INTEGER PRIMARY KEY, phase VARCHAR NOT NULL);
      CREATE TABLE fact (day INTEGER NOT NULL, region_code INTEGER NOT NULL, indicator_id INTEGER NOT NULL, value DOUBLE NOT NULL);
    `);
    const regions = ws.db.prepare('SELECT code, level, city_code FROM region').raw().all() as [number, string, number | null][];
    await conn.run(
      `INSERT INTO region VALUES ${regions.map(([c, l, city]) => `(${c}, '${l}', ${city ?? 'NULL'})`).join(', ')}`,
    );
    await conn.run(
      `INSERT INTO indicator VALUES ${ws.catalogue.indicators.map((i) => `(${i.id}, ${lit(i.department)}, ${lit(i.name)})`).join(', ')}`,
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

  /** Runs the statement and reads every row into JS values; this is what is timed. */
  async execute(sql: string): Promise<unknown[][]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowsJS();
  }

  /** The query's result in the comparable form (see compare.ts). */
  async answer(query: SliceQuery): Promise<Canonical> {
    const t = this.translate(query);
    const rows = (await this.execute(t.sql)) as (string | number | null)[][];
    const out: Canonical = { rows: new Map(), count: rows.length, total: null };
    let value: number | null = null;
    let base: number | null = null;
    for (const r of rows) {
      const key = r.slice(0, t.keys).join('|');
      const v = r[t.keys] as number | null;
      const b = t.compare ? (r[t.keys + 1] as number | null) : undefined;
      out.rows.set(key, { value: v, ...(t.compare ? { base: b ?? null } : {}) });
      if (v !== null) value = (value ?? 0) + v;
      if (b !== null && b !== undefined) base = (base ?? 0) + b;
    }
    if (t.sameUnit) out.total = { value, ...(t.compare ? { base } : {}) };
    return out;
  }

  /** One SQL statement computing the grouped values (and the base period's, shifted onto the current days). */
  translate(query: SliceQuery): { sql: string; keys: number; compare: boolean; sameUnit: boolean } {
    const by = [...new Set(query.by ?? [])];
    const range = this.period(query);
    const indicators = this.indicators(query);
    const regions = (query.regions ?? []).map((r) => this.region(r));
    const province = this.catalogue.regions.find((r) => r.level === 'province')!;

    const where = [`f.indicator_id IN (${indicators.map((i) => i.id).join(', ')})`];
    if (regions.length > 0 && !regions.some((r) => r.level === 'province')) {
      const cities = regions.filter((r) => r.level === 'city').map((r) => r.code);
      const units = regions.filter((r) => r.level === 'county').map((r) => r.code);
      const any = [];
      if (cities.length > 0) any.push(`r.city_code IN (${cities.join(', ')})`);
      if (units.length > 0) any.push(`f.region_code IN (${units.join(', ')})`);
      where.push(`(${any.join(' OR ')})`);
    }

    // Two levels: sum the facts by (region at the grain, indicator, day), then label and re-group
    // the (much smaller) result, so dates are formatted once per day, not once per fact.
    const regionGrain = by.includes('region:county') ? 'f.region_code' : by.includes('region:city') ? 'COALESCE(r.city_code, r.code)' : '0';
    const byTime = by.some((k) => k === 'day' || k === 'week' || k === 'month' || k === 'phase');
    const joinRegion = regionGrain.includes('r.') || where.some((w) => w.includes('r.'));
    const date = `(${EPOCH} + s.d)`;
    const keyExpr = (k: GroupKey): string => {
      switch (k) {
        case 'region:province':
          return `'${province.code}'`;
        case 'region:city':
        case 'region:county':
          return 'CAST(s.reg AS VARCHAR)';
        case 'department':
          return 'i.department';
        case 'indicator':
          return `i.department || '/' || i.name`;
        case 'day':
          return `strftime(${date}, '%Y-%m-%d')`;
        case 'week':
          return `CAST(isoyear(${date}) AS VARCHAR) || '-W' || lpad(CAST(week(${date}) AS VARCHAR), 2, '0')`;
        case 'month':
          return `strftime(${date}, '%Y-%m')`;
        case 'phase':
          return `COALESCE(pd.phase, ${lit(OUTSIDE_PHASE)})`;
      }
    };
    const keys = by.map((k, n) => `${keyExpr(k)} AS k${n}`);

    /** `shift` maps a base-period day (column `day`) onto the current period's. */
    const periodSql = (from: number, to: number, shift: string, valueName: string) => `
      SELECT ${[...keys, `SUM(s.v) AS ${valueName}`].join(', ')}
        FROM (SELECT reg, ind, ${shift} AS d, v FROM (
                SELECT ${regionGrain} AS reg, f.indicator_id AS ind, ${byTime ? 'f.day' : '0'} AS day, SUM(f.value) AS v
                  FROM fact f ${joinRegion ? 'JOIN region r ON r.code = f.region_code' : ''}
                 WHERE f.day BETWEEN ${from} AND ${to} AND ${where.join(' AND ')}
                 GROUP BY ALL)) s
        JOIN indicator i ON i.id = s.ind
        ${by.includes('phase') ? 'LEFT JOIN phase_day pd ON pd.day = s.d' : ''}
       GROUP BY ALL
      HAVING COUNT(*) > 0`;

    const sameUnit = new Set(indicators.map((i) => i.unit)).size === 1;
    const keyCols = by.map((_, n) => `k${n}`);
    if (!query.compare) {
      return { sql: periodSql(range.from, range.to, 'day', 'v'), keys: by.length, compare: false, sameUnit };
    }
    let base: { from: number; to: number };
    let shift: string;
    if (query.compare === 'yoy') {
      base = { from: addYears(range.from, -1), to: addYears(range.to, -1) };
      shift = `CAST(date_diff('day', ${EPOCH}, (${EPOCH} + day) + INTERVAL 1 YEAR) AS INTEGER)`;
    } else {
      const n = range.to - range.from + 1;
      base = { from: range.from - n, to: range.from - 1 };
      shift = `day + ${n}`;
    }
    const on = keyCols.length > 0 ? keyCols.map((k) => `cur.${k} = base.${k}`).join(' AND ') : 'TRUE';
    const sql = `
      WITH cur AS (${periodSql(range.from, range.to, 'day', 'v')}),
           base AS (${periodSql(base.from, base.to, shift, 'b')})
      SELECT ${[...keyCols.map((k) => `COALESCE(cur.${k}, base.${k}) AS ${k}`), 'cur.v', 'base.b'].join(', ')}
        FROM cur FULL OUTER JOIN base ON ${on}`;
    return { sql, keys: by.length, compare: true, sameUnit };
  }

  private period(q: SliceQuery): { from: number; to: number } {
    if (q.phase !== undefined) {
      for (const c of this.catalogue.campaigns) {
        const p = c.name === q.phase ? c : c.phases.find((x) => x.name === q.phase);
        if (p) return { from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)! };
      }
      throw new Error(`duckdb: unknown phase ${q.phase}`);
    }
    return { from: parseIsoDay(q.from!)!, to: parseIsoDay(q.to!)! };
  }

  private region(text: string): Region {
    const found = this.catalogue.regions.filter((r) => r.code === text || r.name === text);
    if (found.length !== 1) throw new Error(`duckdb: region ${text} matches ${found.length} regions (use a code or a unique name)`);
    return found[0]!;
  }

  private indicators(q: SliceQuery): Indicator[] {
    const depts = q.departments ?? [];
    const names = q.indicators ?? [];
    const chosen = names.length > 0 ? names.map((n) => this.indicator(n)) : this.catalogue.indicators;
    return chosen.filter((i) => depts.length === 0 || depts.includes(i.department));
  }

  private indicator(key: string): Indicator {
    const found = this.catalogue.indicators.find((i) => i.key === key);
    if (!found) throw new Error(`duckdb: unknown indicator ${key} (write 部门/指标)`);
    return found;
  }
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** The same calendar date `years` later; 29 February becomes the 28th. */
function addYears(day: number, years: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / 86_400_000);
}
