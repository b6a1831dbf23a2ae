// Results of read operations by their input, so going back to a filter redraws at once. Requests
// in flight are shared; answers a write made stale are dropped (api-context.tsx).
export class QueryCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  /** Answers that have arrived, by key: a view can draw them in the same render, without a wait. */
  private readonly settled = new Map<string, unknown>();

  constructor(private readonly limit = 300) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used goes last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const p = load();
    this.entries.set(key, p);
    p.then(
      (value) => {
        if (this.entries.get(key) === p) this.settled.set(key, value);
      },
      // Errors are not cached: the next try asks again.
      () => {
        if (this.entries.get(key) === p) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
      this.settled.delete(oldest);
    }
    return p;
  }

  /** The answer for `key` if it has arrived (and is still cached), else undefined. */
  peek(key: string): { value: unknown } | undefined {
    return this.settled.has(key) && this.entries.has(key) ? { value: this.settled.get(key) } : undefined;
  }

  /** Forgets the answers whose key `stale` accepts. */
  drop(stale: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) {
      if (!stale(key)) continue;
      this.entries.delete(key);
      this.settled.delete(key);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.settled.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
