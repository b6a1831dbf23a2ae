// The one packed fact key (store/fact-key.ts): exact and ordered inside its bounds, and checked, so
// an indicator id of 1,000 or more fails loudly instead of merging into the next region's facts.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  INDICATOR_ID_LIMIT,
  cellKey,
  cellKeyIndicator,
  cellKeyRegion,
  checkIndicatorId,
  checkRegionCode,
  factKey,
  FactKeyRangeError,
} from '../../electron/store/fact-key';
import { FactBuffer } from '../../electron/store/facts/fact-buffer';
import { mergeIntoDayColumns } from '../../electron/store/facts/day-columns-update';
import { openDatabase } from '../../electron/store/database';
import { readDayColumns, writeDayColumns } from '../../electron/store/day-columns';
import { tempDir } from '../support/temp-db';

function buffer(facts: [day: number, region: number, indicator: number, value: number][]): FactBuffer {
  const f = new FactBuffer();
  for (const [d, r, i, v] of facts) f.push(factKey(d, r, i), d, r, i, v, null, 2, 0, 4);
  return f;
}

describe('fact key', () => {
  it('packs and unpacks (region, indicator) exactly at the bounds, in (region, indicator) order', () => {
    const cells: [number, number][] = [
      [0, 0],
      [140105, 1],
      [140105, 999],
      [140106, 0],
      [999_999, 999],
    ];
    const keys = cells.map(([r, i]) => cellKey(r, i));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(cells.length);
    for (const [k, [r, i]] of keys.map((k, n) => [k, cells[n]!] as const)) expect([cellKeyRegion(k), cellKeyIndicator(k)]).toEqual([r, i]);
    // (day, region, indicator) stays exact far past any campaign date.
    const far = 2_000_000; // days, year ~7400
    expect(factKey(far, 999_999, 999) - factKey(far, 999_999, 998)).toBe(1);
    expect(Number.isSafeInteger(factKey(far, 999_999, 999))).toBe(true);
  });

  it('refuses ids and codes it cannot hold, with a clear message', () => {
    expect(() => checkIndicatorId(INDICATOR_ID_LIMIT - 1)).not.toThrow();
    for (const bad of [INDICATOR_ID_LIMIT, 1234, -1, 2.5]) expect(() => checkIndicatorId(bad), String(bad)).toThrow(FactKeyRangeError);
    expect(() => checkIndicatorId(1000)).toThrow('指标编号 1000 超出事实键的范围（0–999）');
    expect(() => checkRegionCode(140105)).not.toThrow();
    expect(() => checkRegionCode(1_400_001)).toThrow(/地区代码 1400001 超出事实键的范围/);
  });

  it('stops a day-column merge of an indicator id ≥ 1000 instead of merging it into the next region', () => {
    const db = openDatabase(join(tempDir(), 'k.db'));
    const day = 19600;
    // Stored: region 140106, indicator 0's slot in the old packing is what (140105, 1000) packs to.
    writeDayColumns(db, day, Int32Array.of(140105, 140106), Int32Array.of(1, 0), Float64Array.of(5, 6));
    const before = [...readDayColumns(db)];
    expect(() => db.transaction(() => mergeIntoDayColumns(db, [buffer([[day, 140105, 1000, 7]])]))()).toThrow(
      /指标编号 1000 超出事实键的范围/,
    );
    expect([...readDayColumns(db)]).toEqual(before);
    db.close();
  });

  it('merges facts inside the bounds: newest wins, (region, indicator) order, the largest id kept apart', () => {
    const db = openDatabase(join(tempDir(), 'k.db'));
    const day = 19600;
    writeDayColumns(db, day, Int32Array.of(140105, 140106), Int32Array.of(999, 0), Float64Array.of(5, 6));
    db.transaction(() =>
      mergeIntoDayColumns(db, [
        buffer([
          [day, 140106, 0, 60],
          [day, 140105, 3, 30],
        ]),
        buffer([[day, 140106, 0, 61]]),
      ]),
    )();
    const [stored] = [...readDayColumns(db)];
    expect([...stored!.regions]).toEqual([140105, 140105, 140106]);
    expect([...stored!.indicators]).toEqual([3, 999, 0]);
    expect([...stored!.values]).toEqual([30, 5, 61]);
    db.close();
  });
});
