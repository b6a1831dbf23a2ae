// Builds the demo campaign: every county and every city's own units (市本级) report every
// indicator on every day of the 2022 and 2023 campaigns. Deterministic: the same facts every run.
import { createHash } from 'node:crypto';
import type { Workspace } from '../store/workspace';
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import { dayParts, parseIsoDay, type DayRange } from '../../shared/dates';
import { unitRule } from '../../shared/units';
import { UserError } from '../../shared/errors';
import { Random, seedOf } from './random';
import { writeDayColumns } from '../store/day-columns';
import { CALIBRATION, CITY_POPULATION, PHASE_WINDOW, PREVIOUS_YEAR_LEVEL, TO_PRESS_WINDOW, type Calibration } from './calibration';

export const DEMO_SOURCE = 'demo:夏季治安打击整治行动 2022–2023 (v1)';

// Summer night patrols peak at the weekend.
const WEEKDAY_FACTOR = [0, 0.92, 0.95, 0.97, 1.0, 1.08, 1.12, 1.02];
const CELL_NOISE_SIGMA = 0.25;

import type { DemoSummary } from '../../shared/demo';
export type { DemoSummary };

interface CampaignDays {
  year: number;
  days: number[];
  phase: DayRange[];
}

function range(from: string, to: string): DayRange {
  return { from: parseIsoDay(from)!, to: parseIsoDay(to)! };
}

const inRange = (d: number, r: DayRange) => d >= r.from && d <= r.to;

/** Relative size of each reporting unit: its city's population, shared by a noisy size per unit. */
function unitWeights(units: Region[]): Map<string, number> {
  const raw = new Map<string, number>();
  for (const u of units) {
    const rng = new Random(seedOf(`size:${u.code}`));
    const kind = u.level === 'city' ? 1.3 : u.name.endsWith('区') ? 1.5 : u.name.endsWith('市') ? 1.2 : 0.9;
    raw.set(u.code, kind * rng.lognormal(0.35));
  }
  const perCity = new Map<string, number>();
  for (const u of units) perCity.set(u.city!, (perCity.get(u.city!) ?? 0) + raw.get(u.code)!);
  const totalPop = Object.values(CITY_POPULATION).reduce((a, b) => a + b, 0);
  const weights = new Map<string, number>();
  for (const u of units) {
    const pop = CITY_POPULATION[u.city!];
    if (pop === undefined) throw new Error(`no population for city ${u.city}`);
    weights.set(u.code, ((raw.get(u.code)! / perCity.get(u.city!)!) * pop) / totalPop);
  }
  return weights;
}

/**
 * Whole numbers summing exactly to `total`, each close to total × weight / Σweight: the floors,
 * then the remainder handed out one each, with a chance that grows with the fraction dropped.
 */
function allocate(total: number, weights: number[], rng: Random): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let remainder = total - out.reduce((a, b) => a + b, 0);
  // Efraimidis–Spirakis weighted sampling without replacement on the fractional parts.
  const keys = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .filter((k) => k.frac > 0)
    .map((k) => ({ i: k.i, key: Math.pow(rng.next(), 1 / k.frac) }))
    .sort((a, b) => b.key - a.key);
  for (const k of keys) {
    if (remainder <= 0) break;
    out[k.i]! += 1;
    remainder -= 1;
  }
  return out;
}

function stochasticRound(x: number, rng: Random): number {
  const f = Math.floor(x);
  return f + (rng.next() < x - f ? 1 : 0);
}

/** Scaled integer values [unit][day] for one indicator in one campaign. */
function generateIndicator(
  ind: Indicator,
  cal: Calibration,
  campaign: CampaignDays,
  units: Region[],
  weights: Map<string, number>,
  levelOf2023: Map<number, number>,
): number[][] {
  const rng = new Random(seedOf(`cells:${ind.key}:${campaign.year}`));
  const scale = 10 ** (unitRule(ind.unit).integer ? 0 : unitRule(ind.unit).displayDecimals);
  const first = campaign.days[0]!;
  const span = campaign.days.length;
  const shape = units.map((u) =>
    campaign.days.map((d) => {
      const season = 1 + 0.08 * Math.sin((Math.PI * (d - first)) / span);
      const spike = campaign.phase.some((p) => inRange(d, p)) ? cal.spike : 1;
      return weights.get(u.code)! * WEEKDAY_FACTOR[dayParts(d).weekday]! * season * spike * rng.lognormal(CELL_NOISE_SIGMA);
    }),
  );

  let level: number;
  let window: DayRange | null = null;
  if (campaign.year === 2023) {
    if (cal.window === 'none') level = cal.dailyLevel * scale;
    else {
      window = cal.window === 'phase' ? range(PHASE_WINDOW.from, PHASE_WINDOW.to) : range(TO_PRESS_WINDOW.from, TO_PRESS_WINDOW.to);
      let inWindow = 0;
      shape.forEach((row) => row.forEach((e, j) => (inWindow += inRange(campaign.days[j]!, window!) ? e : 0)));
      level = (cal.total * scale) / inWindow;
    }
    levelOf2023.set(ind.id, level);
  } else {
    const drift = 0.85 + 0.3 * new Random(seedOf(`drift:${ind.key}`)).next();
    level = levelOf2023.get(ind.id)! * PREVIOUS_YEAR_LEVEL * drift;
  }

  const values = shape.map((row) => row.map((e) => stochasticRound(level * e, rng)));
  if (window && cal.window !== 'none') {
    // The calibrated window sums exactly to the published figure.
    const cells: [number, number][] = [];
    shape.forEach((row, i) => row.forEach((_, j) => inRange(campaign.days[j]!, window) && cells.push([i, j])));
    const exact = allocate(
      Math.round(cal.total * scale),
      cells.map(([i, j]) => shape[i]![j]!),
      rng,
    );
    cells.forEach(([i, j], k) => (values[i]![j] = exact[k]!));
  }
  return values;
}

export function buildDemo(ws: Workspace): DemoSummary {
  const { db, catalogue } = ws;
  const existing = (db.prepare('SELECT COUNT(*) AS n FROM fact').get() as { n: number }).n;
  if (existing > 0) {
    throw new UserError(`数据库 ${ws.path} 已有 ${existing} 条数据；演示数据只写入空数据库，请换一个新文件路径。`);
  }
  const units = catalogue.regions.filter((r) => r.level !== 'province');
  const weights = unitWeights(units);
  const campaigns: CampaignDays[] = [...catalogue.campaigns]
    .sort((a, b) => a.year - b.year)
    .map((c) => {
      const r = range(c.from, c.to);
      return {
        year: c.year,
        days: Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i),
        phase: c.phases.map((p) => range(p.from, p.to)),
      };
    });
  if (campaigns.map((c) => c.year).join() !== '2022,2023') throw new Error('demo expects the 2022 and 2023 campaigns');

  const levelOf2023 = new Map<number, number>();
  const perCampaign = new Map<number, Map<number, number[][]>>();
  for (const c of [campaigns[1]!, campaigns[0]!]) {
    const byIndicator = new Map<number, number[][]>();
    for (const ind of catalogue.indicators) {
      const cal = CALIBRATION[ind.key];
      if (!cal) throw new Error(`no demo calibration for ${ind.key}`);
      byIndicator.set(ind.id, generateIndicator(ind, cal, c, units, weights, levelOf2023));
    }
    perCampaign.set(c.year, byIndicator);
  }

  const scales = new Map(catalogue.indicators.map((i) => [i.id, 10 ** (unitRule(i.unit).integer ? 0 : unitRule(i.unit).displayDecimals)]));
  const unitOrder = units.map((u, i) => ({ code: Number(u.code), i })).sort((a, b) => a.code - b.code);
  const indicatorOrder = [...catalogue.indicators].sort((a, b) => a.id - b.id);
  let facts = 0;
  const write = db.transaction(() => {
    const batchId = Number(
      db
        .prepare('INSERT INTO batch (source, sha256, fact_count, imported_at) VALUES (?, ?, 0, ?)')
        .run(DEMO_SOURCE, createHash('sha256').update(DEMO_SOURCE).digest('hex'), new Date().toISOString()).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES (?, ?, ?, ?, ?)');
    // Primary-key order, so every insert appends to the B-tree.
    for (const c of campaigns) {
      const byIndicator = perCampaign.get(c.year)!;
      const perDay = unitOrder.length * indicatorOrder.length;
      c.days.forEach((day, j) => {
        const regions = new Int32Array(perDay);
        const indicators = new Int32Array(perDay);
        const values = new Float64Array(perDay);
        let k = 0;
        for (const u of unitOrder) {
          for (const ind of indicatorOrder) {
            const value = byIndicator.get(ind.id)![u.i]![j]! / scales.get(ind.id)!;
            insert.run(day, u.code, ind.id, value, batchId);
            regions[k] = u.code;
            indicators[k] = ind.id;
            values[k++] = value;
          }
        }
        writeDayColumns(db, day, regions, indicators, values);
        facts += perDay;
      });
    }
    db.prepare('UPDATE batch SET fact_count = ? WHERE id = ?').run(facts, batchId);
    return batchId;
  });
  const batchId = write();
  return {
    batchId,
    facts,
    units: units.length,
    indicators: catalogue.indicators.length,
    days: campaigns.reduce((n, c) => n + c.days.length, 0),
  };
}
