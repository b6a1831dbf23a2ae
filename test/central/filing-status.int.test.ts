// 报送状态's precedence over histories a board meets: returned then accepted, accepted then a later
// file returned, an accepted batch undone, a waiting resubmission after a return.
import { beforeAll, describe, expect, it } from 'vitest';
import { addAccount, type Account } from '../../electron/central/accounts';
import { filingStatus } from '../../electron/central/filing-status';
import { inTransaction } from '../../electron/central/pg-pool';
import { acceptIntoRecord, undoInRecord } from '../../electron/central/record';
import { migrateCentral } from '../../electron/central/schema';
import { parseIsoDay } from '../../shared/dates';
import { useTestDatabase } from './support';

const db = useTestDatabase();
let analyst: Account;
let city: Account;
const D1 = parseIsoDay('2024-11-04')!;
let clock = Date.parse('2024-11-05T08:00:00Z');
const tick = () => new Date((clock += 60_000));

beforeAll(async () => {
  await migrateCentral(db.pool());
  analyst = await addAccount(
    db.pool(),
    { name: 'fs.analyst', role: 'analyst', password: 'fs-analyst-口令-1', createdBy: 'test' },
    new Date(),
  );
  city = await addAccount(
    db.pool(),
    { name: 'shuozhou.ma', role: 'city', region: '朔州市', password: 'fs-city-口令-22', createdBy: 'test' },
    new Date(),
  );
});

/** A 待审核 submission of 朔州市 covering `region` on D1 and D1+1. */
async function waiting(region: number, replace = false): Promise<number> {
  const r = await db.pool().query<{ id: string }>(
    `INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, replace_existing, status, row_count, report, submitted_at)
     VALUES ('return', $1, 140600, 'f.csv', $2, '\\x00', $3, '待审核', 2, '{}', $4) RETURNING id`,
    [city.id, `sha-${clock}`, replace, tick()],
  );
  const id = Number(r.rows[0]!.id);
  await db
    .pool()
    .query(
      'INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value) VALUES ($1, $2, $3, 19, 1), ($1, $2 + 1, $3, 19, 2)',
      [id, D1, region],
    );
  return id;
}

const accept = (id: number) => inTransaction(db.pool(), (c) => acceptIntoRecord(c, id, analyst.id, tick()));
const giveBack = (id: number) =>
  db
    .pool()
    .query("UPDATE submission SET status = '已退回', reason = '请核实', decided_at = $1, decided_by = $2 WHERE id = $3", [
      tick(),
      analyst.id,
      id,
    ]);

async function statesOf(code: number): Promise<string[]> {
  const board = await filingStatus(db.pool(), D1, D1 + 2, 140600);
  return board.units.find((u) => u.code === code)!.states;
}

describe('报送状态 precedence', () => {
  it('returned, then resubmitted (待审核), then accepted (已采用); the day without figures stays 未报', async () => {
    const first = await waiting(140602);
    await giveBack(first);
    expect(await statesOf(140602)).toEqual(['已退回', '已退回', '未报']);
    const second = await waiting(140602);
    expect(await statesOf(140602)).toEqual(['待审核', '待审核', '未报']);
    await accept(second);
    expect(await statesOf(140602)).toEqual(['已采用', '已采用', '未报']);
  });

  it('accepted figures stay 已采用 when a later file for the same unit-days is returned', async () => {
    await accept(await waiting(140603));
    await giveBack(await waiting(140603, true));
    expect(await statesOf(140603)).toEqual(['已采用', '已采用', '未报']);
  });

  it('an undone batch no longer counts: 未报 when its acceptance was the latest decision, 已退回 when a return came later', async () => {
    const accepted = await waiting(140621);
    const done = await accept(accepted);
    await inTransaction(db.pool(), (c) => undoInRecord(c, done.batchId, analyst.id, tick()));
    expect(await statesOf(140621)).toEqual(['未报', '未报', '未报']);
    await giveBack(await waiting(140621));
    expect(await statesOf(140621)).toEqual(['已退回', '已退回', '未报']);
  });

  it('lists a city’s counties, then its 市本级, with totals over the grid', async () => {
    const board = await filingStatus(db.pool(), D1, D1 + 2, 140600);
    expect(board.units.at(-1)).toMatchObject({ code: 140600, name: '朔州市本级', city: '朔州市' });
    expect(board.units.slice(0, -1).every((u) => u.code !== 140600)).toBe(true);
    const cells = board.units.length * 3;
    expect(Object.values(board.totals).reduce((a, b) => a + b, 0)).toBe(cells);
    expect(board.totals).toMatchObject({ 已采用: 4, 已退回: 2, 待审核: 0 });
  });
});
