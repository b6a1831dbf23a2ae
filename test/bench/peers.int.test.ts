// The benchmark's peers must answer exactly what the product answers, or their times mean nothing:
// the tuned SQLite and DuckDB peers against the slice engine on random slices of the demo database;
// the sparse generator, the import files and the one-shot CLI measurement on real files.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createFactSource } from '../../electron/query/engine';
import { runSlice } from '../../electron/query/slice';
import { importFiles } from '../../electron/ingest/import-files';
import { Random } from '../../electron/demo/random';
import { GROUP_KEYS, type GroupKey, type SliceQuery } from '../../shared/api/slice';
import { isoDay, parseIsoDay } from '../../shared/dates';
import { canonicalSlice, differences } from '../../bench/compare';
import { DuckDbEngine } from '../../bench/duckdb-engine';
import { SqliteTunedEngine } from '../../bench/sqlite-tuned-engine';
import { ensureBenchDb } from '../../bench/generate';
import { ensureImportCsv } from '../../bench/import-throughput';
import { cliArgs, measureCliQuery } from '../../bench/cli-measure';
import { tempDir } from '../support/temp-db';

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

/** A random slice the product accepts: ranges near a campaign, a few regions by code, indicators by key. */
function randomSlice(rng: Random): SliceQuery {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  const c = pick(ws.catalogue.campaigns);
  const start = parseIsoDay(c.from)! - 10 + Math.floor(rng.next() * 110);
  const len = 1 + Math.floor(rng.next() * (rng.next() < 0.3 ? 90 : 12));
  const regions: string[] = [];
  for (let i = Math.floor(rng.next() * 3); i > 0; i--) regions.push(pick(ws.catalogue.regions).code);
  const departments = rng.next() < 0.4 ? [pick(ws.catalogue.departments).name] : [];
  let indicators: string[] = [];
  if (rng.next() < 0.6) {
    const pool = ws.catalogue.indicators.filter((i) => departments.length === 0 || departments.includes(i.department));
    indicators = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => pick(pool).key);
  }
  const by = new Set<GroupKey>();
  for (let i = Math.floor(rng.next() * 4); i > 0; i--) by.add(pick(GROUP_KEYS));
  for (const k of [...by].filter((k) => k.startsWith('region:')).slice(1)) by.delete(k);
  by.add('indicator'); // different units are never added up
  const compare = pick([undefined, undefined, 'yoy', 'prev'] as const);
  return {
    from: isoDay(start),
    to: isoDay(start + len - 1),
    regions,
    departments,
    indicators,
    by: [...by],
    ...(compare ? { compare } : {}),
  };
}

describe('benchmark peers', () => {
  it('tuned SQLite and DuckDB give exactly the engine’s rows and totals on random slices', async () => {
    const dir = tempDir();
    const { engine: tuned, buildSeconds } = SqliteTunedEngine.open(inject('demoDb'), join(dir, 'demo.sqlite-tuned.db'), ws.catalogue);
    expect(buildSeconds).not.toBeNull();
    const { engine: duck } = await DuckDbEngine.load(ws);
    const engine = createFactSource(ws);
    const rng = new Random(20_251_201);
    let nonEmpty = 0;
    try {
      for (let n = 0; n < 80; n++) {
        const q = randomSlice(rng);
        const expected = runSlice(ws.resolver, engine, q);
        const e = canonicalSlice(q, expected);
        if (expected.rows.length > 0) nonEmpty++;
        const fromTuned = tuned.answer(q);
        expect(differences(e, canonicalSlice(q, fromTuned)), `tuned ${JSON.stringify(q)}`).toEqual([]);
        expect(fromTuned.rows.length).toBe(expected.rows.length);
        expect(fromTuned.period).toEqual(expected.period);
        expect(differences(e, canonicalSlice(q, await duck.answer(q))), `duckdb ${JSON.stringify(q)}`).toEqual([]);
        // Rows come in the product's order from the tuned peer's ORDER BY, labels included.
        expect(fromTuned.rows.map((r) => [r.region_code, r.indicator, r.day ?? r.week ?? r.month ?? r.phase])).toEqual(
          expected.rows.map((r) => [r.region_code, r.indicator, r.day ?? r.week ?? r.month ?? r.phase]),
        );
      }
    } finally {
      duck.close();
      tuned.close();
    }
    expect(nonEmpty).toBeGreaterThan(40);
  }, 600_000);

  it('rebuilds the tuned copy when the facts change, and reuses it when they do not', async () => {
    const dir = tempDir();
    const db = join(dir, 'copy.db');
    copyFileSync(inject('demoDb'), db);
    const tunedFile = join(dir, 'copy.sqlite-tuned.db');
    SqliteTunedEngine.open(db, tunedFile, ws.catalogue).engine.close();
    const again = SqliteTunedEngine.open(db, tunedFile, ws.catalogue);
    expect(again.buildSeconds).toBeNull();
    again.engine.close();

    const w = openWorkspace(db);
    const day = (ws.db.prepare('SELECT MAX(day) FROM fact').pluck().get() as number) + 1;
    const csv = join(dir, 'next-day.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(csv, `日期,地区,部门,指标,数值,单位\n${isoDay(day)},太原市小店区,交警,查处酒驾醉驾,3,起\n`);
    const report = await importFiles(w, [csv]);
    expect(report.ok).toBe(true);
    w.close();
    const rebuilt = SqliteTunedEngine.open(db, tunedFile, ws.catalogue);
    expect(rebuilt.buildSeconds).not.toBeNull();
    const r = rebuilt.engine.answer({ from: isoDay(day), to: isoDay(day), indicators: ['交警/查处酒驾醉驾'], by: ['region:county'] });
    expect(r.rows.map((x) => [x.region_name, x.value])).toEqual([['小店区', 3]]);
    rebuilt.engine.close();
  }, 600_000);
});

describe('benchmark data and files', () => {
  it('generates exactly N sparse facts with the requested share left unreported, some pairs never', () => {
    const dir = tempDir();
    const bench = ensureBenchDb(join(dir, 'sparse.db'), 150_000, () => undefined, 0.3);
    const w = openWorkspace(bench.path, { readonly: true });
    try {
      const facts = w.db.prepare('SELECT COUNT(*) FROM fact').pluck().get() as number;
      expect(facts).toBe(150_000);
      expect(w.db.prepare('SELECT SUM(fact_count) FROM fact_day_column').pluck().get()).toBe(150_000);
      expect(w.db.prepare('SELECT SUM(fact_count) FROM batch').pluck().get()).toBe(150_000);
      const units = w.catalogue.regions.filter((r) => r.level !== 'province').length;
      const days = bench.lastDay - bench.firstDay + 1;
      // The last day may be partial: count the share over the whole days before it.
      const whole = w.db.prepare('SELECT COUNT(*) FROM fact WHERE day < ?').pluck().get(bench.lastDay) as number;
      const missing = 1 - whole / ((days - 1) * units * w.catalogue.indicators.length);
      expect(missing).toBeGreaterThan(0.27);
      expect(missing).toBeLessThan(0.33);
      const pairs = w.db.prepare('SELECT COUNT(*) FROM (SELECT DISTINCT region_code, indicator_id FROM fact)').pluck().get() as number;
      const neverShare = 1 - pairs / (units * w.catalogue.indicators.length);
      expect(neverShare).toBeGreaterThan(0.1);
      expect(neverShare).toBeLessThan(0.2);
    } finally {
      w.close();
    }
  });

  it('writes the shuffled and the shifted import files with the same rows, and they import', async () => {
    const dir = tempDir();
    const sorted = ensureImportCsv(ws, dir, null, 3);
    const shuffled = ensureImportCsv(ws, dir, null, 3, { shuffled: true });
    const lines = (p: string) =>
      readFileSync(p, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
    expect(shuffled.rows).toBe(sorted.rows);
    expect(lines(shuffled.path)).not.toEqual(lines(sorted.path));
    expect([...lines(shuffled.path)].sort()).toEqual([...lines(sorted.path)].sort());

    const last = ws.db.prepare('SELECT MAX(day) FROM fact').pluck().get() as number;
    const first = ws.db.prepare('SELECT MIN(day) FROM fact').pluck().get() as number;
    const shifted = ensureImportCsv(ws, dir, null, 3, { shiftDays: last - first + 1, shuffled: true });
    const db = join(dir, 'populated.db');
    copyFileSync(inject('demoDb'), db);
    const w = openWorkspace(db);
    try {
      const report = await importFiles(w, [shifted.path]);
      expect(report.ok).toBe(true);
      expect(report.files[0]!.facts).toBe(sorted.rows);
      expect(w.db.prepare('SELECT COUNT(*) FROM fact WHERE day > ?').pluck().get(last)).toBe(sorted.rows);
    } finally {
      w.close();
    }
  });

  it('times a fresh `campaign query` process that answers what the engine answers', async () => {
    const q: SliceQuery = {
      phase: '第一次集中统一行动',
      regions: ['太原市'],
      indicators: ['刑侦/破获刑事案件'],
      by: ['region:county'],
      compare: 'yoy',
    };
    expect(cliArgs(q)).toEqual([
      '--phase',
      '第一次集中统一行动',
      '--region',
      '太原市',
      '--indicator',
      '刑侦/破获刑事案件',
      '--by',
      'region:county',
      '--compare',
      'yoy',
    ]);
    const expected = runSlice(ws.resolver, createFactSource(ws), q).rows.length;
    expect(expected).toBeGreaterThan(5);
    const m = await measureCliQuery(process.cwd(), inject('demoDb'), q, expected, 1);
    expect(m.rows).toBe(expected);
    expect(m.cli_query_ms).toBeGreaterThan(0);
    await expect(measureCliQuery(process.cwd(), inject('demoDb'), q, expected + 1, 1)).rejects.toThrow(/returned \d+ rows/);
  }, 600_000);
});
