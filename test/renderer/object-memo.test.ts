import { describe, expect, it } from 'vitest';
import { memoByObject } from '../../renderer/logic/object-memo';

describe('memoByObject', () => {
  it('gives the same result object for the same key object and arguments', () => {
    let calls = 0;
    const rowsOf = memoByObject((answer: { n: number }, by: string, list: string[]) => ({ answer, by, list, call: ++calls }));
    const a = { n: 1 };
    const list = ['x'];
    const first = rowsOf(a, 'city', list);
    expect(rowsOf(a, 'city', list)).toBe(first);
    // Another key object with equal contents, another argument, an equal but new array: computed anew.
    expect(rowsOf({ n: 1 }, 'city', list)).not.toBe(first);
    expect(rowsOf(a, 'county', list).call).toBe(3);
    expect(rowsOf(a, 'city', ['x']).call).toBe(4);
    // The earlier argument lists of a key are still remembered (a few per key).
    expect(rowsOf(a, 'city', list)).toBe(first);
    expect(calls).toBe(4);
  });

  it('forgets the oldest argument lists of a key beyond a few', () => {
    let calls = 0;
    const f = memoByObject((_key: object, i: number) => ({ i, call: ++calls }));
    const key = {};
    const first = f(key, 0);
    for (let i = 1; i <= 4; i++) f(key, i);
    expect(f(key, 4).call).toBe(5);
    expect(f(key, 0)).not.toBe(first);
  });
});
