// A test hook for the resumed-sync test: with CAMPAIGN_TEST_HOOKS=1 and
// CAMPAIGN_TEST_SYNC_PAUSE_AFTER=N, a sync stops for good after its N-th change is committed (and
// says so on stderr), so the test can kill the process there with SIGKILL.
export async function pauseForTestIfAsked(applied: number): Promise<void> {
  if (process.env.CAMPAIGN_TEST_HOOKS !== '1') return;
  const after = Number(process.env.CAMPAIGN_TEST_SYNC_PAUSE_AFTER);
  if (!Number.isInteger(after) || applied !== after) return;
  process.stderr.write(`SYNC-PAUSED ${applied}\n`);
  await new Promise<never>(() => {
    setInterval(() => undefined, 60_000);
  });
}
