// What the page makes of a dataStatus answer: the status it saw last is its baseline. The restart
// count is the core client's, kept across restarts; the generation (other programs' writes) is the
// running worker's own and starts again at 0 in a restarted one.
import type { DataStatus } from '../../shared/api/operations';

export interface StatusBaseline {
  /** The restarts the page has been told of. */
  coreRestarts: number;
  /** The running worker's generation; null until its first answer (after a restart). */
  generation: number | null;
}

/** What changed since the baseline: a restart the page was not told of, another program's write, or nothing. */
export type StatusChange = 'restarted' | 'external' | null;

/** An answer read against the baseline: what changed, and the baseline from now on. */
export function readStatus(baseline: StatusBaseline | null, status: DataStatus): { change: StatusChange; baseline: StatusBaseline } {
  if (!baseline) return { change: null, baseline: status };
  // Answered by a worker that has died since (its answer overtaken by the call that told of the death).
  if (status.coreRestarts < baseline.coreRestarts) return { change: null, baseline };
  if (status.coreRestarts > baseline.coreRestarts) return { change: 'restarted', baseline: status };
  const external = baseline.generation !== null && status.generation !== baseline.generation;
  return { change: external ? 'external' : null, baseline: status };
}

/**
 * The baseline once a call has reported a restart. The restart count stays known, so that a second
 * death before the next answer (one outside any call, which only the poll can tell) is still seen;
 * only the new worker's generation is unknown. Without a count, the next answer is the baseline.
 */
export function baselineAfterRestart(coreRestarts: number | undefined): StatusBaseline | null {
  return coreRestarts === undefined ? null : { coreRestarts, generation: null };
}
