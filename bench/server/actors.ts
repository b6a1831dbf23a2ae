// The bench's clients, each an async loop until `stop` says so: a city submitting its daily returns
// and resubmitting what was returned, corrected; the analyst accepting waiting submissions and
// returning some with a reason; a workstation syncing its SQLite copy through the product's sync.
import type { SubmissionJson, SubmitResultJson, DecisionJson } from '../../shared/api/central';
import { syncDatabase } from '../../electron/sync/sync-database';
import type { Workspace } from '../../electron/store/workspace';
import type { Ledger } from './ledger';
import type { LatencyLog, TimedClient } from './latency';
import type { CityPlan, ReturnGenerator } from './returns';
import { seedOf } from '../../electron/demo/random';

export interface StopSignal {
  /** Clients start no new work once it is true. */
  stopped: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outcome of one uploaded file (the answer holds a list of them, one per file). */
function submitOutcome(answer: { submissions?: SubmitResultJson[] } & Partial<SubmitResultJson>): SubmitResultJson {
  const one = answer.submissions?.[0] ?? (answer.id !== undefined ? (answer as SubmitResultJson) : undefined);
  if (!one) throw new Error(`POST /api/submissions answered no outcome: ${JSON.stringify(answer).slice(0, 200)}`);
  return one;
}

export async function submitReturn(
  client: TimedClient,
  ledger: Ledger,
  gen: ReturnGenerator,
  city: CityPlan,
  day: number,
  version: number,
): Promise<void> {
  const file = await gen.build(city, day, version);
  const outcome = submitOutcome(await client.postFile('/api/submissions', file.name, file.bytes));
  if (outcome.id === null || outcome.status !== '待审核') {
    ledger.refused.push({ file: file.name, status: outcome.status, problems: outcome.problems.slice(0, 3) });
    return;
  }
  if (outcome.rows !== file.facts.length)
    throw new Error(`${file.name}: the server counted ${outcome.rows} rows, the file holds ${file.facts.length}`);
  ledger.sent({
    id: outcome.id,
    city: city.code,
    day,
    version,
    file: file.name,
    format: file.format,
    facts: file.facts,
    decision: 'waiting',
  });
}

/** A city: one return per day (the next day each time), and each 退回 resubmitted corrected. */
export async function runCity(
  client: TimedClient,
  ledger: Ledger,
  gen: ReturnGenerator,
  city: CityPlan,
  firstDay: number,
  stop: StopSignal,
): Promise<void> {
  let day = firstDay;
  const resubmitted = new Set<number>();
  let round = 0;
  while (!stop.stopped) {
    await submitReturn(client, ledger, gen, city, day++, 0);
    // Every few returns the city looks at what came back, as its clerk would.
    if (++round % 3 === 0) {
      const { submissions } = await client.get<{ submissions: SubmissionJson[] }>('/api/submissions', { status: '已退回' });
      for (const s of submissions) {
        if (resubmitted.has(s.id) || stop.stopped) continue;
        const mine = ledger.submissions.get(s.id);
        if (!mine) throw new Error(`city ${city.name} sees submission ${s.id} (${s.city}), which it did not send`);
        if (!s.reason) throw new Error(`returned submission ${s.id} carries no reason`);
        resubmitted.add(s.id);
        await submitReturn(client, ledger, gen, city, mine.day, mine.version + 1);
      }
    }
  }
}

/** A first version is returned about one time in eight; a corrected one is accepted. */
function shouldReturn(s: SubmissionJson): boolean {
  return !s.file.includes('_更正') && seedOf(`return:${s.id}`) % 8 === 0;
}

/** The analyst: takes the waiting submissions oldest first, reads one in five in detail, decides. */
export async function runAnalyst(client: TimedClient, ledger: Ledger, stop: StopSignal, drain: { done: boolean }): Promise<void> {
  for (;;) {
    const { submissions } = await client.get<{ submissions: SubmissionJson[] }>('/api/submissions', { status: '待审核' });
    if (submissions.length === 0) {
      if (stop.stopped) {
        drain.done = true;
        return;
      }
      await sleep(200);
      continue;
    }
    for (const s of [...submissions].sort((a, b) => a.id - b.id)) {
      if (seedOf(`detail:${s.id}`) % 5 === 0) await client.get('/api/submission', { id: s.id });
      // Once the clock has run out, everything left is accepted so the run ends with nothing waiting.
      if (!stop.stopped && shouldReturn(s)) {
        const d = await client.postJson<DecisionJson>('/api/submissions/return', {
          id: s.id,
          reason: '部分县区数值与台账不符，请核实后重新报送',
        });
        if (d.submission.status !== '已退回') throw new Error(`return of ${s.id} answered ${d.submission.status}`);
        ledger.decided(s.id, 'returned');
      } else {
        const d = await client.postJson<DecisionJson>('/api/submissions/accept', { id: s.id });
        if (d.submission.status !== '已采用') throw new Error(`accept of ${s.id} answered ${d.submission.status}`);
        ledger.decided(s.id, 'accepted');
      }
    }
  }
}

export interface Workstation {
  name: string;
  ws: Workspace;
  client: TimedClient;
  /** The account's city (city, inspector), else null. */
  cityCode: number | null;
  syncs: number;
  factsPulled: number;
}

export async function syncOnce(w: Workstation, log: LatencyLog, ledger: Ledger): Promise<void> {
  const outcome = await log.time('sync', () => syncDatabase(w.ws, w.client));
  w.syncs++;
  w.factsPulled += outcome.result.facts_added;
  ledger.syncs++;
}

/** A workstation: syncs, waits a little (an analyst at work), syncs again. */
export async function runWorkstation(w: Workstation, log: LatencyLog, ledger: Ledger, stop: StopSignal, pauseMs: number): Promise<void> {
  while (!stop.stopped) {
    await syncOnce(w, log, ledger);
    await sleep(pauseMs * (0.5 + Math.random()));
  }
}
