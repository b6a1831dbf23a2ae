import { describe, expect, it } from 'vitest';
import { QueryCache } from '../../renderer/data/query-cache';

describe('QueryCache', () => {
  it('shares a request in flight and peeks an answer only once it has arrived', async () => {
    const cache = new QueryCache();
    let calls = 0;
    let resolve!: (v: number) => void;
    const load = () => {
      calls++;
      return new Promise<number>((r) => (resolve = r));
    };
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(cache.peek('k')).toBeUndefined();
    resolve(42);
    await a;
    expect(cache.peek('k')).toEqual({ value: 42 });
    cache.clear();
    expect(cache.peek('k')).toBeUndefined();
  });

  it('does not keep errors, and forgets the oldest answers beyond its limit', async () => {
    const cache = new QueryCache(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(cache.peek('bad')).toBeUndefined();
    let calls = 0;
    await expect(cache.get('bad', async () => ++calls)).resolves.toBe(1);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    expect(cache.peek('bad')).toBeUndefined();
    expect(cache.peek('a')).toEqual({ value: 'a' });
    expect(cache.peek('b')).toEqual({ value: 'b' });
  });
});
