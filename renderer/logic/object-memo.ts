// Results remembered per object: the same answer object, asked for with the same arguments, gives
// the same result object — what lets React and ag-grid see that nothing changed and skip the work.

/** How many argument lists are remembered per key object (e.g. with and without a comparison). */
const PER_KEY = 4;

/**
 * `f` remembered per key object (weakly: forgotten with the key) and per list of further
 * arguments, compared with `===`.
 */
export function memoByObject<K extends object, A extends readonly unknown[], R>(f: (key: K, ...args: A) => R): (key: K, ...args: A) => R {
  const cache = new WeakMap<K, { args: A; value: R }[]>();
  return (key, ...args) => {
    const entries = cache.get(key) ?? [];
    const hit = entries.find((e) => e.args.length === args.length && e.args.every((a, i) => a === args[i]));
    if (hit) return hit.value;
    const value = f(key, ...args);
    cache.set(key, [{ args, value }, ...entries].slice(0, PER_KEY));
    return value;
  };
}
