// Pauses the server at a chosen point for the fault tests (test/central/faults.int.test.ts), so that a
// kill -9 lands there every time: honoured only with CAMPAIGN_TEST_HOOKS=1 and
// CAMPAIGN_TEST_SERVER_PAUSE=POINT[:N] (the N-th time the point is reached; default the first).
// When it pauses it says `SERVER-PAUSED POINT N` on stderr and never returns: the request (and
// any transaction it holds open) hangs until the process is killed.
//   submission-rows  inside a submission's transaction, after part of its rows are written
//   batch-facts      while serving a page of a batch's facts to a syncing workstation
export type TestPausePoint = 'submission-rows' | 'batch-facts';

const reached = new Map<TestPausePoint, number>();

export async function pauseForTestIfAsked(point: TestPausePoint): Promise<void> {
  if (process.env.CAMPAIGN_TEST_HOOKS !== '1') return;
  const asked = process.env.CAMPAIGN_TEST_SERVER_PAUSE;
  if (!asked) return;
  const [name, nth] = asked.split(':');
  if (name !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count !== (nth ? Number(nth) : 1)) return;
  process.stderr.write(`SERVER-PAUSED ${point} ${count}\n`);
  await new Promise<never>(() => {
    setInterval(() => undefined, 60_000);
  });
}
