// Repeated timing of one query on one engine: warm-ups, then measured runs within a time budget.

export interface TimingOptions {
  warmups: number;
  runs: number;
  /** Stop measuring once this much time has gone into measured runs (after `minRuns`). */
  budgetMs: number;
  minRuns: number;
  /** A run slower than this counts as slow: one warm-up only, and `slowRuns` measured runs. */
  slowMs: number;
  slowRuns: number;
}

export const DEFAULT_TIMING: TimingOptions = { warmups: 5, runs: 200, budgetMs: 2000, minRuns: 3, slowMs: 1000, slowRuns: 3 };

export interface Timing {
  samples: number[];
  p50: number;
  p95: number;
  min: number;
  max: number;
  /** True when the slow-run cap limited the repetitions. */
  capped: boolean;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  return Math.exp(xs.reduce((s, x) => s + Math.log(Math.max(x, 1e-6)), 0) / xs.length);
}

/** Times `fn` (sync or async); the promise, if any, is awaited inside the measured interval. */
export async function measure(fn: () => unknown, options: TimingOptions = DEFAULT_TIMING): Promise<Timing> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const r = fn();
    if (r instanceof Promise) await r;
    return performance.now() - t0;
  };

  // Start from a clean heap, so one engine's garbage is not collected in another's runs
  // (needs node --expose-gc, as `npm run bench` passes).
  (globalThis as { gc?: () => void }).gc?.();
  let slow = false;
  let warmSpent = 0;
  for (let i = 0; i < options.warmups; i++) {
    const ms = await once();
    warmSpent += ms;
    if (ms > options.slowMs) {
      slow = true;
      break;
    }
    if (warmSpent > options.budgetMs) break;
  }

  const samples: number[] = [];
  const maxRuns = slow ? options.slowRuns : options.runs;
  let spent = 0;
  while (samples.length < maxRuns) {
    const ms = await once();
    samples.push(ms);
    spent += ms;
    if (!slow && ms > options.slowMs && samples.length >= options.slowRuns) {
      slow = true;
      break;
    }
    if (spent >= options.budgetMs && samples.length >= options.minRuns) break;
  }
  return {
    samples,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
    capped: slow,
  };
}
