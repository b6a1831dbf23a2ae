// The tuned SQLite peer: SQLite as a competent engineer would set it up for this suite, to keep the
// benchmark's "engine vs SQLite" honest (the plain path, SqlFactSource, has no index beyond the
// primary key, prepares its SQL on every call and re-buckets days in JavaScript).
//
// Set up once, in its own file next to the benchmark database (the plain path must not see the
// indexes): the facts with their city denormalised onto each row, two covering indexes —
// (indicator_id, day, city_code, region_code, value) for the whole province, and
// (city_code, indicator_id, day, region_code, value) for a region filter — so that a query reads
// one contiguous range per indicator (and city) and never touches the table, the regions and indicators with their labels and sort
// keys, and a calendar table (ISO day, ISO week, month, phase, the day a year later) that turns
// every time grouping and the 同比/环比 shift into a join on the grouped rows. Each query shape is
// one statement, prepared once and reused with bound parameters; all grouping and summing — the
// per-day sums in index order, then the re-grouping by label — happens in SQL. The statement
// returns the result rows (labels, value, base, change, percentage); only the total is added up
// in JavaScript, as the product does.
import Database, { type Statement } from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Catalogue } from '../shared/api/catalogue-types';
import type { SliceQuery, SliceResult, SliceRow } from '../shared/api/slice';
import { OUTSIDE_PHASE } from './compare';
import { finishPeerResult, lit, planPeerQuery, type PeerPlan } from './peer-plan';

/** Bump when the tuned file's layout changes, so cached copies are rebuilt. */
const TUNED_VERSION = 2;
/** Calendar rows cover every day a query (or its base period) can name. */
const CALENDAR_FROM = '1990-01-01';
const CALENDAR_TO = '2059-12-31';
const LAST = 2 ** 31 - 1;

export interface TunedSql {
  sql: string;
  params: number[];
}

export class SqliteTunedEngine {
  private readonly statements = new Map<string, Statement<number[], SliceRow>>();

  /** A county's city, for a region filter naming counties. */
  private readonly cityOf: Map<number, number>;

  private constructor(
    private readonly db: Database.Database,
    private readonly catalogue: Catalogue,
  ) {
    this.cityOf = new Map(catalogue.regions.map((r) => [Number(r.code), Number(r.city ?? r.code)]));
  }

  /**
   * Opens the tuned copy of `sourcePath` at `tunedPath`, building it first when it is missing or
   * was built from other data. `built` tells whether this call built it, and how long it took.
   */
  static open(
    sourcePath: string,
    tunedPath: string,
    catalogue: Catalogue,
    log: (s: string) => void = () => undefined,
  ): { engine: SqliteTunedEngine; buildSeconds: number | null } {
    const signature = sourceSignature(sourcePath);
    let buildSeconds: number | null = null;
    if (!existsSync(tunedPath) || storedSignature(tunedPath) !== signature) {
      log(`sqlite tuned: building ${tunedPath} (copy of the facts, covering index, calendar) ...`);
      const t0 = performance.now();
      buildTunedCopy(sourcePath, tunedPath, signature);
      buildSeconds = (performance.now() - t0) / 1000;
      log(`sqlite tuned: built in ${buildSeconds.toFixed(1)} s`);
    }
    const db = new Database(tunedPath, { readonly: true });
    const bytes = statSync(tunedPath).size;
    // The whole file in the page cache and memory-mapped: the engine and DuckDB hold theirs in memory too.
    db.pragma(`cache_size = -${Math.ceil(bytes / 1024) + 65_536}`);
    db.pragma(`mmap_size = ${bytes + 2 ** 26}`);
    db.prepare('SELECT COUNT(*), SUM(value) FROM fact INDEXED BY fact_by_indicator_day').get();
    db.prepare('SELECT COUNT(*), SUM(value) FROM fact INDEXED BY fact_by_city_indicator_day').get();
    db.prepare('SELECT COUNT(*) FROM calendar').get();
    return { engine: new SqliteTunedEngine(db, catalogue), buildSeconds };
  }

  close(): void {
    this.db.close();
  }

  /** Query → result rows: read the query, find the prepared statement of its shape, run it, total. */
  answer(query: SliceQuery): SliceResult {
    const plan = planPeerQuery(this.catalogue, query);
    const t = this.translate(plan);
    return finishPeerResult(plan, this.statement(t.sql).all(...t.params));
  }

  /** The prepared statement run with its parameters (the query already translated): the bare engine. */
  run(t: TunedSql): SliceRow[] {
    return this.statement(t.sql).all(...t.params);
  }

  plan(query: SliceQuery): PeerPlan {
    return planPeerQuery(this.catalogue, query);
  }

  private statement(sql: string): Statement<number[], SliceRow> {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare<number[], SliceRow>(sql)));
    return s;
  }

  /** One statement per query shape; days, indicators and regions are bound parameters. */
  translate(plan: PeerPlan): TunedSql {
    const by = plan.by;
    const params: number[] = [];
    const unitGrain = by.includes('region:county');
    const cityGrain = !unitGrain && by.includes('region:city');
    const reg = unitGrain ? 'f.region_code' : cityGrain ? 'f.city_code' : '0';
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    // Without a region filter every indicator's days are one range of fact_by_indicator_day; with
    // one, fact_by_city_indicator_day reads only the cities concerned (a county's city included).
    const scope = plan.scope;
    const scopeCities = scope ? [...new Set([...scope.cities, ...scope.units.map((u) => this.cityOf.get(u)!)])] : [];
    // The first level also groups by day when that follows the index (streams, no sorter over the
    // facts) and shrinks the rows: by time, or when many units add up to one group. One unit's
    // series without time is grouped directly (per-day sums would be one fact each). Measured.
    const perDay = plan.byTime || !unitGrain;
    const groupInner = scope
      ? ['f.city_code', 'f.indicator_id', ...(perDay ? ['f.day'] : []), ...(unitGrain ? ['f.region_code'] : [])]
      : [
          'f.indicator_id',
          ...(perDay ? ['f.day'] : []),
          ...(unitGrain || cityGrain ? ['f.city_code'] : []),
          ...(unitGrain ? ['f.region_code'] : []),
        ];

    const inner = (from: number, to: number): string => {
      let where: string;
      if (scope) {
        params.push(...scopeCities, ...plan.indicators.map((i) => i.id), from, to);
        const parts: string[] = [];
        if (scope.cities.length > 0) parts.push(`f.city_code IN (${marks(scope.cities.length)})`);
        if (scope.units.length > 0) parts.push(`f.region_code IN (${marks(scope.units.length)})`);
        params.push(...scope.cities, ...scope.units);
        where = `f.city_code IN (${marks(scopeCities.length)}) AND f.indicator_id IN (${marks(plan.indicators.length)})
                 AND f.day BETWEEN ? AND ? AND (${parts.join(' OR ')})`;
      } else {
        params.push(...plan.indicators.map((i) => i.id), from, to);
        where = `f.indicator_id IN (${marks(plan.indicators.length)}) AND f.day BETWEEN ? AND ?`;
      }
      return `SELECT f.indicator_id AS ind, ${plan.byTime ? 'f.day' : '0'} AS day, ${reg} AS reg, SUM(f.value) AS v
                FROM fact f INDEXED BY ${scope ? 'fact_by_city_indicator_day' : 'fact_by_indicator_day'}
               WHERE ${where}
               GROUP BY ${groupInner.join(', ')}`;
    };
    const innerParams = plan.indicators.length + 2 + (scope ? scopeCities.length + scope.cities.length + scope.units.length : 0);

    let facts: string;
    if (!plan.compare) facts = `SELECT ind, day, reg, v, NULL AS b FROM (${inner(plan.range.from, plan.range.to)})`;
    else {
      const current = inner(plan.range.from, plan.range.to);
      const base = inner(plan.compare.base.from, plan.compare.base.to);
      // A base day is labelled as the current day it stands for.
      let shifted = 'SELECT ind, day, reg, NULL AS v, v AS b FROM';
      if (plan.byTime && plan.compare.kind === 'yoy')
        shifted = 'SELECT ind, cal.yoy_day AS day, reg, NULL AS v, v AS b FROM calendar cal JOIN';
      else if (plan.byTime && plan.compare.kind === 'prev') {
        shifted = 'SELECT ind, day + ? AS day, reg, NULL AS v, v AS b FROM';
        // The shift's parameter comes before the base query's in the text: move it there.
        params.splice(params.length - innerParams, 0, plan.compare.days);
      }
      const on = plan.byTime && plan.compare.kind === 'yoy' ? ' ON cal.day = base.day' : '';
      facts = `SELECT ind, day, reg, v, NULL AS b FROM (${current}) UNION ALL ${shifted} (${base}) base${on}`;
    }

    // Second level: the per-day sums re-grouped by the query's keys, on ids (and the calendar's
    // labels for time); third level: labels and sort keys joined onto the few grouped rows.
    const group: string[] = [];
    const carried: string[] = []; // level-2 columns (group keys and the labels they determine)
    const select: string[] = []; // level-3 output columns
    const order: string[] = [];
    const province = this.catalogue.regions.find((r) => r.level === 'province')!;
    const byRegion = by.includes('region:city') || by.includes('region:county');
    const byIndicator = by.includes('indicator');
    for (const k of by) {
      switch (k) {
        case 'region:province':
          select.push(`${lit(province.code)} AS region_code`, `${lit(province.name)} AS region_name`);
          break;
        case 'region:city':
        case 'region:county':
          group.push('s.reg');
          carried.push('s.reg AS reg');
          select.push('CAST(g.reg AS TEXT) AS region_code', `${k === 'region:city' ? 'r.city_label' : 'r.unit_label'} AS region_name`);
          order.push(k === 'region:city' ? 'r.city_sort' : 'r.unit_sort');
          break;
        case 'department':
          if (byIndicator) {
            order.push('i.dept_sort'); // the indicator's own department (below), sorted here
            break;
          }
          group.push('di.dept_sort');
          carried.push('di.dept_sort AS dept_sort', 'di.department AS department');
          select.push('g.department AS department');
          order.push('g.dept_sort');
          break;
        case 'indicator':
          group.push('s.ind');
          carried.push('s.ind AS ind');
          select.push('i.department AS department', 'i.name AS indicator', 'i.unit AS unit');
          order.push('i.sort');
          break;
        case 'day':
          group.push('s.day');
          carried.push('s.day AS day', 'c.iso_day AS iso_day');
          select.push('g.iso_day AS day');
          order.push('g.day');
          break;
        case 'week':
          group.push('c.week');
          carried.push('c.week AS week');
          select.push('g.week AS week');
          order.push('g.week');
          break;
        case 'month':
          group.push('c.month');
          carried.push('c.month AS month');
          select.push('g.month AS month');
          order.push('g.month');
          break;
        case 'phase':
          group.push('c.phase_sort');
          carried.push('c.phase_sort AS phase_sort', 'c.phase AS phase');
          select.push('g.phase AS phase');
          order.push('g.phase_sort');
          break;
      }
    }
    if (!byIndicator && plan.unit !== null) select.push(`${lit(plan.unit)} AS unit`);
    // department comes with indicator too: each output column once.
    const alias = (item: string) => item.slice(item.lastIndexOf(' AS ') + 4);
    const output = select.filter((item, n) => select.findIndex((other) => alias(other) === alias(item)) === n);
    const grouped = `
      SELECT ${[...carried, 'SUM(s.v) AS v', 'SUM(s.b) AS b'].join(', ')}
        FROM (${facts}) s
        ${by.includes('department') && !byIndicator ? 'JOIN indicator di ON di.id = s.ind' : ''}
        ${plan.byTime ? 'JOIN calendar c ON c.day = s.day' : ''}
       ${group.length > 0 ? `GROUP BY ${group.join(', ')}` : ''}
      HAVING COUNT(*) > 0`;
    const value = 'ROUND(g.v, 3)';
    const base = 'ROUND(g.b, 3)';
    const values = plan.compare
      ? [
          `${value} AS value`,
          `${base} AS base`,
          `ROUND(${value} - ${base}, 3) AS change`,
          `CASE WHEN ${base} <> 0 THEN ROUND(${value} - ${base}, 3) / ${base} * 100 END AS change_pct`,
        ]
      : [`${value} AS value`];
    const sql = `
      SELECT ${[...output, ...values].join(', ')}
        FROM (${grouped}) g
        ${byIndicator ? 'JOIN indicator i ON i.id = g.ind' : ''}
        ${byRegion ? 'JOIN region r ON r.code = g.reg' : ''}
       ${order.length > 0 ? `ORDER BY ${order.join(', ')}` : ''}`;
    return { sql, params };
  }
}

/** What the tuned copy was built from: enough to notice another database or changed facts. */
function sourceSignature(sourcePath: string): string {
  const db = new Database(sourcePath, { readonly: true });
  try {
    const s = db
      .prepare('SELECT COUNT(*) AS days, SUM(fact_count) AS facts, MIN(day) AS first, MAX(day) AS last FROM fact_day_column')
      .get() as Record<string, number | null>;
    const b = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS last, COUNT(undone_at) AS undone FROM batch').get() as Record<
      string,
      number | null
    >;
    return JSON.stringify({ v: TUNED_VERSION, ...s, batches: b });
  } finally {
    db.close();
  }
}

function storedSignature(tunedPath: string): string | null {
  try {
    const db = new Database(tunedPath, { readonly: true });
    try {
      return (db.prepare('SELECT signature FROM tuned_meta').pluck().get() as string | undefined) ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function buildTunedCopy(sourcePath: string, tunedPath: string, signature: string): void {
  const tmp = `${tunedPath}.tmp`;
  for (const p of [tmp, `${tmp}-journal`, tunedPath, `${tunedPath}-wal`, `${tunedPath}-shm`]) rmSync(p, { force: true });
  const db = new Database(tmp);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    db.prepare('ATTACH ? AS src').run(sourcePath);
    const day = (iso: string) => `CAST(unixepoch(${lit(iso)}) / 86400 AS INTEGER)`;
    db.exec(`
      CREATE TABLE tuned_meta (signature TEXT NOT NULL);
      CREATE TABLE region (
        code INTEGER PRIMARY KEY, city_label TEXT NOT NULL, unit_label TEXT NOT NULL,
        city_sort INTEGER NOT NULL, unit_sort INTEGER NOT NULL);
      INSERT INTO region
        SELECT r.code,
               CASE r.level WHEN 'province' THEN '省厅直属' ELSE r.name END,
               CASE r.level WHEN 'province' THEN '省厅直属' WHEN 'city' THEN r.name || '本级' ELSE r.name END,
               CASE r.level WHEN 'province' THEN ${LAST} ELSE r.sort END,
               -- counties under their city, the city's own units (市本级) after them, 省厅直属 last
               CASE r.level WHEN 'province' THEN ${LAST} WHEN 'city' THEN r.sort * 1000 + 999 ELSE c.sort * 1000 + r.sort END
          FROM src.region r LEFT JOIN src.region c ON c.code = r.city_code;
      CREATE TABLE indicator (
        id INTEGER PRIMARY KEY, department TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
        dept_sort INTEGER NOT NULL, sort INTEGER NOT NULL);
      INSERT INTO indicator
        SELECT i.id, d.name, i.name, i.unit, d.sort, ROW_NUMBER() OVER (ORDER BY d.sort, i.sort)
          FROM src.indicator i JOIN src.department d ON d.id = i.department_id;
      CREATE TABLE phase_order (name TEXT NOT NULL, from_day INTEGER NOT NULL, to_day INTEGER NOT NULL, sort INTEGER PRIMARY KEY);
      INSERT INTO phase_order
        SELECT p.name, p.from_day, p.to_day, ROW_NUMBER() OVER (ORDER BY c.from_day, c.id, p.from_day, p.id)
          FROM src.phase p JOIN src.campaign c ON c.id = p.campaign_id;
      CREATE TABLE calendar (
        day INTEGER PRIMARY KEY, iso_day TEXT NOT NULL, week TEXT NOT NULL, month TEXT NOT NULL,
        phase TEXT NOT NULL, phase_sort INTEGER NOT NULL, yoy_day INTEGER NOT NULL) WITHOUT ROWID;
      WITH RECURSIVE d(day) AS (SELECT ${day(CALENDAR_FROM)} UNION ALL SELECT day + 1 FROM d WHERE day < ${day(CALENDAR_TO)}),
           p AS (SELECT d.day, (SELECT sort FROM phase_order o WHERE d.day BETWEEN o.from_day AND o.to_day ORDER BY sort LIMIT 1) AS sort FROM d)
      INSERT INTO calendar
        SELECT p.day,
               date(p.day * 86400, 'unixepoch'),
               strftime('%G-W%V', p.day * 86400, 'unixepoch'),
               strftime('%Y-%m', p.day * 86400, 'unixepoch'),
               COALESCE((SELECT name FROM phase_order WHERE sort = p.sort), ${lit(OUTSIDE_PHASE)}),
               COALESCE(p.sort, ${LAST}),
               -- a year later; 29 February becomes the 28th
               CAST(unixepoch(CASE WHEN strftime('%m-%d', p.day * 86400, 'unixepoch') = '02-29'
                                   THEN date(p.day * 86400, 'unixepoch', '-1 day', '+1 year')
                                   ELSE date(p.day * 86400, 'unixepoch', '+1 year') END) / 86400 AS INTEGER)
          FROM p;
      CREATE TABLE fact (
        day INTEGER NOT NULL, region_code INTEGER NOT NULL, indicator_id INTEGER NOT NULL,
        value REAL NOT NULL, city_code INTEGER NOT NULL,
        PRIMARY KEY (day, region_code, indicator_id)) WITHOUT ROWID;
      INSERT INTO fact
        SELECT f.day, f.region_code, f.indicator_id, f.value, COALESCE(r.city_code, r.code)
          FROM src.fact f JOIN src.region r ON r.code = f.region_code
         ORDER BY f.day, f.region_code, f.indicator_id;
      CREATE INDEX fact_by_indicator_day ON fact (indicator_id, day, city_code, region_code, value);
      CREATE INDEX fact_by_city_indicator_day ON fact (city_code, indicator_id, day, region_code, value);
      ANALYZE;
    `);
    db.prepare('INSERT INTO tuned_meta (signature) VALUES (?)').run(signature);
    db.exec('DETACH src');
  } finally {
    db.close();
  }
  renameSync(tmp, tunedPath);
}
