// The demo database through all three fact sources, whose answers must agree, each checked against
// the brute-force sum: shared by slice-partial-regions.test.ts and its CLI half (.int.test.ts).
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { SqlFactSource, type FactSource } from '../../electron/query/fact-source';
import { createFactSource } from '../../electron/query/engine';
import { ScanFactSource } from '../../electron/query/scan';
import { runSlice } from '../../electron/query/slice';
import type { Region } from '../../shared/api/catalogue-types';
import type { GroupKey, SliceQuery, SliceResult } from '../../shared/api/slice';
import { bruteForce, loadFacts, type Fact } from '../support/brute-force';

export let ws: Workspace;
let facts: Fact[];
export let sources: [string, FactSource][];

/** Opens the demo database and its three fact sources for the test file that calls it. */
export function useCheckedSlices(): void {
  beforeAll(() => {
    ws = openWorkspace(inject('demoDb'), { readonly: true });
    facts = loadFacts(ws.db);
    sources = [
      ['plain SQL', new SqlFactSource(ws.db)],
      ['engine', createFactSource(ws)],
      ['one-answer scan', ScanFactSource.open(ws.db)],
    ];
  });
  afterAll(() => ws.close());
}

export const FROM = '2023-08-01';
export const TO = '2023-08-06';
export const INDICATOR = '综合/检查车辆';

export const city = (name: string): Region => ws.catalogue.regions.find((r) => r.level === 'city' && r.name === name)!;
export const countiesOf = (c: Region): Region[] => ws.catalogue.regions.filter((r) => r.level === 'county' && r.parent === c.code);
export const indicatorId = () => ws.catalogue.indicators.find((i) => i.key === INDICATOR)!.id;

/** Runs the query on both engines (which must agree) and checks every row against the brute-force sum. */
export function sliceChecked(
  regions: string[],
  by: GroupKey[],
  brute: { regions: string[]; ownUnits?: string[] },
  compare?: 'yoy',
): SliceResult {
  const input: SliceQuery = { from: FROM, to: TO, regions, indicators: [INDICATOR], by, ...(compare ? { compare } : {}) };
  const [first, ...rest] = sources.map(([, s]) => runSlice(ws.resolver, s, input));
  for (const other of rest) expect(other).toEqual(first);
  const expected = bruteForce(facts, ws.catalogue, {
    from: FROM,
    to: TO,
    indicatorIds: [indicatorId()],
    by,
    ...brute,
    ...(compare ? { compare } : {}),
  });
  expect(first!.rows).toHaveLength(expected.size);
  for (const row of first!.rows) {
    const key = by.map((k) => (k.startsWith('region:') ? row.region_code : row[k as 'day'])).join('|');
    const e = expected.get(key);
    expect(e, JSON.stringify(row)).toBeDefined();
    expect(row.value).toBeCloseTo(e!.value!, 6);
    if (compare) expect(row.base).toBeCloseTo(e!.base!, 6);
  }
  const sum = [...expected.values()].reduce((s, e) => s + (e.value ?? 0), 0);
  expect(first!.total.value).toBeCloseTo(sum, 6);
  return first!;
}
