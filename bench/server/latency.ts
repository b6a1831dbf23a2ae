// Latency of every API call the bench's clients make, by call, and a client that records them: the
// product's own CentralClient (the one the CLI and the workstation use), timed around each request.
import { CentralClient, type CentralClientOptions } from '../../electron/central-client/http-client';
import { percentile } from '../timing';

export class LatencyLog {
  private samples = new Map<string, number[]>();
  private failures = new Map<string, number>();
  /** Calls made after the clock ran out (the analyst's drain), kept apart: the load was lighter. */
  readonly after: LatencyLog | null;

  constructor(withAfter = true) {
    this.after = withAfter ? new LatencyLog(false) : null;
  }

  private closed = false;

  /** From now on calls count in `after`. */
  closeWindow(): void {
    this.closed = true;
  }

  add(call: string, ms: number): void {
    if (this.closed && this.after) return this.after.add(call, ms);
    let list = this.samples.get(call);
    if (!list) this.samples.set(call, (list = []));
    list.push(ms);
  }

  fail(call: string): void {
    if (this.closed && this.after) return this.after.fail(call);
    this.failures.set(call, (this.failures.get(call) ?? 0) + 1);
  }

  async time<T>(call: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      const r = await fn();
      this.add(call, performance.now() - t0);
      return r;
    } catch (e) {
      this.fail(call);
      throw e;
    }
  }

  summary(order: readonly string[]): { call: string; count: number; failed: number; p50: number; p95: number; max: number }[] {
    const calls = [
      ...new Set([...order.filter((c) => this.samples.has(c) || this.failures.has(c)), ...this.samples.keys(), ...this.failures.keys()]),
    ];
    return calls.map((call) => {
      const s = this.samples.get(call) ?? [];
      return {
        call,
        count: s.length,
        failed: this.failures.get(call) ?? 0,
        p50: percentile(s, 50),
        p95: percentile(s, 95),
        max: s.length ? Math.max(...s) : NaN,
      };
    });
  }
}

/** The API path → the call's name in the table. */
const CALL_NAMES: Record<string, string> = {
  '/api/submissions': 'list',
  '/api/submission': 'detail',
  '/api/submissions/accept': 'accept',
  '/api/submissions/return': 'return',
  '/api/changes': 'changes',
  '/api/batch-facts': 'batch-facts',
  '/api/filing-status': 'filing-status',
};

/** CentralClient with each GET/POST timed into `log` (syncDatabase takes it as it takes the plain one). */
export class TimedClient extends CentralClient {
  constructor(
    url: string,
    private readonly log: LatencyLog,
    options: CentralClientOptions = {},
  ) {
    super(url, options);
  }

  override get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    return this.log.time(CALL_NAMES[path] ?? path, () => super.get<T>(path, query));
  }

  override postJson<T>(path: string, body: unknown, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    return this.log.time(CALL_NAMES[path] ?? path, () => super.postJson<T>(path, body, query));
  }

  override postFile<T>(
    path: string,
    fileName: string,
    bytes: Uint8Array,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<T> {
    return this.log.time(path === '/api/submissions' ? 'submit' : path, () => super.postFile<T>(path, fileName, bytes, query));
  }

  override login(name: string, password: string): ReturnType<CentralClient['login']> {
    return this.log.time('login', () => super.login(name, password));
  }
}
