// The provincial record on a real PostgreSQL: accepting submissions into batches (conflicts,
// replace, 督导回传), undo putting replaced figures back, the change_log, and two accepts at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { addAccount, type Account } from '../../electron/central/accounts';
import { inTransaction } from '../../electron/central/pg-pool';
import { acceptIntoRecord, RecordConflict, RecordRefused, undoInRecord } from '../../electron/central/record';
import { migrateCentral } from '../../electron/central/schema';
import { useTestDatabase } from './support';

const db = useTestDatabase();
let analyst: Account;
let cityUser: Account;
let inspector: Account;
const DAY = 19_900; // 2024-06-26
const NOW = new Date('2024-06-28T09:00:00Z');

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  analyst = await addAccount(pool, { name: 'fx.zhao', role: 'analyst', password: 'x-analyst-993', createdBy: 'test' }, NOW);
  cityUser = await addAccount(pool, { name: 'datong.wu', role: 'city', region: '大同市', password: 'x-city-993', createdBy: 'test' }, NOW);
  inspector = await addAccount(
    pool,
    { name: 'dd.datong', role: 'inspector', region: '大同市', password: 'x-insp-993', createdBy: 'test' },
    NOW,
  );
});

type Fact = [day: number, region: number, indicator: number, value: number, note?: string | null];

/** A 待审核 submission of 大同市 holding `facts`, as the upload stores it. */
async function waiting(
  name: string,
  facts: Fact[],
  options: { replace?: boolean; kind?: 'return' | 'inspection_return' } = {},
): Promise<number> {
  const pool = db.pool();
  const by = options.kind === 'inspection_return' ? inspector : cityUser;
  const r = await pool.query<{ id: string }>(
    `INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, replace_existing, status, row_count, report, submitted_at)
     VALUES ($1, $2, 140200, $3, $4, $5, $6, '待审核', $7, '[]', $8) RETURNING id`,
    [options.kind ?? 'return', by.id, name, `sha-${name}`, Buffer.from(name), options.replace ?? false, facts.length, NOW],
  );
  const id = Number(r.rows[0]!.id);
  for (const [day, region, indicator, value, note] of facts) {
    await pool.query(
      'INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value, note) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, day, region, indicator, value, note ?? null],
    );
  }
  return id;
}

async function factsNow(): Promise<
  { day: number; region_code: number; indicator_id: number; value: number; batch_id: string; note: string | null }[]
> {
  return (
    await db.pool().query('SELECT day, region_code, indicator_id, value, batch_id, note FROM fact ORDER BY day, region_code, indicator_id')
  ).rows;
}

const accept = (id: number) => inTransaction(db.pool(), (c) => acceptIntoRecord(c, id, analyst.id, NOW));
const undo = (id: number) => inTransaction(db.pool(), (c) => undoInRecord(c, id, analyst.id, NOW));

describe('the provincial record', () => {
  let firstBatch = 0;
  let replacingBatch = 0;

  it('accepts a submission: its rows become the facts of a new batch, with one change_log row', async () => {
    const id = await waiting('大同-6月26日.csv', [
      [DAY, 140212, 2, 17],
      [DAY, 140213, 2, 9, '含夜查'],
      [DAY, 140200, 5, 1203],
    ]);
    const done = await accept(id);
    firstBatch = done.batchId;
    expect(done).toMatchObject({ facts: 3, replaced: 0 });
    const facts = await factsNow();
    expect(facts.map((f) => [f.day, f.region_code, f.indicator_id, f.value, Number(f.batch_id), f.note])).toEqual([
      [DAY, 140200, 5, 1203, done.batchId, null],
      [DAY, 140212, 2, 17, done.batchId, null],
      [DAY, 140213, 2, 9, done.batchId, '含夜查'],
    ]);
    const batch = (
      await db
        .pool()
        .query('SELECT submission_id, city_code, source, sha256, fact_count, replaced_count, accepted_by FROM batch WHERE id = $1', [
          done.batchId,
        ])
    ).rows[0];
    expect(batch).toMatchObject({
      submission_id: String(id),
      city_code: 140200,
      source: '大同-6月26日.csv',
      sha256: 'sha-大同-6月26日.csv',
      fact_count: 3,
      replaced_count: 0,
      accepted_by: String(analyst.id),
    });
    const sub = (await db.pool().query('SELECT status, batch_id, decided_by FROM submission WHERE id = $1', [id])).rows[0];
    expect(sub).toEqual({ status: '已采用', batch_id: String(done.batchId), decided_by: String(analyst.id) });
    const log = (await db.pool().query('SELECT seq, kind, batch_id, city_code FROM change_log ORDER BY seq')).rows;
    expect(log).toEqual([{ seq: String(done.seq), kind: 'batch_accepted', batch_id: String(done.batchId), city_code: 140200 }]);
  });

  it('refuses a submission that meets accepted figures without replacing, locating each conflict, and writes nothing', async () => {
    const id = await waiting('大同-更正.csv', [
      [DAY, 140212, 2, 18],
      [DAY, 140214, 2, 4],
      [DAY, 140200, 5, 1300],
    ]);
    const before = await factsNow();
    const error = await accept(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordConflict);
    const conflict = error as RecordConflict;
    expect(conflict.count).toBe(2);
    expect(conflict.problems.map((p) => [p.kind, p.file, p.value, p.reason])).toEqual([
      [
        'conflict',
        '大同-更正.csv',
        '1300',
        `大同市本级·综合·检查车辆·2024-06-26 已有数值 1203（批次 ${firstBatch}，来源“大同-6月26日.csv”）`,
      ],
      [
        'conflict',
        '大同-更正.csv',
        '18',
        `大同市新荣区·综合·出动车辆·2024-06-26 已有数值 17（批次 ${firstBatch}，来源“大同-6月26日.csv”）`,
      ],
    ]);
    expect(await factsNow()).toEqual(before);
    expect((await db.pool().query('SELECT status FROM submission WHERE id = $1', [id])).rows[0].status).toBe('待审核');
    expect((await db.pool().query('SELECT COUNT(*)::int AS n FROM batch')).rows[0].n).toBe(1);
  });

  it('replaces when asked: the old figures go to fact_replaced with their batch and note', async () => {
    const id = await waiting(
      '大同-更正-替换.csv',
      [
        [DAY, 140213, 2, 11, '复核后'],
        [DAY, 140214, 2, 4],
      ],
      { replace: true },
    );
    const done = await accept(id);
    replacingBatch = done.batchId;
    expect(done).toMatchObject({ facts: 2, replaced: 1 });
    const replaced = (
      await db.pool().query('SELECT batch_id, day, region_code, indicator_id, value, old_batch_id, note FROM fact_replaced')
    ).rows;
    expect(replaced).toEqual([
      {
        batch_id: String(done.batchId),
        day: DAY,
        region_code: 140213,
        indicator_id: 2,
        value: 9,
        old_batch_id: String(firstBatch),
        note: '含夜查',
      },
    ]);
    const facts = await factsNow();
    expect(facts.find((f) => f.region_code === 140213)).toMatchObject({ value: 11, batch_id: String(done.batchId), note: '复核后' });
    expect(facts).toHaveLength(4);
  });

  it('refuses to undo a batch a later live batch replaced, then undoes in order and restores', async () => {
    const refused = await undo(firstBatch).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RecordRefused);
    expect((refused as Error).message).toContain(`请先撤销批次 ${replacingBatch}`);
    const undone = await undo(replacingBatch);
    expect(undone).toMatchObject({ removed: 2, restored: 1 });
    const facts = await factsNow();
    expect(facts.map((f) => [f.region_code, f.indicator_id, f.value, Number(f.batch_id), f.note])).toEqual([
      [140200, 5, 1203, firstBatch, null],
      [140212, 2, 17, firstBatch, null],
      [140213, 2, 9, firstBatch, '含夜查'],
    ]);
    const again = await undo(replacingBatch).catch((e: unknown) => e);
    expect((again as Error).message).toContain('已于');
    const log = (await db.pool().query('SELECT kind, batch_id, city_code FROM change_log ORDER BY seq')).rows;
    expect(log.at(-1)).toEqual({ kind: 'batch_undone', batch_id: String(replacingBatch), city_code: 140200 });
    expect((await db.pool().query('SELECT undone_by FROM batch WHERE id = $1', [replacingBatch])).rows[0].undone_by).toBe(
      String(analyst.id),
    );
  });

  it('a 督导回传 always replaces', async () => {
    const id = await waiting('督导回传-大同.xlsx', [[DAY, 140212, 2, 21]], { kind: 'inspection_return' });
    const done = await accept(id);
    expect(done).toMatchObject({ facts: 1, replaced: 1 });
    expect((await factsNow()).find((f) => f.region_code === 140212)?.value).toBe(21);
  });

  it('of two accepts of the same submission at once, one wins and the other is refused', async () => {
    const id = await waiting('大同-6月27日.csv', [[DAY + 1, 140221, 3, 6]]);
    const results = await Promise.allSettled([accept(id), accept(id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(RecordRefused);
    expect((lost.reason as Error).message).toContain('已采用');
    expect((await db.pool().query('SELECT COUNT(*)::int AS n FROM batch WHERE submission_id = $1', [id])).rows[0].n).toBe(1);
  });

  it('accepts 100k facts in a few set-based statements', async () => {
    const pool = db.pool();
    const r = await pool.query<{ id: string }>(
      `INSERT INTO submission (kind, account_id, city_code, file_name, file_sha256, file_bytes, status, row_count, report, submitted_at)
       VALUES ('return', $1, 140200, 'big.csv', 'sha-big', '\\x00', '待审核', 100000, '[]', $2) RETURNING id`,
      [cityUser.id, NOW],
    );
    const id = Number(r.rows[0]!.id);
    // 1,000 days × 10 units × 10 indicators, far from the days above.
    await pool.query(
      `INSERT INTO submission_fact (submission_id, day, region_code, indicator_id, value)
       SELECT $1, 15000 + d, u, i, d + i FROM generate_series(0, 999) d,
         (VALUES (140212), (140213), (140214), (140215), (140221), (140222), (140223), (140224), (140225), (140226)) units(u),
         generate_series(1, 10) i`,
      [id],
    );
    const started = Date.now();
    const done = await accept(id);
    expect(done.facts).toBe(100_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await pool.query('SELECT COUNT(*)::int AS n FROM fact WHERE batch_id = $1', [done.batchId])).rows[0].n).toBe(100_000);
  });
});
