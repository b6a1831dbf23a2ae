import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { makeBucketer, OUTSIDE_PHASES, runSlice } from '../../electron/query/slice';
import { isoMonth, isoWeek, parseIsoDay } from '../../shared/dates';
import { SqlFactSource } from '../../electron/query/fact-source';
import { createFactSource } from '../../electron/query/engine';
import { CubeFactSource } from '../../electron/query/cube';
import { ScanFactSource } from '../../electron/query/scan';
import { rebuildDayColumnsOf } from '../../electron/ingest/day-columns-update';
import type { FactSource } from '../../electron/query/fact-source';
import { GROUP_KEYS, type GroupKey, type SliceRow } from '../../shared/api/slice';
import { UserError } from '../../shared/errors';
import { Random } from '../../electron/demo/random';
import { bruteForce, loadFacts, type BruteQuery, type Fact } from '../support/brute-force';
import { tempDir } from '../support/temp-db';
import { copyFileSync } from 'node:fs';
import { createCore } from '../../electron/core/handlers';
import { engineHolder } from '../../electron/query/engine-holder';
import { returnsCsv, reportingUnitCodes, type FactTuple } from '../support/returns-csv';
import { isoDay } from '../../shared/dates';

let ws: Workspace;
let facts: Fact[];
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
  facts = loadFacts(ws.db);
});
afterAll(() => ws.close());

function rowKey(row: SliceRow, by: GroupKey[]): string {
  return by
    .map((k) => {
      switch (k) {
        case 'region:province':
        case 'region:city':
        case 'region:county':
          return row.region_code;
        case 'indicator':
          return `${row.department}/${row.indicator}`;
        default:
          return row[k];
      }
    })
    .join('|');
}

const close = (a: number | null | undefined, b: number | null) =>
  a === null || a === undefined || b === null ? a === b || (a === undefined && b === null) : Math.abs(a - b) < 1e-6;

function randomQuery(rng: Random): BruteQuery {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  const c = pick(ws.catalogue.campaigns);
  const start = Date.parse(c.from) / 86_400_000 - 5 + Math.floor(rng.next() * 100);
  const len = 1 + Math.floor(rng.next() * (rng.next() < 0.3 ? 60 : 10));
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const regions: string[] = [];
  for (let i = Math.floor(rng.next() * 3); i > 0; i--) regions.push(pick(ws.catalogue.regions).code);
  const depts = ws.catalogue.departments.map((d) => d.name);
  const chosenDepts = rng.next() < 0.5 ? [pick(depts)] : [];
  let candidates = ws.catalogue.indicators.filter((i) => chosenDepts.length === 0 || chosenDepts.includes(i.department));
  if (rng.next() < 0.6) {
    const n = 1 + Math.floor(rng.next() * 3);
    candidates = Array.from({ length: n }, () => pick(candidates));
  }
  const by = new Set<GroupKey>();
  for (let i = Math.floor(rng.next() * 4); i > 0; i--) by.add(pick(GROUP_KEYS));
  const regionKeys = [...by].filter((k) => k.startsWith('region:'));
  for (const k of regionKeys.slice(1)) by.delete(k);
  if (new Set(candidates.map((i) => i.unit)).size > 1 && rng.next() < 0.85) by.add('indicator');
  const compare = pick([undefined, undefined, 'yoy', 'prev'] as const);
  return {
    from: iso(start),
    to: iso(start + len - 1),
    regions,
    indicatorIds: [...new Set(candidates.map((i) => i.id))],
    by: [...by],
    ...(compare ? { compare } : {}),
  };
}

function checkAgainstBruteForce(source: FactSource, count: number, seed: number) {
  const rng = new Random(seed);
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const q = randomQuery(rng);
    const indicators = ws.catalogue.indicators.filter((x) => q.indicatorIds.includes(x.id));
    const input = { from: q.from, to: q.to, regions: q.regions, indicators: indicators.map((x) => x.key), by: q.by, ...(q.compare ? { compare: q.compare } : {}) };
    const mixed = new Set(indicators.map((x) => x.unit)).size > 1 && !q.by.includes('indicator');
    if (mixed) {
      expect(() => runSlice(ws.resolver, source, input)).toThrow(UserError);
      refused++;
      continue;
    }
    const result = runSlice(ws.resolver, source, input);
    const expected = bruteForce(facts, ws.catalogue, q);
    const label = JSON.stringify(input);
    expect(result.rows.length, label).toBe(expected.size);
    let total = 0;
    let baseTotal = 0;
    for (const row of result.rows) {
      const e = expected.get(rowKey(row, q.by));
      expect(e, `${label} ${JSON.stringify(row)}`).toBeDefined();
      expect(close(row.value, e!.value), `${label} value ${JSON.stringify(row)} vs ${JSON.stringify(e)}`).toBe(true);
      total += e!.value ?? 0;
      baseTotal += e!.base ?? 0;
      if (q.compare) {
        expect(close(row.base, e!.base), `${label} base`).toBe(true);
        if (e!.value !== null && e!.base !== null) {
          expect(row.change).toBeCloseTo(e!.value - e!.base, 6);
          if (e!.base === 0) expect(row.change_pct).toBeNull();
          else expect(row.change_pct).toBeCloseTo(((e!.value - e!.base) / e!.base) * 100, 6);
        } else {
          expect(row.change).toBeNull();
          expect(row.change_pct).toBeNull();
        }
      }
    }
    if (result.total.unit !== null && expected.size > 0) {
      expect(result.total.value).toBeCloseTo(total, 6);
      if (q.compare) expect(result.total.base ?? 0).toBeCloseTo(baseTotal, 6);
    }
  }
  return refused;
}

describe('slice query', () => {
  it('matches a brute-force sum on many random slices (plain SQL path)', () => {
    const refused = checkAgainstBruteForce(new SqlFactSource(ws.db), 150, 20230707);
    expect(refused).toBeGreaterThan(0);
  });

  it('matches a brute-force sum on many random slices (product engine)', () => {
    checkAgainstBruteForce(createFactSource(ws), 150, 20230712);
  });

  it('gives exactly the plain path’s rows through the fast engine on many more random slices', () => {
    const fast = createFactSource(ws);
    const plain = new SqlFactSource(ws.db);
    expect(fast).not.toBeInstanceOf(SqlFactSource);
    const rng = new Random(7);
    for (let i = 0; i < 400; i++) {
      const q = randomQuery(rng);
      const indicators = ws.catalogue.indicators.filter((x) => q.indicatorIds.includes(x.id)).map((x) => x.key);
      if (!q.by.includes('indicator')) q.by.push('indicator');
      const input = { from: q.from, to: q.to, regions: q.regions, indicators, by: q.by, ...(q.compare ? { compare: q.compare } : {}) };
      expect(runSlice(ws.resolver, fast, input), JSON.stringify(input)).toEqual(runSlice(ws.resolver, plain, input));
    }
  });

  it('matches a brute-force sum on many random slices (one-answer day-column scan)', () => {
    const scan = createFactSource(ws, 'one-answer');
    expect(scan).toBeInstanceOf(ScanFactSource);
    checkAgainstBruteForce(scan, 150, 20230719);
  });

  it('gives exactly the plain path’s rows through the one-answer scan on many more random slices', () => {
    const scan = createFactSource(ws, 'one-answer');
    const plain = new SqlFactSource(ws.db);
    const rng = new Random(11);
    for (let i = 0; i < 400; i++) {
      const q = randomQuery(rng);
      const indicators = ws.catalogue.indicators.filter((x) => q.indicatorIds.includes(x.id)).map((x) => x.key);
      if (!q.by.includes('indicator')) q.by.push('indicator');
      const input = { from: q.from, to: q.to, regions: q.regions, indicators, by: q.by, ...(q.compare ? { compare: q.compare } : {}) };
      expect(runSlice(ws.resolver, scan, input), JSON.stringify(input)).toEqual(runSlice(ws.resolver, plain, input));
    }
    expect(scan.coverage()).toEqual(plain.coverage());
  });

  it('refuses to add up different units and names the way out', () => {
    expect(() => runSlice(ws.resolver, new SqlFactSource(ws.db), { phase: '第一次集中统一行动', departments: ['综合'] })).toThrow(/单位不同.*按指标分组/);
  });

  it('rejects bad filters with a clear message', () => {
    const src = new SqlFactSource(ws.db);
    expect(() => runSlice(ws.resolver, src, { from: '2023-07-09', to: '2023-07-07', indicators: ['出动车辆'] })).toThrow(/起始日期晚于截止日期/);
    expect(() => runSlice(ws.resolver, src, { indicators: ['出动车辆'] })).toThrow(/日期范围.*阶段/);
    expect(() => runSlice(ws.resolver, src, { phase: '第九次', indicators: ['出动车辆'] })).toThrow(/无法识别行动阶段/);
    expect(() => runSlice(ws.resolver, src, { phase: '第一次集中统一行动', regions: ['城区'], indicators: ['出动车辆'] })).toThrow(/不唯一/);
    expect(() => runSlice(ws.resolver, src, { phase: '第一次集中统一行动', indicators: ['出动车辆'], by: ['region:city', 'region:county'] })).toThrow(/一个地区层级/);
  });
});

// The semantics below are the product's, whichever fact source answers: each test runs against the
// plain SQL path and against the in-memory slice engine (built from fact_day_column).
const FACT_SOURCES: [string, (w: Workspace) => FactSource][] = [
  ['plain SQL path', (w) => new SqlFactSource(w.db)],
  [
    'slice engine',
    (w) => {
      const cube = CubeFactSource.load(w.db);
      if (!cube) throw new Error('the slice engine did not load the small database');
      return cube;
    },
  ],
  ['one-answer day-column scan', (w) => ScanFactSource.open(w.db)],
];

describe.each(FACT_SOURCES)('slice semantics on a small database (%s)', (name, sourceOf) => {
  function small() {
    const w = openWorkspace(join(tempDir(), 'small.db'));
    w.db.prepare("INSERT INTO batch (id, source, sha256, fact_count, imported_at) VALUES (1, 't', 'x', 0, 'now')").run();
    const id = (key: string) => {
      const r = w.resolver.resolveIndicator(key);
      if (!r.ok) throw new Error(r.reason);
      return r.value.id;
    };
    const put = w.db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES (?, ?, ?, ?, 1)');
    const day = (s: string) => Date.parse(s) / 86_400_000;
    w.db.transaction(() => {
      put.run(day('2023-07-07'), 140105, id('出动车辆'), 10); // 小店区
      put.run(day('2023-07-07'), 140100, id('出动车辆'), 5); // 太原市本级
      put.run(day('2023-07-07'), 140000, id('出动车辆'), 7); // 省厅直属
      put.run(day('2023-07-07'), 140302, id('出动车辆'), 0); // 阳泉城区 reported 0
      put.run(day('2022-07-07'), 140302, id('出动车辆'), 0); // base 0
      put.run(day('2022-07-07'), 140105, id('出动车辆'), 8);
      put.run(day('2023-07-05'), 140105, id('出动车辆'), 4); // 环比 base of 07-08 .. 07-10
      put.run(day('2023-07-06'), 140213, id('出动车辆'), 0); // 大同 reported 0 on the day before
      // Written as the import does: the day columns the slice engine loads from.
      rebuildDayColumnsOf(w.db, w.db.prepare('SELECT DISTINCT day FROM fact').pluck().all() as number[]);
    })();
    return { w, src: sourceOf(w) };
  }

  it('answers through the fact source it names', () => {
    const { w, src } = small();
    expect(src instanceof SqlFactSource).toBe(name === 'plain SQL path');
    w.close();
  });

  it('counts the units and indicators that reported anything, a reported 0 included', () => {
    const { w, src } = small();
    // 小店区, 太原市本级, 省厅直属, 阳泉城区 (only 0s), 大同 140213 (a 0): five units, one indicator.
    expect(src.coverage()).toEqual({ reportingUnits: 5, indicators: 1 });
    w.close();
  });

  it('counts a city as its own units plus its counties, and shows 市本级 and 省厅直属 as rows', () => {
    const { w, src } = small();
    const byCounty = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', indicators: ['出动车辆'], by: ['region:county'] });
    expect(byCounty.rows.map((r) => [r.region_name, r.value])).toEqual([
      ['小店区', 10],
      ['太原市本级', 5],
      ['城区', 0],
      ['省厅直属', 7],
    ]);
    const taiyuan = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', regions: ['太原市'], indicators: ['出动车辆'] });
    expect(taiyuan.total.value).toBe(15);
    const ownUnits = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', regions: ['140105'], indicators: ['出动车辆'] });
    expect(ownUnits.total.value).toBe(10);
    const byCity = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', indicators: ['出动车辆'], by: ['region:city'] });
    expect(byCity.rows.map((r) => [r.region_name, r.value])).toEqual([
      ['太原市', 15],
      ['阳泉市', 0],
      ['省厅直属', 7],
    ]);
    expect(byCity.total.value).toBe(22);
    const province = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', regions: ['山西省'], indicators: ['出动车辆'], by: ['region:province'] });
    expect(province.rows.map((r) => [r.region_code, r.value])).toEqual([['140000', 22]]);
    w.close();
  });

  it('keeps absent apart from 0, and gives no percentage on a zero base', () => {
    const { w, src } = small();
    const r = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-07', indicators: ['出动车辆'], by: ['region:county'], compare: 'yoy' });
    const row = (name: string) => r.rows.find((x) => x.region_name === name)!;
    expect(row('小店区')).toMatchObject({ value: 10, base: 8, change: 2, change_pct: 25 });
    expect(row('城区')).toMatchObject({ value: 0, base: 0, change: 0, change_pct: null });
    expect(row('太原市本级')).toMatchObject({ value: 5, base: null, change: null, change_pct: null });
    expect(r.total).toMatchObject({ value: 22, base: 8, change: 14, change_pct: 175 });
    const none = runSlice(w.resolver, src, { from: '2023-07-08', to: '2023-07-08', indicators: ['出动车辆'] });
    expect(none.rows).toEqual([]);
    expect(none.total.value).toBeNull();
    // A unit that reported 0 is a row with 0; a unit that did not report is no row.
    const zero = runSlice(w.resolver, src, { from: '2023-07-06', to: '2023-07-06', indicators: ['出动车辆'], by: ['region:city'] });
    expect(zero.rows.map((x) => [x.region_name, x.value])).toEqual([['大同市', 0]]);
    expect(zero.total.value).toBe(0);
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
    w.close();
  });

  it('compares with the equally long period just before (环比)', () => {
    const { w, src } = small();
    const r = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-09', indicators: ['出动车辆'], compare: 'prev' });
    expect(r.period.base).toEqual({ from: '2023-07-04', to: '2023-07-06' });
    expect(r.total).toMatchObject({ value: 22, base: 4, change: 18, change_pct: 450 });
    const none = runSlice(w.resolver, src, { from: '2023-07-10', to: '2023-07-12', indicators: ['出动车辆'], compare: 'prev' });
    expect(none.total).toMatchObject({ value: null, base: 22, change: null, change_pct: null });
    // By day, each base day lines up with the current day it stands for (3 days later).
    const byDay = runSlice(w.resolver, src, { from: '2023-07-07', to: '2023-07-09', indicators: ['出动车辆'], by: ['day'], compare: 'prev' });
    expect(byDay.rows.map((x) => [x.day, x.value, x.base])).toEqual([
      ['2023-07-07', 22, null],
      ['2023-07-08', null, 4],
      ['2023-07-09', null, 0],
    ]);
    w.close();
  });
});

describe('time buckets', () => {
  it('put two days together exactly when their ISO week, month and phase labels agree, across year ends', () => {
    const phases = ws.catalogue.campaigns.flatMap((c) => c.phases).map((p) => ({ name: p.name, from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)! }));
    const phaseOf = (d: number) => phases.find((p) => d >= p.from && d <= p.to)?.name ?? OUTSIDE_PHASES;
    const first = parseIsoDay('2019-12-20')!;
    const last = parseIsoDay('2024-01-10')!;
    for (const by of [['week'], ['month'], ['phase'], ['week', 'month'], ['month', 'phase', 'indicator'], ['week', 'phase'], ['day', 'week']] as GroupKey[][]) {
      const bucket = makeBucketer(ws.resolver, by);
      const byLabel = new Map<string, number>();
      for (let d = first; d <= last; d++) {
        const label = by
          .map((k) => (k === 'day' ? String(d) : k === 'week' ? isoWeek(d) : k === 'month' ? isoMonth(d) : k === 'phase' ? phaseOf(d) : ''))
          .join('|');
        if (!byLabel.has(label)) byLabel.set(label, d);
        expect(bucket(d), `${by.join('+')} ${d}`).toBe(byLabel.get(label));
      }
    }
  });
});

// After a write the engine updates the days it touched in place (cube.ts applyDays) instead of
// loading everything again: after every step of a sequence of imports and undos it must answer
// exactly as a freshly built engine and as the plain SQL path, on slices around the changed days.
describe('slice engine updated in place after writes', () => {
  function compareEngines(w: Workspace, updated: FactSource, around: { from: number; to: number }, seed: number) {
    const fresh = CubeFactSource.load(w.db);
    expect(fresh).not.toBeNull();
    const plain = new SqlFactSource(w.db);
    const rng = new Random(seed);
    for (let i = 0; i < 80; i++) {
      const q = randomQuery(rng);
      // Ranges over the changed days too (randomQuery keeps to the campaigns' phases).
      const start = around.from + Math.floor(rng.next() * (around.to - around.from + 1));
      const len = 1 + Math.floor(rng.next() * (rng.next() < 0.3 ? 90 : 12));
      const indicators = w.catalogue.indicators.filter((x) => q.indicatorIds.includes(x.id)).map((x) => x.key);
      if (!q.by.includes('indicator')) q.by.push('indicator');
      const input = {
        from: i % 3 === 0 ? q.from : isoDay(start),
        to: i % 3 === 0 ? q.to : isoDay(start + len - 1),
        regions: q.regions,
        indicators,
        by: q.by,
        ...(q.compare ? { compare: q.compare } : {}),
      };
      const expected = runSlice(w.resolver, plain, input);
      expect(runSlice(w.resolver, fresh!, input), JSON.stringify(input)).toEqual(expected);
      expect(runSlice(w.resolver, updated, input), JSON.stringify(input)).toEqual(expected);
    }
    expect(updated.coverage()).toEqual(plain.coverage());
  }

  it('stays equal to a fresh engine and to the SQL path through imports (end, middle, replace) and undos', async () => {
    const path = join(tempDir(), 'updated.db');
    copyFileSync(inject('demoDb'), path);
    const w = openWorkspace(path);
    try {
      const holder = engineHolder(w);
      const core = createCore(w, { engine: holder });
      const engine = holder.get();
      expect(engine).toBeInstanceOf(CubeFactSource);
      const cube = engine as CubeFactSource;
      const held = w.db.prepare('SELECT day FROM fact_day_column ORDER BY day').pluck().all() as number[];
      const first = held[0]!;
      const last = held.at(-1)!;
      const heldSet = new Set(held);
      const gaps: number[] = [];
      for (let d = first + 1; d < last && gaps.length < 3; d++) if (!heldSet.has(d)) gaps.push(d);
      expect(gaps.length).toBeGreaterThan(1);
      const units = reportingUnitCodes(w);
      const indicatorIds = w.catalogue.indicators.map((i) => i.id);
      const rng = new Random(424242);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
      const randomFacts = (days: number[], n: number): FactTuple[] => {
        const seen = new Set<string>();
        const out: FactTuple[] = [];
        while (out.length < n) {
          const f = [pick(days), pick(units), pick(indicatorIds), Math.floor(rng.next() * 50)] as const;
          const key = `${f[0]}/${f[1]}/${f[2]}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(f);
        }
        return out;
      };
      const importFacts = async (name: string, facts: FactTuple[], replace = false) => {
        const report = await core.import({ files: [{ name, bytes: new TextEncoder().encode(returnsCsv(w, facts)) }], replace, rejects: false });
        expect(report.ok, JSON.stringify(report.errors.slice(0, 3))).toBe(true);
        return report.files[0]!.batchId!;
      };
      const around = { from: first - 10, to: last + 45 };
      const step = (seed: number) => {
        expect(holder.get(), 'updated in place, not loaded again').toBe(cube);
        compareEngines(w, cube, around, seed);
      };

      // New days after the last one (today's return, and later), then before the first and in gaps.
      await importFacts('end.csv', randomFacts([last + 1, last + 2, last + 40], 400));
      step(1);
      const middle = await importFacts('middle.csv', randomFacts([first - 3, ...gaps], 300));
      step(2);
      expect(cube.heldDays()).toEqual(expect.arrayContaining([first - 3, ...gaps, last + 1, last + 2, last + 40]));
      // Replacing values already held, and new keys on days already held, in one file.
      const existing = w.db
        .prepare('SELECT day, region_code, indicator_id FROM fact WHERE day BETWEEN ? AND ? ORDER BY (day * 7919 + region_code * 31 + indicator_id) % 1009 LIMIT 250')
        .raw()
        .all(first, last) as [number, number, number][];
      const replaced: FactTuple[] = existing.map(([d, r, i]) => [d, r, i, 1000 + Math.floor(rng.next() * 100)]);
      const keys = new Set(replaced.map((f) => `${f[0]}/${f[1]}/${f[2]}`));
      const held3 = [held[5]!, held[Math.floor(held.length / 2)]!, last];
      const atHeld = randomFacts(held3, 200).filter(
        (f) => !keys.has(`${f[0]}/${f[1]}/${f[2]}`) && !w.db.prepare('SELECT 1 FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?').get(f[0], f[1], f[2]),
      );
      const replacing = await importFacts('replace.csv', [...replaced, ...atHeld], true);
      step(3);
      core.undo({ batchId: replacing });
      step(4);
      // The middle days lose all their facts: the cube may keep empty rows for them.
      core.undo({ batchId: middle });
      step(5);
      await importFacts('middle-again.csv', randomFacts([gaps[0]!, first - 3], 100));
      step(6);
    } finally {
      w.close();
    }
  }, 120_000);

  it('declines an update that would exceed the cube bound: the holder then loads the engine again (here: the SQL path)', async () => {
    const path = join(tempDir(), 'bound.db');
    copyFileSync(inject('demoDb'), path);
    const w = openWorkspace(path);
    const saved = process.env.CAMPAIGN_MAX_CUBE_CELLS;
    try {
      const held = w.db.prepare('SELECT COUNT(*) FROM fact_day_column').pluck().get() as number;
      const cells = w.db.prepare('SELECT (SELECT COUNT(*) FROM region) + (SELECT COUNT(*) FROM region WHERE level = ?) + 1').pluck().get('city') as number;
      const bound = (held + 1) * cells * w.catalogue.indicators.length; // exactly the cube of today's days
      process.env.CAMPAIGN_MAX_CUBE_CELLS = String(bound);
      const holder = engineHolder(w);
      const core = createCore(w, { engine: holder });
      const cube = holder.get();
      expect(holder.describe().kind).toBe('cube');
      const last = w.db.prepare('SELECT MAX(day) FROM fact_day_column').pluck().get() as number;
      const unit = Number(w.catalogue.regions.find((r) => r.level === 'county')!.code);
      const indicator = w.catalogue.indicators[0]!.id;
      // A value on a day it holds needs no row: updated in place.
      await core.import({ files: [{ name: 'held.csv', bytes: new TextEncoder().encode(returnsCsv(w, [[last, unit, indicator, 3]])) }], replace: true, rejects: false });
      expect(holder.get()).toBe(cube);
      // A new day would exceed the bound: loaded again, and too large now, so the SQL path answers.
      await core.import({ files: [{ name: 'next.csv', bytes: new TextEncoder().encode(returnsCsv(w, [[last + 1, unit, indicator, 4]])) }], replace: false, rejects: false });
      expect(holder.get()).toBeInstanceOf(SqlFactSource);
      expect(holder.describe().kind).toBe('sql');
      const q = { from: isoDay(last), to: isoDay(last + 1), regions: [String(unit)], indicators: [w.catalogue.indicators[0]!.key], by: ['day' as const] };
      expect(runSlice(w.resolver, holder.get(), q).rows.map((r) => r.value)).toEqual([3, 4]);
    } finally {
      if (saved === undefined) delete process.env.CAMPAIGN_MAX_CUBE_CELLS;
      else process.env.CAMPAIGN_MAX_CUBE_CELLS = saved;
      w.close();
    }
  });

  it('tells a commit of another connection from its own writes', async () => {
    const path = join(tempDir(), 'versions.db');
    copyFileSync(inject('demoDb'), path);
    const w = openWorkspace(path);
    const other = openWorkspace(path);
    try {
      const holder = engineHolder(w);
      const engine = holder.get();
      expect(holder.changedElsewhere()).toBe(false);
      const last = w.db.prepare('SELECT MAX(day) FROM fact_day_column').pluck().get() as number;
      const unit = Number(w.catalogue.regions.find((r) => r.level === 'county')!.code);
      const file = (day: number, name: string) => ({ files: [{ name, bytes: new TextEncoder().encode(returnsCsv(w, [[day, unit, w.catalogue.indicators[0]!.id, 2]])) }], replace: false, rejects: false });
      // Another connection (here another process's stand-in) writes: the engine is dropped.
      expect((await createCore(other).import(file(last + 1, 'a.csv'))).ok).toBe(true);
      expect(holder.changedElsewhere()).toBe(true);
      expect(holder.changedElsewhere()).toBe(false);
      expect(holder.get()).not.toBe(engine);
      // A write of this program on another connection, then taken in with applyWrite: not a change elsewhere.
      const reloaded = holder.get();
      expect((await createCore(other).import(file(last + 2, 'b.csv'))).ok).toBe(true);
      holder.applyWrite([last + 2]);
      expect(holder.changedElsewhere()).toBe(false);
      expect(holder.get()).toBe(reloaded);
    } finally {
      other.close();
      w.close();
    }
  });
});
