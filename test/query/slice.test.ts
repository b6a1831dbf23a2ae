import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { makeBucketer, OUTSIDE_PHASES, runSlice } from '../../electron/query/slice';
import { isoMonth, isoWeek, parseIsoDay } from '../../shared/dates';
import { SqlFactSource } from '../../electron/query/fact-source';
import { CubeFactSource } from '../../electron/query/cube';
import { ScanFactSource } from '../../electron/query/scan';
import { rebuildDayColumnsOf } from '../../electron/store/day-columns';
import type { FactSource } from '../../electron/query/fact-source';
import { tempDir } from '../support/temp-db';
import { copyFileSync } from 'node:fs';
import { createCore } from '../../electron/core/handlers';
import { engineHolder } from '../../electron/query/engine-holder';
import type { GroupKey } from '../../shared/api/slice';
import { returnsCsv } from '../support/returns-csv';
import { isoDay } from '../../shared/dates';

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

describe('slice query', () => {
  it('refuses to add up different units and names the way out', () => {
    expect(() => runSlice(ws.resolver, new SqlFactSource(ws.db), { phase: '第一次集中统一行动', departments: ['综合'] })).toThrow(
      /单位不同.*按指标分组/,
    );
  });

  it('rejects bad filters with a clear message', () => {
    const src = new SqlFactSource(ws.db);
    expect(() => runSlice(ws.resolver, src, { from: '2023-07-09', to: '2023-07-07', indicators: ['出动车辆'] })).toThrow(
      /起始日期晚于截止日期/,
    );
    expect(() => runSlice(ws.resolver, src, { indicators: ['出动车辆'] })).toThrow(/日期范围.*阶段/);
    expect(() => runSlice(ws.resolver, src, { phase: '第九次', indicators: ['出动车辆'] })).toThrow(/无法识别行动阶段/);
    expect(() => runSlice(ws.resolver, src, { phase: '第一次集中统一行动', regions: ['城区'], indicators: ['出动车辆'] })).toThrow(
      /不唯一/,
    );
    expect(() =>
      runSlice(ws.resolver, src, { phase: '第一次集中统一行动', indicators: ['出动车辆'], by: ['region:city', 'region:county'] }),
    ).toThrow(/一个地区层级/);
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
    const province = runSlice(w.resolver, src, {
      from: '2023-07-07',
      to: '2023-07-07',
      regions: ['山西省'],
      indicators: ['出动车辆'],
      by: ['region:province'],
    });
    expect(province.rows.map((r) => [r.region_code, r.value])).toEqual([['140000', 22]]);
    w.close();
  });

  it('keeps absent apart from 0, and gives no percentage on a zero base', () => {
    const { w, src } = small();
    const r = runSlice(w.resolver, src, {
      from: '2023-07-07',
      to: '2023-07-07',
      indicators: ['出动车辆'],
      by: ['region:county'],
      compare: 'yoy',
    });
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
    const byDay = runSlice(w.resolver, src, {
      from: '2023-07-07',
      to: '2023-07-09',
      indicators: ['出动车辆'],
      by: ['day'],
      compare: 'prev',
    });
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
    const phases = ws.catalogue.campaigns
      .flatMap((c) => c.phases)
      .map((p) => ({ name: p.name, from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)! }));
    const phaseOf = (d: number) => phases.find((p) => d >= p.from && d <= p.to)?.name ?? OUTSIDE_PHASES;
    const first = parseIsoDay('2019-12-20')!;
    const last = parseIsoDay('2024-01-10')!;
    for (const by of [
      ['week'],
      ['month'],
      ['phase'],
      ['week', 'month'],
      ['month', 'phase', 'indicator'],
      ['week', 'phase'],
      ['day', 'week'],
    ] as GroupKey[][]) {
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

// After a write the engine updates the days it touched in place (cube.ts applyDays); the check
// against a fresh engine through imports and undos is in slice-random.int.test.ts.
describe('slice engine updated in place after writes', () => {
  it('declines an update that would exceed the cube bound: the holder then loads the engine again (here: the SQL path)', async () => {
    const path = join(tempDir(), 'bound.db');
    copyFileSync(inject('demoDb'), path);
    const w = openWorkspace(path);
    const saved = process.env.CAMPAIGN_MAX_CUBE_CELLS;
    try {
      const held = w.db.prepare('SELECT COUNT(*) FROM fact_day_column').pluck().get() as number;
      const cells = w.db
        .prepare('SELECT (SELECT COUNT(*) FROM region) + (SELECT COUNT(*) FROM region WHERE level = ?) + 1')
        .pluck()
        .get('city') as number;
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
      await core.import({
        files: [{ name: 'held.csv', bytes: new TextEncoder().encode(returnsCsv(w, [[last, unit, indicator, 3]])) }],
        replace: true,
        rejects: false,
      });
      expect(holder.get()).toBe(cube);
      // A new day would exceed the bound: loaded again, and too large now, so the SQL path answers.
      await core.import({
        files: [{ name: 'next.csv', bytes: new TextEncoder().encode(returnsCsv(w, [[last + 1, unit, indicator, 4]])) }],
        replace: false,
        rejects: false,
      });
      expect(holder.get()).toBeInstanceOf(SqlFactSource);
      expect(holder.describe().kind).toBe('sql');
      const q = {
        from: isoDay(last),
        to: isoDay(last + 1),
        regions: [String(unit)],
        indicators: [w.catalogue.indicators[0]!.key],
        by: ['day' as const],
      };
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
      const file = (day: number, name: string) => ({
        files: [{ name, bytes: new TextEncoder().encode(returnsCsv(w, [[day, unit, w.catalogue.indicators[0]!.id, 2]])) }],
        replace: false,
        rejects: false,
      });
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
