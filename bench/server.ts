// The provincial server under load (issue 14 §3): a PostgreSQL database (a throwaway cluster, or
// --pg), `campaign server init`, accounts by `campaign server user add`, `campaign server start` as
// a child process; then for a bounded time, concurrently, 11 city clients submitting their daily
// returns (long/wide CSV and XLSX), the analyst accepting and returning them (the cities resubmit
// what comes back, corrected), and 5 workstations (SQLite copies: analysts', a city's, an
// inspector's) syncing through the product's syncDatabase. Prints throughput and p50/p95 of each API
// call, then checks that nothing is lost (verify.ts); exits 1 on any difference.
//   npm run bench:server -- [--seconds N] [--pg postgres://user@host:port/db] [--json FILE] [--keep]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { openWorkspace } from '../electron/store/workspace';
import { isoDay } from '../shared/dates';
import { runAnalyst, runCity, runWorkstation, syncOnce, type StopSignal, type Workstation } from './server/actors';
import {
  addAccounts,
  benchDatabase,
  ensureCliBundle,
  mustRun,
  startServer,
  type BenchAccount,
  type RunningServer,
} from './server/deployment';
import { LatencyLog, TimedClient } from './server/latency';
import { Ledger } from './server/ledger';
import { planCities, ReturnGenerator } from './server/returns';
import { checkServer, checkWorkstation, type Check } from './server/verify';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    pg: { type: 'string' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
if (!(seconds > 0 && seconds <= 3600)) throw new Error(`--seconds: 1 to 3600, not ${args.seconds}`);

const log = (s: string) => console.log(s);
const fmt = (x: number) => (Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const PASSWORD = (name: string) => `bench-${name}-口令-2026`;
/** The first day the cities report: the 2024 campaign's season (no campaign of the catalogue holds it). */
const FIRST_DAY = 19_905; // 2024-07-01
const WORKSTATION_PAUSE_MS = 1500;

async function main(): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'campaign-bench-server-'));
  const database = await benchDatabase(args.pg);
  let server: RunningServer | null = null;
  const workstations: Workstation[] = [];
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const t0 = performance.now();
    ensureCliBundle();
    await mustRun(['server', 'init', '--pg', database.url]);
    const catalogueWs = openWorkspace(join(folder, 'catalogue.db'));
    const cities = planCities(catalogueWs.catalogue, catalogueWs.resolver);
    const accounts = await addAccounts(database.url, join(folder, 'passwords'), [
      { name: 'gly', role: 'admin', password: PASSWORD('gly') },
      { name: 'shenhe', role: 'analyst', password: PASSWORD('shenhe') },
      ...[1, 2, 3].map((n) => ({ name: `fenxi${n}`, role: 'analyst' as const, password: PASSWORD(`fenxi${n}`) })),
      ...cities.map((c) => ({ name: `baosong.${c.code}`, role: 'city' as const, region: c.name, password: PASSWORD(String(c.code)) })),
      // A second account of 太原市 for its own workstation, and 吕梁市's 督导组.
      { name: 'taiyuan.chakan', role: 'city', region: '太原市', password: PASSWORD('taiyuan') },
      { name: 'duzhu.lvliang', role: 'inspector', region: '吕梁市', password: PASSWORD('lvliang') },
    ]);
    const byName = new Map<string, BenchAccount>(accounts.map((a) => [a.name, a]));
    server = await startServer(database.url);
    log(
      `server ${server.url} on ${args.pg ? 'the given PostgreSQL' : 'a throwaway PostgreSQL cluster'}; ${accounts.length} accounts; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const latency = new LatencyLog();
    const ledger = new Ledger();
    const generator = new ReturnGenerator(catalogueWs.catalogue);
    const login = async (name: string) => {
      const c = new TimedClient(server!.url, latency);
      await c.login(name, byName.get(name)!.password);
      return c;
    };
    const cityClients = await Promise.all(cities.map((c) => login(`baosong.${c.code}`)));
    const analyst = await login('shenhe');
    const stations: [string, string, number | null][] = [
      ['analyst-1', 'fenxi1', null],
      ['analyst-2', 'fenxi2', null],
      ['analyst-3', 'fenxi3', null],
      ['city-太原市', 'taiyuan.chakan', cities.find((c) => c.name === '太原市')!.code],
      ['inspector-吕梁市', 'duzhu.lvliang', cities.find((c) => c.name === '吕梁市')!.code],
    ];
    for (const [name, account, cityCode] of stations) {
      workstations.push({
        name,
        ws: openWorkspace(join(folder, `${name}.db`)),
        client: await login(account),
        cityCode,
        syncs: 0,
        factsPulled: 0,
      });
    }

    const loadBefore = loadavg()[0]!;
    log(`running ${seconds} s: ${cities.length} cities submitting, 1 analyst deciding, ${workstations.length} workstations syncing ...`);
    const stop: StopSignal = { stopped: false };
    const drain = { done: false };
    // The clients share this process: its event loop's delay is part of every latency measured here.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const cityRuns = cities.map((c, i) => runCity(cityClients[i]!, ledger, generator, c, FIRST_DAY, stop));
    const analystRun = runAnalyst(analyst, ledger, stop, drain);
    const stationRuns = workstations.map((w) => runWorkstation(w, latency, ledger, stop, WORKSTATION_PAUSE_MS));
    const failures: unknown[] = [];
    const watched = [...cityRuns, analystRun, ...stationRuns].map((p) =>
      p.catch((e: unknown) => {
        failures.push(e);
        stop.stopped = true;
      }),
    );
    await Promise.race([new Promise((r) => setTimeout(r, seconds * 1000)), Promise.all(watched)]);
    stop.stopped = true;
    latency.closeWindow();
    const window = (performance.now() - started) / 1000;
    loopDelay.disable();
    const during = {
      submitted: ledger.submitted,
      acceptedFacts: ledger.acceptedFacts,
      accepted: ledger.count('accepted'),
      syncs: ledger.syncs,
    };
    await Promise.all(watched);
    const drained = (performance.now() - started) / 1000;
    if (failures.length > 0) throw failures[0];

    // The final sync: every copy brought up to the end of the record.
    const finalSync = new LatencyLog(false);
    for (const w of workstations) await syncOnce(w, finalSync, ledger);

    const summary = latency.summary(['login', 'submit', 'list', 'detail', 'accept', 'return', 'changes', 'batch-facts', 'sync']);
    const drainSummary = new Map(latency.after!.summary([]).map((s) => [s.call, s]));
    log('');
    log(`| API call (during the ${seconds} s) | calls | failed | p50 ms | p95 ms | max ms | after the clock: calls, p50 / p95 ms |`);
    log(`|---|---|---|---|---|---|---|`);
    for (const s of summary) {
      const d = drainSummary.get(s.call);
      log(
        `| ${s.call}${s.call === 'sync' ? ' (end to end)' : ''} | ${s.count} | ${s.failed} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} | ${d ? `${d.count}${d.failed ? ` (+${d.failed} failed)` : ''}, ${fmt(d.p50)} / ${fmt(d.p95)}` : '—'} |`,
      );
    }
    const fin = finalSync.summary(['sync'])[0];
    log('');
    log(`| throughput over ${window.toFixed(1)} s | |`);
    log(`|---|---|`);
    log(
      `| submissions/s (files taken, ${during.submitted} of them; ${ledger.resubmitted} resubmitted after 退回) | ${(during.submitted / window).toFixed(2)} |`,
    );
    log(
      `| facts/s accepted (${during.acceptedFacts.toLocaleString('en')} facts in ${during.accepted} batches) | ${fmt(during.acceptedFacts / window)} |`,
    );
    log(`| syncs/s (${during.syncs} syncs by ${workstations.length} workstations) | ${(during.syncs / window).toFixed(2)} |`);
    log(`| after the clock: queue drained in | ${(drained - window).toFixed(1)} s |`);
    log(`| facts/s accepted, clock and drain together | ${fmt(ledger.acceptedFacts / drained)} |`);
    log(`| final sync of each workstation, p50 / max | ${fmt(fin?.p50 ?? NaN)} / ${fmt(fin?.max ?? NaN)} ms |`);
    log(
      `| the bench process's own event-loop delay (in every figure above), p50 / p99 / max | ${fmt(loopDelay.percentile(50) / 1e6)} / ${fmt(loopDelay.percentile(99) / 1e6)} / ${fmt(loopDelay.max / 1e6)} ms |`,
    );
    log(
      `| machine: ${cpus().length} cores, load average (1 min) at start / end | ${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} |`,
    );
    log(
      `| totals | ${ledger.submitted} submissions: ${ledger.count('accepted')} 已采用, ${ledger.count('returned')} 已退回, ${ledger.count('waiting')} 待审核; ${ledger.expectedFacts().size.toLocaleString('en')} facts |`,
    );

    // Nothing lost.
    const days = [...ledger.submissions.values()].map((s) => s.day);
    const period = { from: Math.min(...days), to: Math.max(...days) };
    const checks: Check[] = [...(await checkServer(pool, ledger))];
    for (const w of workstations) checks.push(...(await checkWorkstation(pool, w, period)));
    if (ledger.refused.length > 0)
      checks.push({
        name: 'every bench return taken by the server',
        compared: ledger.submitted + ledger.refused.length,
        differences: ledger.refused.map((r) => `${r.file}: ${r.status} ${JSON.stringify(r.problems)}`),
      });
    log('');
    log(`checks over ${isoDay(period.from)} .. ${isoDay(period.to)}:`);
    let bad = 0;
    for (const c of checks) {
      log(
        `  ${c.differences.length === 0 ? 'ok  ' : 'DIFF'} ${c.name} (${c.compared.toLocaleString('en')} compared${c.differences.length ? `, ${c.differences.length} differ` : ''})`,
      );
      for (const d of c.differences.slice(0, 5)) log(`         ${d}`);
      if (c.differences.length > 0) bad++;
    }
    log(bad === 0 ? 'nothing lost: the server and every workstation agree' : `${bad} check(s) found differences`);
    if (args.json) {
      writeFileSync(
        args.json,
        JSON.stringify(
          {
            seconds: window,
            during,
            totals: {
              submitted: ledger.submitted,
              resubmitted: ledger.resubmitted,
              accepted: ledger.count('accepted'),
              returned: ledger.count('returned'),
              facts: ledger.expectedFacts().size,
            },
            calls: summary,
            afterTheClock: latency.after!.summary([]),
            finalSync: fin,
            checks: checks.map((c) => ({ name: c.name, compared: c.compared, differences: c.differences.length })),
          },
          null,
          2,
        ),
      );
    }
    return bad === 0 ? 0 : 1;
  } finally {
    for (const w of workstations) w.ws.close();
    await pool.end();
    if (server) {
      const code = await server.stop();
      if (code !== 0) log(`server exited ${code}:\n${server.output().slice(-2000)}`);
    }
    await database.close();
    if (args.keep) log(`kept ${folder}`);
    else rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
