// The slice query against a brute-force sum on many random slices of the demo database, through
// every fact source, and the engine updated in place through imports and undos. Tens of seconds
// of work: the integration tier, so the unit tier (slice.test.ts) stays within its minute.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { runSlice } from '../../electron/query/slice';
import { SqlFactSource } from '../../electron/query/fact-source';
import { createFactSource } from '../../electron/query/engine';
import { CubeFactSource } from '../../electron/query/cube';
import { ScanFactSource } from '../../electron/query/scan';
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
    const input = {
      from: q.from,
      to: q.to,
      regions: q.regions,
      indicators: indicators.map((x) => x.key),
      by: q.by,
      ...(q.compare ? { compare: q.compare } : {}),
    };
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
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
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
        const report = await core.import({
          files: [{ name, bytes: new TextEncoder().encode(returnsCsv(w, facts)) }],
          replace,
          rejects: false,
        });
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
        .prepare(
          'SELECT day, region_code, indicator_id FROM fact WHERE day BETWEEN ? AND ? ORDER BY (day * 7919 + region_code * 31 + indicator_id) % 1009 LIMIT 250',
        )
        .raw()
        .all(first, last) as [number, number, number][];
      const replaced: FactTuple[] = existing.map(([d, r, i]) => [d, r, i, 1000 + Math.floor(rng.next() * 100)]);
      const keys = new Set(replaced.map((f) => `${f[0]}/${f[1]}/${f[2]}`));
      const held3 = [held[5]!, held[Math.floor(held.length / 2)]!, last];
      const atHeld = randomFacts(held3, 200).filter(
        (f) =>
          !keys.has(`${f[0]}/${f[1]}/${f[2]}`) &&
          !w.db.prepare('SELECT 1 FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?').get(f[0], f[1], f[2]),
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
});
