// The server bench's parts at a small scale (bench/server/): a city's generated returns in each
// import format taken whole by the server, the analyst's drain accepting them, a workstation's
// sync, and the "nothing lost" checks — which pass on an honest record and find a figure changed on
// the server or lost on the workstation.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { migrateCentral } from '../../electron/central/schema';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { runAnalyst, submitReturn, syncOnce, type Workstation } from '../../bench/server/actors';
import { startServer, type RunningServer } from '../../bench/server/deployment';
import { LatencyLog, TimedClient } from '../../bench/server/latency';
import { Ledger } from '../../bench/server/ledger';
import { planCities, RETURN_FORMATS, ReturnGenerator } from '../../bench/server/returns';
import { checkServer, checkWorkstation, type Check } from '../../bench/server/verify';
import { scratchFolder, useTestDatabase } from './support';

const db = useTestDatabase();
const CITY = { name: 'bs.shuozhou', password: '朔州-报送口令-5170' };
const ANALYST = { name: 'fx.qian', password: '省厅-分析口令-9026' };
const FIRST_DAY = 20_300; // 2025-07-31

let server: RunningServer;
let catalogueWs: Workspace;
let station: Workstation;

const differing = (checks: Check[]) => checks.filter((c) => c.differences.length > 0);

beforeAll(async () => {
  await migrateCentral(db.pool());
  await addAccount(db.pool(), { name: CITY.name, role: 'city', region: '朔州市', password: CITY.password, createdBy: 'test' }, new Date());
  await addAccount(db.pool(), { name: ANALYST.name, role: 'analyst', password: ANALYST.password, createdBy: 'test' }, new Date());
  server = await startServer(db.url());
  const folder = scratchFolder();
  catalogueWs = openWorkspace(join(folder, 'catalogue.db'));
  const log = new LatencyLog();
  const client = new TimedClient(server.url, log);
  await client.login(ANALYST.name, ANALYST.password);
  station = { name: 'analyst', ws: openWorkspace(join(folder, 'analyst.db')), client, cityCode: null, syncs: 0, factsPulled: 0 };
});

afterAll(async () => {
  station?.ws.close();
  catalogueWs?.close();
  await server?.stop();
});

describe('bench:server parts', () => {
  const ledger = new Ledger();
  const log = new LatencyLog();

  it('a city submits a return in every format, the analyst accepts them all, the workstation syncs, and everything agrees', async () => {
    const city = planCities(catalogueWs.catalogue, catalogueWs.resolver).find((c) => c.name === '朔州市')!;
    const generator = new ReturnGenerator(catalogueWs.catalogue);
    const cityClient = new TimedClient(server.url, log);
    await cityClient.login(CITY.name, CITY.password);
    const formats = new Set<string>();
    for (let d = 0; formats.size < RETURN_FORMATS.length && d < 40; d++) {
      const file = await generator.build(city, FIRST_DAY + d, 0);
      if (formats.has(file.format)) continue;
      formats.add(file.format);
      await submitReturn(cityClient, ledger, generator, city, FIRST_DAY + d, 0);
    }
    expect(ledger.refused).toEqual([]);
    expect(ledger.submitted).toBe(RETURN_FORMATS.length);

    const analyst = new TimedClient(server.url, log);
    await analyst.login(ANALYST.name, ANALYST.password);
    const drain = { done: false };
    await runAnalyst(analyst, ledger, { stopped: true }, drain);
    expect(drain.done).toBe(true);
    expect(ledger.count('accepted')).toBe(RETURN_FORMATS.length);

    await syncOnce(station, log, ledger);
    const days = [...ledger.submissions.values()].map((s) => s.day);
    const period = { from: Math.min(...days), to: Math.max(...days) };
    const checks = [...(await checkServer(db.pool(), ledger)), ...(await checkWorkstation(db.pool(), station, period))];
    expect(differing(checks)).toEqual([]);
    expect(checks.find((c) => c.name.startsWith('server facts'))!.compared).toBe(ledger.expectedFacts().size);
    expect(log.summary(['submit', 'accept', 'sync']).map((s) => [s.call, s.count])).toEqual(
      expect.arrayContaining([
        ['submit', RETURN_FORMATS.length],
        ['accept', RETURN_FORMATS.length],
        ['sync', 1],
      ]),
    );
  });

  it('finds a figure changed on the server, and a fact lost on the workstation', async () => {
    const days = [...ledger.submissions.values()].map((s) => s.day);
    const period = { from: Math.min(...days), to: Math.max(...days) };
    const victim = (
      await db
        .pool()
        .query<{ day: number; region_code: number; indicator_id: number }>(
          'SELECT day, region_code, indicator_id FROM fact ORDER BY day DESC LIMIT 1',
        )
    ).rows[0]!;
    await db
      .pool()
      .query('UPDATE fact SET value = value + 7 WHERE day = $1 AND region_code = $2 AND indicator_id = $3', [
        victim.day,
        victim.region_code,
        victim.indicator_id,
      ]);
    const server = differing(await checkServer(db.pool(), ledger));
    expect(server.map((c) => c.differences)).toEqual([
      [expect.stringContaining(`${victim.day}|${victim.region_code}|${victim.indicator_id}:`)],
    ]);
    // The workstation now differs from the server in that fact, and in its sums.
    const ws = differing(await checkWorkstation(db.pool(), station, period)).map((c) => c.name);
    expect(ws).toContain('analyst: facts = server facts');
    expect(ws.some((n) => n.includes('city × indicator'))).toBe(true);
    await db
      .pool()
      .query('UPDATE fact SET value = value - 7 WHERE day = $1 AND region_code = $2 AND indicator_id = $3', [
        victim.day,
        victim.region_code,
        victim.indicator_id,
      ]);
    expect(differing(await checkWorkstation(db.pool(), station, period))).toEqual([]);

    station.ws.db
      .prepare('DELETE FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?')
      .run(victim.day, victim.region_code, victim.indicator_id);
    const lost = differing(await checkWorkstation(db.pool(), station, period));
    expect(lost[0]!.differences).toEqual([expect.stringContaining('missing')]);
  });
});
