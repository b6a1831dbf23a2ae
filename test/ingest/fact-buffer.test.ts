import { describe, expect, it } from 'vitest';
import { FactBuffer, hasKey } from '../../electron/store/facts/fact-buffer';
import { factKey } from '../../electron/store/fact-key';

describe('FactBuffer', () => {
  it('grows, keeps typed values, and compacts with their raw spellings', () => {
    const f = new FactBuffer();
    for (let i = 0; i < 3000; i++) {
      const at = f.push(factKey(19545, 140105, i % 900), 19545, 140105, i % 900, i * 1000, null, i + 2, 0, 4);
      f.keepRaw(at, i % 2 ? `${i},000` : String(i * 1000));
    }
    expect(f.length).toBe(3000);
    expect(f.rawValue(1)).toBe('1,000');
    expect(f.rawValue(2)).toBe('2000');
    const keep = new Uint8Array(3000).fill(1);
    keep[0] = keep[1] = keep[2] = 0;
    f.compact(keep);
    expect(f.length).toBe(2997);
    expect([f.row[0], f.value[0], f.rawValue(0)]).toEqual([5, 3000, '3,000']);
    expect([f.row[1], f.rawValue(1)]).toEqual([6, '4000']);
    expect(f.note).toHaveLength(2997);
  });

  it('finds keys in the sorted copy', () => {
    const f = new FactBuffer();
    for (const ind of [5, 1, 3]) f.push(factKey(19545, 140105, ind), 19545, 140105, ind, 1, null, 1, 0, 0);
    const sorted = f.sortedKeys();
    expect(hasKey(sorted, factKey(19545, 140105, 3))).toBe(true);
    expect(hasKey(sorted, factKey(19545, 140105, 2))).toBe(false);
    expect(hasKey(new Float64Array(0), 1)).toBe(false);
  });
});
