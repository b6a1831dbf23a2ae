// The page's reading of its dataStatus poll (renderer/data/status-baseline.ts): a restart told by a
// failed call, then a second death outside any call before the next poll answer, is still seen.
import { describe, expect, it } from 'vitest';
import { baselineAfterRestart, readStatus, type StatusBaseline } from '../../renderer/data/status-baseline';
import { CallOutcomeSchema } from '../../shared/api/call-outcome';

describe('the dataStatus baseline', () => {
  it('takes the first answer as the baseline and says nothing', () => {
    expect(readStatus(null, { generation: 3, coreRestarts: 0 })).toEqual({ change: null, baseline: { generation: 3, coreRestarts: 0 } });
  });

  it("tells another program's write, then nothing for the same answer again", () => {
    const first = readStatus({ generation: 0, coreRestarts: 0 }, { generation: 1, coreRestarts: 0 });
    expect(first.change).toBe('external');
    expect(readStatus(first.baseline, { generation: 1, coreRestarts: 0 }).change).toBeNull();
  });

  it('tells a restart learnt only from the poll', () => {
    expect(readStatus({ generation: 4, coreRestarts: 0 }, { generation: 0, coreRestarts: 1 }).change).toBe('restarted');
  });

  it('after a restart a call told of, tells a second death that comes before the next poll answer', () => {
    // The first death failed a call: the page was told of restart 1 with the call's error.
    const told = baselineAfterRestart(1);
    // Before any poll answered, the worker died again outside any call: the poll meets worker 2.
    expect(readStatus(told, { generation: 0, coreRestarts: 2 }).change).toBe('restarted');
  });

  it('does not tell again the restart a call already told of, and takes the new worker generation silently', () => {
    const told = baselineAfterRestart(1);
    const next = readStatus(told, { generation: 0, coreRestarts: 1 });
    expect(next.change).toBeNull();
    // The new worker's generation is the baseline from now on: a later write elsewhere is told.
    expect(readStatus(next.baseline, { generation: 1, coreRestarts: 1 }).change).toBe('external');
  });

  it('ignores an answer of the worker that died, overtaken by the call that told of its death', () => {
    const told: StatusBaseline = { coreRestarts: 2, generation: null };
    expect(readStatus(told, { generation: 7, coreRestarts: 1 })).toEqual({ change: null, baseline: told });
  });

  it('keeps the restart count of a failed call through the checked outcome the page reads', () => {
    const answer = { ok: false, error: { message: '数据处理进程意外退出', user: true, coreRestart: 'restarted', coreRestarts: 2 } };
    expect(CallOutcomeSchema.parse(answer)).toEqual(answer);
  });

  it('without a restart count (an older core) takes the next answer as the baseline', () => {
    expect(baselineAfterRestart(undefined)).toBeNull();
  });
});
