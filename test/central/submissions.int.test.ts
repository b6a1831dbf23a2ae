// 报送 on a real PostgreSQL through the HTTP API: city scope (another city's rows refused, nothing
// stored, audited), the lifecycle (submit → 待审核 → 退回 with reason → the city sees it → corrected
// → 采用 → batch equal to the file), conflicts and replace, an inspector's 督导回传, undo, the
// 报送状态 board, every import format, and uploads meant to hurt.
import { deflateRawSync, constants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { migrateCentral } from '../../electron/central/schema';
import type { FilingStatusJson, SubmissionDetailJson, SubmissionJson } from '../../shared/api/central';
import { oneSheetXlsx } from '../ingest/zip-build';
import { call, useTestDatabase } from './support';
import { csv, gbk, LONG_HEADER, login, PASSWORDS, upload, xlsx } from './submission-support';

const db = useTestDatabase();
let server: CentralServer;
let base: string;
const bugs: string[] = [];
const tokens = { analyst: '', analyst2: '', yangquan: '', jincheng: '', inspector: '' };

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  const at = new Date();
  await addAccount(pool, { name: 'fx.sun', role: 'analyst', password: PASSWORDS.analyst, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'fx.qian', role: 'analyst', password: PASSWORDS.analyst2, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'yq.zhou', role: 'city', region: '阳泉市', password: PASSWORDS.yangquan, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'jc.feng', role: 'city', region: '晋城市', password: PASSWORDS.jincheng, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'dd.jincheng', role: 'inspector', region: '晋城', password: PASSWORDS.inspector, createdBy: 'test' }, at);
  server = await startCentralServer({ pool, logBug: (id, e) => bugs.push(`${id} ${e instanceof Error ? e.stack : String(e)}`) });
  base = server.url;
  tokens.analyst = await login(base, 'fx.sun', PASSWORDS.analyst);
  tokens.analyst2 = await login(base, 'fx.qian', PASSWORDS.analyst2);
  tokens.yangquan = await login(base, 'yq.zhou', PASSWORDS.yangquan);
  tokens.jincheng = await login(base, 'jc.feng', PASSWORDS.jincheng);
  tokens.inspector = await login(base, 'dd.jincheng', PASSWORDS.inspector);
});

afterAll(async () => {
  await server?.close();
  expect(bugs).toEqual([]);
});

async function count(sql: string, args: unknown[] = []): Promise<number> {
  return Number((await db.pool().query<{ n: string }>(sql, args)).rows[0]!.n);
}

async function lastAudit(action: string) {
  return (
    await db
      .pool()
      .query('SELECT account_name, action, target, outcome, reason FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1', [action])
  ).rows[0];
}

const YANGQUAN_0903 = [
  LONG_HEADER,
  '2024-09-03,盂县,禁毒,出动警力,45,人次,',
  '2024-09-03,平定县,禁毒,排查重点场所,7,个,含两处网吧',
  '2024-09-03,阳泉市本级,综合,抓获在逃人员,2,名,',
];

describe('city scope', () => {
  it('refuses a city file holding another city’s rows: 403 naming that city, nothing stored, audited', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM submission');
    const file = csv([LONG_HEADER, '2024-09-02,盂县,禁毒,出动警力,30,人次,', '2024-09-02,晋城市沁水县,禁毒,出动警力,12,人次,']);
    const r = await upload(base, tokens.yangquan, '阳泉-9月2日.csv', file);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(
      /^无权报送晋城市的数据：文件“阳泉-9月2日\.csv”第 3 行（晋城市沁水县）等 1 条数据不属于阳泉市；地市报送员账号只能报送阳泉市的数据，整个文件未保存$/,
    );
    expect(await count('SELECT COUNT(*) AS n FROM submission')).toBe(before);
    expect(await count('SELECT COUNT(*) AS n FROM submission_fact')).toBe(0);
    expect(await lastAudit('POST /api/submissions')).toEqual({
      account_name: 'yq.zhou',
      action: 'POST /api/submissions',
      target: '阳泉-9月2日.csv',
      outcome: 'refused',
      reason: r.body.error,
    });
  });

  it('refuses the province’s own units too', async () => {
    const r = await upload(base, tokens.jincheng, '晋城.csv', csv([LONG_HEADER, '2024-09-02,省厅直属,禁毒,出动警力,3,人次,']));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/无权报送省厅直属的数据/);
  });

  it('an analyst cannot submit at all', async () => {
    const r = await upload(base, tokens.analyst, 'x.csv', csv(YANGQUAN_0903));
    expect(r.status).toBe(403);
  });
});

describe('the lifecycle', () => {
  let firstId = 0;
  let secondId = 0;

  it('a valid file becomes 待审核 with its rows', async () => {
    const r = await upload(base, tokens.yangquan, '阳泉-9月3日.csv', csv(YANGQUAN_0903));
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(['id', 'file', 'status', 'rows', 'problems']);
    expect(r.body).toMatchObject({ file: '阳泉-9月3日.csv', status: '待审核', rows: 3, problems: [] });
    firstId = r.body.id as number;
    expect(await count('SELECT COUNT(*) AS n FROM submission_fact WHERE submission_id = $1', [firstId])).toBe(3);
    expect((await lastAudit('POST /api/submissions')).target).toBe(String(firstId));
  });

  it('the same content again is refused unstored while it waits', async () => {
    const r = await upload(base, tokens.yangquan, '阳泉-9月3日-再发.csv', csv(YANGQUAN_0903));
    expect(r.status).toBe(409);
    expect(r.body.error).toBe(`文件“阳泉-9月3日-再发.csv”内容与待审核的报送 ${firstId}（“阳泉-9月3日.csv”）完全相同，未重复报送`);
  });

  it('the same new file sent twice at once is stored once', async () => {
    const file = csv([LONG_HEADER, '2024-09-20,郊区,禁毒,出动警力,5,人次,']);
    const both = await Promise.all([
      upload(base, tokens.yangquan, '阳泉-9月20日.csv', file),
      upload(base, tokens.yangquan, '阳泉-9月20日(1).csv', file),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count("SELECT COUNT(*) AS n FROM submission WHERE file_name LIKE '阳泉-9月20日%'")).toBe(1);
    const stored = both.find((r) => r.status === 201)!;
    await call(base, 'POST', '/api/submissions/return', { token: tokens.analyst, body: { id: stored.body.id, reason: '测试并发，退回' } });
  });

  it('a file with problems is 校验未通过 with its report, no rows', async () => {
    const r = await upload(
      base,
      tokens.yangquan,
      '阳泉-有误.csv',
      csv([LONG_HEADER, '2024-09-04,盂县,禁毒,出动警力,四十,人次,', '2024-09-31,平定县,禁毒,排查重点场所,7,个,']),
    );
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('校验未通过');
    const problems = r.body.problems as { kind: string; row: number; column: string; value: string }[];
    expect(problems.map((p) => [p.kind, p.row, p.column, p.value])).toEqual([
      ['value', 2, '数值', '四十'],
      ['date', 3, '日期', '2024-09-31'],
    ]);
    expect(await count('SELECT COUNT(*) AS n FROM submission_fact WHERE submission_id = $1', [r.body.id])).toBe(0);
  });

  it('an analyst returns it with a reason; the city sees the reason in its list and detail', async () => {
    const r = await call(base, 'POST', '/api/submissions/return', {
      token: tokens.analyst,
      body: { id: firstId, reason: '盂县出动警力与周报不符，请核实后重报' },
    });
    expect(r.status).toBe(200);
    const s = r.body.submission as SubmissionJson;
    expect(s).toMatchObject({
      id: firstId,
      status: '已退回',
      reason: '盂县出动警力与周报不符，请核实后重报',
      decided_by: 'fx.sun',
      city: '阳泉市',
      user: 'yq.zhou',
      kind: 'return',
    });
    expect(r.body.replaced).toBe(0);
    expect(await lastAudit('POST /api/submissions/return')).toMatchObject({ target: String(firstId), outcome: 'ok' });
    const mine = await call(base, 'GET', '/api/submissions', { token: tokens.yangquan });
    const listed = (mine.body.submissions as SubmissionJson[]).find((x) => x.id === firstId)!;
    expect(listed).toMatchObject({ status: '已退回', reason: '盂县出动警力与周报不符，请核实后重报' });
    const detail = await call(base, 'GET', `/api/submission?id=${firstId}`, { token: tokens.yangquan });
    expect(detail.status).toBe(200);
    const d = detail.body as unknown as SubmissionDetailJson;
    expect(d.reason).toBe('盂县出动警力与周报不符，请核实后重报');
    expect(d.units).toEqual([
      { code: 140321, name: '阳泉市平定县', facts: 1, from: '2024-09-03', to: '2024-09-03' },
      { code: 140322, name: '阳泉市盂县', facts: 1, from: '2024-09-03', to: '2024-09-03' },
      { code: 140300, name: '阳泉市本级', facts: 1, from: '2024-09-03', to: '2024-09-03' },
    ]);
    // Returned twice: refused.
    const again = await call(base, 'POST', '/api/submissions/return', { token: tokens.analyst, body: { id: firstId, reason: '再退' } });
    expect(again.status).toBe(409);
  });

  it('a return needs a reason of at most 500 characters', async () => {
    const none = await call(base, 'POST', '/api/submissions/return', { token: tokens.analyst, body: { id: firstId, reason: '   ' } });
    expect(none.status).toBe(400);
    const long = await call(base, 'POST', '/api/submissions/return', {
      token: tokens.analyst,
      body: { id: firstId, reason: '很'.repeat(501) },
    });
    expect(long.status).toBe(400);
  });

  it('the corrected resubmission is accepted: a batch whose facts equal the file', async () => {
    const corrected = [LONG_HEADER, '2024-09-03,盂县,禁毒,出动警力,54,人次,已核实', ...YANGQUAN_0903.slice(2)];
    const r = await upload(base, tokens.yangquan, '阳泉-9月3日-更正.csv', csv(corrected));
    expect(r.body.status).toBe('待审核');
    secondId = r.body.id as number;
    const a = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: secondId } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const s = a.body.submission as SubmissionJson;
    expect(s).toMatchObject({ id: secondId, status: '已采用', decided_by: 'fx.sun', from: '2024-09-03', to: '2024-09-03' });
    expect(s.batch_id).toEqual(expect.any(Number));
    const facts = (
      await db
        .pool()
        .query('SELECT day, region_code, indicator_id, value, note FROM fact WHERE batch_id = $1 ORDER BY region_code, indicator_id', [
          s.batch_id,
        ])
    ).rows;
    const rows = (
      await db
        .pool()
        .query(
          'SELECT day, region_code, indicator_id, value, note FROM submission_fact WHERE submission_id = $1 ORDER BY region_code, indicator_id',
          [secondId],
        )
    ).rows;
    expect(facts).toEqual(rows);
    expect(facts.map((f) => [f.region_code, f.value, f.note])).toEqual([
      [140300, 2, null],
      [140321, 7, '含两处网吧'],
      [140322, 54, '已核实'],
    ]);
    expect(await lastAudit('POST /api/submissions/accept')).toMatchObject({
      account_name: 'fx.sun',
      target: String(secondId),
      outcome: 'ok',
    });
    const again = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: secondId } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/已采用/);
  });

  it('the accepted content again is refused unstored', async () => {
    const corrected = [LONG_HEADER, '2024-09-03,盂县,禁毒,出动警力,54,人次,已核实', ...YANGQUAN_0903.slice(2)];
    const r = await upload(base, tokens.yangquan, '重发.csv', csv(corrected));
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/内容与已采用的批次 \d+（“阳泉-9月3日-更正\.csv”）完全相同/);
  });

  it('a city cannot accept, and cannot read another city’s list or submission (403, audited)', async () => {
    const acc = await call(base, 'POST', '/api/submissions/accept', { token: tokens.yangquan, body: { id: secondId } });
    expect(acc.status).toBe(403);
    const other = await call(base, 'GET', '/api/submissions?city=%E6%99%8B%E5%9F%8E%E5%B8%82', { token: tokens.yangquan });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('无权查看晋城市的数据：地市报送员账号只能查看阳泉市的数据');
    expect(await lastAudit('GET /api/submissions')).toMatchObject({ account_name: 'yq.zhou', target: '晋城市', outcome: 'refused' });
    const detail = await call(base, 'GET', `/api/submission?id=${secondId}`, { token: tokens.jincheng });
    expect(detail.status).toBe(403);
    expect(await lastAudit('GET /api/submission')).toMatchObject({ account_name: 'jc.feng', target: String(secondId), outcome: 'refused' });
    const file = await call(base, 'GET', `/api/submission/file?id=${secondId}`, { token: tokens.jincheng });
    expect(file.status).toBe(403);
    // Its own list holds none of 阳泉's.
    const list = await call(base, 'GET', '/api/submissions', { token: tokens.jincheng });
    expect((list.body.submissions as SubmissionJson[]).filter((s) => s.city !== '晋城市')).toEqual([]);
  });

  it('the original file comes back as uploaded', async () => {
    const r = await call(base, 'GET', `/api/submission/file?id=${firstId}`, { token: tokens.analyst });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('阳泉-9月3日.csv');
    expect(Buffer.from(r.body.bytes_base64 as string, 'base64')).toEqual(csv(YANGQUAN_0903));
  });

  it('an analyst lists by status and city, bounded', async () => {
    const r = await call(base, 'GET', `/api/submissions?status=${encodeURIComponent('已退回')}&city=${encodeURIComponent('阳泉')}`, {
      token: tokens.analyst,
    });
    const listed = r.body.submissions as SubmissionJson[];
    expect(listed.map((s) => s.id)).toContain(firstId);
    expect(listed.every((s) => s.status === '已退回' && s.city === '阳泉市')).toBe(true);
    // Newest first.
    expect(listed.map((s) => s.id)).toEqual([...listed.map((s) => s.id)].sort((a, b) => b - a));
    expect((await call(base, 'GET', '/api/submissions?limit=501', { token: tokens.analyst })).status).toBe(400);
    expect((await call(base, 'GET', '/api/submissions?status=xx', { token: tokens.analyst })).status).toBe(400);
  });
});

describe('conflicts, replace, 督导回传 and undo', () => {
  let jcBatch = 0;
  let replacing = 0;

  it('a file meeting accepted figures without replacing is 校验未通过 with located conflicts', async () => {
    const first = await upload(
      base,
      tokens.jincheng,
      '晋城-9月5日.csv',
      csv([LONG_HEADER, '2024-09-05,沁水县,禁毒,出动警力,20,人次,', '2024-09-05,泽州县,禁毒,出动警力,31,人次,']),
    );
    const ok = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: first.body.id } });
    jcBatch = (ok.body.submission as SubmissionJson).batch_id!;
    const r = await upload(
      base,
      tokens.jincheng,
      '晋城-9月5日-补.csv',
      csv([LONG_HEADER, '2024-09-05,阳城县,禁毒,出动警力,8,人次,', '2024-09-05,泽州县,禁毒,出动警力,33,人次,']),
    );
    expect(r.body.status).toBe('校验未通过');
    expect(r.body.problems).toEqual([
      {
        kind: 'conflict',
        file: '晋城-9月5日-补.csv',
        sheet: null,
        row: 3,
        column: '数值',
        value: '33',
        reason: `2024-09-05、晋城市泽州县、禁毒/出动警力 已有数值 31（批次 ${jcBatch}，来源“晋城-9月5日.csv”）`,
      },
    ]);
    expect(await count('SELECT COUNT(*) AS n FROM submission_fact WHERE submission_id = $1', [r.body.id])).toBe(0);
  });

  it('with replace it waits, and accepting it keeps the old figure for undo', async () => {
    const r = await upload(
      base,
      tokens.jincheng,
      '晋城-9月5日-补.csv',
      csv([LONG_HEADER, '2024-09-05,阳城县,禁毒,出动警力,8,人次,', '2024-09-05,泽州县,禁毒,出动警力,33,人次,']),
      { replace: true },
    );
    expect(r.body.status).toBe('待审核');
    const a = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: r.body.id } });
    expect(a.body.replaced).toBe(1);
    expect((a.body.submission as SubmissionJson).replace).toBe(true);
    replacing = (a.body.submission as SubmissionJson).batch_id!;
    expect((await db.pool().query('SELECT value FROM fact WHERE region_code = 140525 AND day = $1', [19971])).rows).toEqual([
      { value: 33 },
    ]);
  });

  it('a conflict arising between submit and accept: 409 with the problems, still 待审核', async () => {
    const a = await upload(base, tokens.jincheng, '晋城-9月6日-甲.csv', csv([LONG_HEADER, '2024-09-06,高平市,禁毒,排查重点场所,4,个,']));
    const b = await upload(base, tokens.jincheng, '晋城-9月6日-乙.csv', csv([LONG_HEADER, '2024-09-06,高平市,禁毒,排查重点场所,5,个,']));
    expect([a.body.status, b.body.status]).toEqual(['待审核', '待审核']);
    expect((await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: a.body.id } })).status).toBe(200);
    const r = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: b.body.id } });
    expect(r.status).toBe(409);
    expect(r.body.problem_count).toBe(1);
    expect((r.body.problems as { reason: string }[])[0]!.reason).toMatch(/^晋城市高平市·禁毒·排查重点场所·2024-09-06 已有数值 4/);
    const detail = await call(base, 'GET', `/api/submission?id=${String(b.body.id)}`, { token: tokens.analyst });
    expect(detail.body.status).toBe('待审核');
    expect(await lastAudit('POST /api/submissions/accept')).toMatchObject({ target: String(b.body.id), outcome: 'failed' });
  });

  it('an inspector’s file is a 督导回传 that replaces; another city’s rows are refused', async () => {
    const refused = await upload(base, tokens.inspector, '督导-阳泉.csv', csv([LONG_HEADER, '2024-09-05,盂县,禁毒,出动警力,1,人次,']));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/督导组账号只能报送晋城市的数据/);
    const r = await upload(
      base,
      tokens.inspector,
      '督导回传-晋城-沁水.csv',
      csv([LONG_HEADER, '2024-09-05,沁水县,禁毒,出动警力,22,人次,督导组核实']),
    );
    expect(r.body.status).toBe('待审核');
    const detail = await call(base, 'GET', `/api/submission?id=${String(r.body.id)}`, { token: tokens.inspector });
    expect(detail.body).toMatchObject({ kind: 'inspection_return', replace: true, user: 'dd.jincheng' });
    const a = await call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst2, body: { id: r.body.id } });
    expect(a.body.replaced).toBe(1);
    expect((await db.pool().query('SELECT value, note FROM fact WHERE region_code = 140521 AND day = 19971')).rows).toEqual([
      { value: 22, note: '督导组核实' },
    ]);
  });

  it('undo restores the replaced figure; the earlier batch cannot be undone first', async () => {
    const early = await call(base, 'POST', '/api/batches/undo', { token: tokens.analyst, body: { id: jcBatch } });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(new RegExp(`请先撤销批次 .*${replacing}`));
    const r = await call(base, 'POST', '/api/batches/undo', { token: tokens.analyst, body: { id: replacing } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batch_id: replacing, removed: 2, restored: 1 });
    expect((await db.pool().query('SELECT value, batch_id FROM fact WHERE region_code = 140525 AND day = 19971')).rows).toEqual([
      { value: 31, batch_id: String(jcBatch) },
    ]);
    expect((await db.pool().query('SELECT COUNT(*)::int AS n FROM fact WHERE region_code = 140522 AND day = 19971')).rows[0].n).toBe(0);
    expect((await call(base, 'POST', '/api/batches/undo', { token: tokens.yangquan, body: { id: replacing } })).status).toBe(403);
  });

  it('two analysts accepting the same submission at once: one wins, the other gets 409', async () => {
    const r = await upload(base, tokens.jincheng, '晋城-9月7日.csv', csv([LONG_HEADER, '2024-09-07,陵川县,禁毒,出动警力,9,人次,']));
    const both = await Promise.all([
      call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst, body: { id: r.body.id } }),
      call(base, 'POST', '/api/submissions/accept', { token: tokens.analyst2, body: { id: r.body.id } }),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(await count('SELECT COUNT(*) AS n FROM batch WHERE submission_id = $1', [r.body.id])).toBe(1);
  });
});

describe('报送状态', () => {
  it('per unit and day: 已采用 over 待审核 over 已退回 over 未报', async () => {
    // 阳泉, 2024-09-03..09-04: 盂县 09-03 accepted (batch), 城区 09-04 waiting, 矿区 09-04 returned.
    const waiting = await upload(
      base,
      tokens.yangquan,
      '阳泉-9月4日-城区.csv',
      csv([LONG_HEADER, '2024-09-04,阳泉城区,禁毒,出动警力,12,人次,']),
    );
    expect(waiting.body.status).toBe('待审核');
    const toReturn = await upload(
      base,
      tokens.yangquan,
      '阳泉-9月4日-矿区.csv',
      csv([LONG_HEADER, '2024-09-04,矿区,禁毒,出动警力,6,人次,']),
    );
    await call(base, 'POST', '/api/submissions/return', { token: tokens.analyst, body: { id: toReturn.body.id, reason: '矿区口径不对' } });
    const r = await call(base, 'GET', `/api/filing-status?from=2024-09-03&to=2024-09-04&city=${encodeURIComponent('阳泉市')}`, {
      token: tokens.analyst,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const b = r.body as unknown as FilingStatusJson;
    expect(b.days).toEqual(['2024-09-03', '2024-09-04']);
    expect(b.units.map((u) => [u.name, u.city, ...u.states])).toEqual([
      ['城区', '阳泉市', '未报', '待审核'],
      ['矿区', '阳泉市', '未报', '已退回'],
      ['郊区', '阳泉市', '未报', '未报'],
      ['平定县', '阳泉市', '已采用', '未报'],
      ['盂县', '阳泉市', '已采用', '未报'],
      ['阳泉市本级', '阳泉市', '已采用', '未报'],
    ]);
    expect(b.totals).toEqual({ 未报: 7, 待审核: 1, 已退回: 1, 已采用: 3 });
    // The city sees its own board without naming it; not another city's.
    const own = await call(base, 'GET', '/api/filing-status?from=2024-09-03&to=2024-09-04', { token: tokens.yangquan });
    expect((own.body as unknown as FilingStatusJson).units.every((u) => u.city === '阳泉市')).toBe(true);
    expect(
      (
        await call(base, 'GET', `/api/filing-status?from=2024-09-03&to=2024-09-04&city=${encodeURIComponent('晋城')}`, {
          token: tokens.yangquan,
        })
      ).status,
    ).toBe(403);
    // An analyst without a city: every city's units.
    const all = await call(base, 'GET', '/api/filing-status?from=2024-09-05&to=2024-09-05', { token: tokens.analyst });
    const cities = new Set((all.body as unknown as FilingStatusJson).units.map((u) => u.city));
    expect(cities.size).toBe(11);
    expect((all.body as unknown as FilingStatusJson).units.find((u) => u.name === '泽州县')!.states).toEqual(['已采用']);
    expect((await call(base, 'GET', '/api/filing-status?from=2024-01-01&to=2025-01-02', { token: tokens.analyst })).status).toBe(400);
    expect((await call(base, 'GET', '/api/filing-status?from=2024-09-05&to=2024-09-01', { token: tokens.analyst })).status).toBe(400);
  });
});

describe('every import format', () => {
  it('takes a wide CSV, an XLSX (with formula cells’ saved results) and a GBK CSV', async () => {
    const wide = await upload(
      base,
      tokens.jincheng,
      '晋城-宽表.csv',
      csv(['日期,地区,禁毒/出动警力,禁毒/排查重点场所', '2024-09-10,沁水县,14,3', '2024-09-10,阳城县,9,']),
    );
    expect(wide.body).toMatchObject({ status: '待审核', rows: 3 });
    const book = await xlsx([
      {
        name: '晋城日报',
        rows: [
          ['日期', '地区', '部门', '指标', '数值'],
          ['2024-09-11', '高平市', '禁毒', '出动警力', { formula: '10+7', result: 17 }],
        ],
      },
    ]);
    const x = await upload(base, tokens.jincheng, '晋城-9月11日.xlsx', book);
    expect(x.body).toMatchObject({ status: '待审核', rows: 1 });
    expect((await db.pool().query('SELECT value FROM submission_fact WHERE submission_id = $1', [x.body.id])).rows).toEqual([
      { value: 17 },
    ]);
    const g = await upload(base, tokens.jincheng, '晋城-gbk.csv', gbk([LONG_HEADER, '2024-09-12,泽州县,禁毒,出动警力,26,人次,夜间清查']));
    expect(g.body).toMatchObject({ status: '待审核', rows: 1 });
    expect((await db.pool().query('SELECT note FROM submission_fact WHERE submission_id = $1', [g.body.id])).rows).toEqual([
      { note: '夜间清查' },
    ]);
  });
});

describe('uploads meant to hurt', () => {
  it('a formula without a saved result is a problem of its cell', async () => {
    const book = await xlsx([
      {
        name: '晋城日报',
        rows: [
          ['日期', '地区', '部门', '指标', '数值'],
          ['2024-09-13', '高平市', '禁毒', '出动警力', { formula: 'SUM(A1:A2)' }],
        ],
      },
    ]);
    const r = await upload(base, tokens.jincheng, '公式.xlsx', book);
    expect(r.body.status).toBe('校验未通过');
    expect((r.body.problems as { reason: string; row: number }[])[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/公式没有保存计算结果/),
    });
  });

  it('a zip-bomb XLSX is refused before it inflates, nothing held', async () => {
    const head = deflateRawSync(
      Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      { finishFlush: constants.Z_FULL_FLUSH },
    );
    const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
    const data = Buffer.concat([head, ...Array.from({ length: 1024 }, () => block), deflateRawSync(Buffer.alloc(0))]);
    const bomb = oneSheetXlsx({ name: 'xl/worksheets/sheet1.xml', data, deflated: true, declaredSize: 2048 });
    const started = Date.now();
    const r = await upload(base, tokens.jincheng, '炸弹.xlsx', bomb);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.body.status).toBe('校验未通过');
    expect((r.body.problems as { reason: string }[])[0]!.reason).toMatch(/解压后过大/);
    expect(await count('SELECT COUNT(*) AS n FROM submission_fact WHERE submission_id = $1', [r.body.id])).toBe(0);
  });

  it('a body over 64 MB is 413, an invalid X-File-Name 400, a file that is no return 校验未通过', async () => {
    const big = await upload(base, tokens.jincheng, '大.csv', Buffer.alloc(70 * 1024 * 1024, 0x41)).catch((e: unknown) => ({
      status: 0,
      body: { error: String(e) },
    }));
    // The server answers 413 and closes; a client still sending may see the connection reset.
    expect([413, 0]).toContain(big.status);
    if (big.status === 413) expect(big.body.error).toMatch(/请求内容过大/);
    const badName = await upload(base, tokens.jincheng, 'x', csv(YANGQUAN_0903), { rawName: '%E6%99' });
    expect(badName.status).toBe(400);
    expect(badName.body.error).toMatch(/X-File-Name/);
    const control = await upload(base, tokens.jincheng, 'x', csv(YANGQUAN_0903), { rawName: 'a%0Ab.csv' });
    expect(control.status).toBe(400);
    const exe = await upload(base, tokens.jincheng, '报表.exe', Buffer.from('MZ\x90\x00'));
    expect(exe.body.status).toBe('校验未通过');
    expect((exe.body.problems as { reason: string }[])[0]!.reason).toMatch(/不支持的文件类型/);
  });
});
