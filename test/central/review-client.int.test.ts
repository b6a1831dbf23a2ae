// central-client/review-client.ts, the calls the workstation's operations (listSubmissions,
// submissionDetail, decideSubmission, filingStatus) make, against a real server on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { migrateCentral } from '../../electron/central/schema';
import { CentralApiError, CentralClient } from '../../electron/central-client/http-client';
import {
  decideSubmission,
  filingStatus,
  listSubmissions,
  submissionDetail,
  submitFiles,
} from '../../electron/central-client/review-client';
import { useTestDatabase } from './support';
import { csv, LONG_HEADER } from './submission-support';

const db = useTestDatabase();
let server: CentralServer;
const analyst = () => new CentralClient(server.url);

beforeAll(async () => {
  await migrateCentral(db.pool());
  const at = new Date();
  await addAccount(db.pool(), { name: 'rc.analyst', role: 'analyst', password: 'rc-分析-口令-0001', createdBy: 'test' }, at);
  await addAccount(db.pool(), { name: 'linfen.tb', role: 'city', region: '临汾市', password: 'rc-临汾-口令-0002', createdBy: 'test' }, at);
  server = await startCentralServer({ pool: db.pool() });
});

afterAll(async () => {
  await server?.close();
});

describe('the review client', () => {
  it('submits, lists, details, returns, accepts and reads the board', async () => {
    const city = new CentralClient(server.url);
    await city.login('linfen.tb', 'rc-临汾-口令-0002');
    const [good, foreign] = await submitFiles(city, [
      {
        name: '临汾-12月2日.csv',
        bytes: csv([LONG_HEADER, '2024-12-02,尧都区,网安,侦办涉网案件,3,起,', '2024-12-02,侯马市,网安,侦办涉网案件,1,起,']),
      },
      { name: '临汾-混入.csv', bytes: csv([LONG_HEADER, '2024-12-02,大同市平城区,网安,侦办涉网案件,3,起,']) },
    ]);
    expect(good).toMatchObject({ file: '临汾-12月2日.csv', status: '待审核', rows: 2, problems: [] });
    expect(foreign).toMatchObject({ id: null, status: '已拒收', rows: 0 });
    expect(foreign!.problems[0]!.reason).toMatch(/^无权报送大同市的数据/);

    const c = analyst();
    await c.login('rc.analyst', 'rc-分析-口令-0001');
    const { submissions } = await listSubmissions(c, { status: '待审核' });
    expect(submissions.map((s) => [s.id, s.city, s.user])).toEqual([[good!.id, '临汾市', 'linfen.tb']]);
    const detail = await submissionDetail(c, { id: good!.id! });
    expect(detail.units.map((u) => u.name)).toEqual(['临汾市尧都区', '临汾市侯马市']);
    const returned = await decideSubmission(c, { id: good!.id!, decision: 'return', reason: '侯马市案件数请与网安支队核对' });
    expect(returned.submission).toMatchObject({ status: '已退回', reason: '侯马市案件数请与网安支队核对' });
    await expect(decideSubmission(c, { id: good!.id!, decision: 'accept' })).rejects.toMatchObject({ status: 409 });

    const [again] = await submitFiles(city, [
      {
        name: '临汾-12月2日-更正.csv',
        bytes: csv([LONG_HEADER, '2024-12-02,尧都区,网安,侦办涉网案件,3,起,', '2024-12-02,侯马市,网安,侦办涉网案件,2,起,']),
      },
    ]);
    const accepted = await decideSubmission(c, { id: again!.id!, decision: 'accept' });
    expect(accepted).toEqual({ submission: expect.objectContaining({ status: '已采用', batch_id: expect.any(Number) }), replaced: 0 });

    const board = await filingStatus(c, { from: '2024-12-01', to: '2024-12-02', city: '临汾' });
    const states = Object.fromEntries(board.units.map((u) => [u.name, u.states]));
    expect(states['尧都区']).toEqual(['未报', '已采用']);
    expect(states['侯马市']).toEqual(['未报', '已采用']);
    expect(states['临汾市本级']).toEqual(['未报', '未报']);
    // A city account cannot decide.
    const refused = await decideSubmission(city, { id: again!.id!, decision: 'accept' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CentralApiError);
    expect((refused as CentralApiError).status).toBe(403);
  });
});
