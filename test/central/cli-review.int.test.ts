// `campaign submit | submissions | accept | return` end to end: the real command against a server
// process on PostgreSQL, the exact JSON keys, exit statuses, and one-line errors without a stack.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { migrateCentral } from '../../electron/central/schema';
import { runCli } from '../support/cli';
import { passwordFile, scratchFolder, startServerProcess, stopServerProcess, useTestDatabase } from './support';
import { csv, LONG_HEADER, xlsx } from './submission-support';

const db = useTestDatabase();
let url = '';
let child: ChildProcess | undefined;
const pw = { analyst: '', city: '', inspector: '', wrong: '' };
let dir = '';

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  const at = new Date();
  await addAccount(pool, { name: 'sh.analyst', role: 'analyst', password: '审核-口令-81x-长一点', createdBy: 'test' }, at);
  await addAccount(pool, { name: 'lvliang.tb', role: 'city', region: '吕梁市', password: '吕梁-口令-27y-长一点', createdBy: 'test' }, at);
  await addAccount(
    pool,
    { name: 'dd.lvliang', role: 'inspector', region: '吕梁市', password: '督导-口令-63z-长一点', createdBy: 'test' },
    at,
  );
  pw.analyst = passwordFile('审核-口令-81x-长一点');
  pw.city = passwordFile('吕梁-口令-27y-长一点');
  pw.inspector = passwordFile('督导-口令-63z-长一点');
  pw.wrong = passwordFile('不对的口令-也够长了');
  dir = scratchFolder();
  const started = await startServerProcess(['--pg', db.url(), '--port', '0']);
  url = started.url;
  child = started.child;
}, 90_000);

afterAll(async () => {
  if (child) await stopServerProcess(child);
});

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const as = (user: string, password: string) => ['--server', url, '--user', user, '--password-file', password];

describe('campaign submit / submissions / accept / return', () => {
  let waitingId = 0;
  let toReturnId = 0;

  it('submit prints per file the id, status, rows and problems; JSON key for key; exit 1 when one failed', async () => {
    const good = file(
      '吕梁-10月8日.csv',
      csv([LONG_HEADER, '2024-10-08,离石区,刑侦,抓获犯罪嫌疑人,3,名,', '2024-10-08,孝义市,刑侦,抓获犯罪嫌疑人,5,名,']),
    );
    const bad = file('吕梁-有误.csv', csv([LONG_HEADER, '2024-10-08,交城县,刑侦,抓获犯罪嫌疑人,-2,名,']));
    const other = file(
      '吕梁-混入.csv',
      csv([LONG_HEADER, '2024-10-08,临县,刑侦,抓获犯罪嫌疑人,1,名,', '2024-10-08,太原市小店区,刑侦,抓获犯罪嫌疑人,1,名,']),
    );
    const r = runCli(['submit', ...as('lvliang.tb', pw.city), '--format', 'json', good, bad, other]);
    expect(r.code, r.stderr).toBe(1);
    const parsed = JSON.parse(r.stdout) as { submissions: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['submissions']);
    expect(parsed.submissions.map((s) => Object.keys(s))).toEqual(Array(3).fill(['id', 'file', 'status', 'rows', 'problems']));
    const [a, b, c] = parsed.submissions;
    expect(a).toEqual({ id: expect.any(Number), file: '吕梁-10月8日.csv', status: '待审核', rows: 2, problems: [] });
    expect(b).toMatchObject({ id: expect.any(Number), file: '吕梁-有误.csv', status: '校验未通过', rows: 0 });
    expect((b!.problems as { row: number; column: string; kind: string }[]).map((p) => [p.kind, p.row, p.column])).toEqual([
      ['value', 2, '数值'],
    ]);
    expect(c).toMatchObject({ id: null, file: '吕梁-混入.csv', status: '已拒收', rows: 0 });
    expect((c!.problems as { reason: string }[])[0]!.reason).toMatch(/^无权报送太原市的数据/);
    waitingId = a!.id as number;
    // Nothing of the refused file was stored.
    expect((await db.pool().query("SELECT COUNT(*)::int AS n FROM submission WHERE file_name = '吕梁-混入.csv'")).rows[0].n).toBe(0);
  });

  it('submit as text: one line per file and the problems table; exit 0 when all wait', async () => {
    const book = await xlsx([
      {
        name: '吕梁',
        rows: [
          ['日期', '地区', '刑侦/抓获犯罪嫌疑人'],
          ['2024-10-09', '汾阳市', 4],
          ['2024-10-09', '吕梁市本级', 1],
        ],
      },
    ]);
    const r = runCli(['submit', ...as('lvliang.tb', pw.city), file('吕梁-10月9日.xlsx', book)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^吕梁-10月9日\.xlsx: 报送编号 (\d+)，已报送，待审核，报表 2 条\n$/);
    toReturnId = Number(/报送编号 (\d+)/.exec(r.stdout)![1]);
    const failed = runCli([
      'submit',
      ...as('lvliang.tb', pw.city),
      file('吕梁-错.csv', csv([LONG_HEADER, '2024-10-09,不存在县,刑侦,抓获犯罪嫌疑人,1,名,'])),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/吕梁-错\.csv: 报送编号 \d+，校验未通过/);
    expect(failed.stderr).toMatch(/文件\s+工作表\s+行\s+列\s+值\s+原因/);
    expect(failed.stderr).toMatch(/不存在县/);
  });

  it('submissions lists with the issue’s keys, filtered by status', () => {
    const r = runCli(['submissions', ...as('sh.analyst', pw.analyst), '--status', '待审核', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as { submissions: Record<string, unknown>[] };
    expect(parsed.submissions.map((s) => s.id)).toEqual([toReturnId, waitingId]);
    for (const s of parsed.submissions) {
      expect(Object.keys(s).slice(0, 9)).toEqual(['id', 'city', 'user', 'file', 'status', 'rows', 'reason', 'submitted_at', 'decided_at']);
      expect(s).toMatchObject({ city: '吕梁市', user: 'lvliang.tb', status: '待审核', reason: null, decided_at: null });
    }
    const table = runCli(['submissions', ...as('sh.analyst', pw.analyst)]);
    expect(table.stdout).toMatch(/编号\s+地市\s+报送人/);
    expect(table.stdout).toMatch(/校验未通过/);
    const badStatus = runCli(['submissions', ...as('sh.analyst', pw.analyst), '--status', '已完成']);
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toMatch(/^错误: --status 只能是/);
  });

  it('return needs a reason; the city sees it; accept makes a batch', async () => {
    const noReason = runCli(['return', ...as('sh.analyst', pw.analyst), String(toReturnId)]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/退回须写明原因/);
    const ret = runCli(['return', ...as('sh.analyst', pw.analyst), String(toReturnId), '--reason', '汾阳市数值偏低，请复核']);
    expect(ret.code, ret.stderr).toBe(0);
    expect(ret.stdout).toMatch(new RegExp(`^报送 ${toReturnId}（吕梁市，吕梁-10月9日\\.xlsx）已退回，原因：汾阳市数值偏低，请复核`));
    const seen = runCli(['submissions', ...as('lvliang.tb', pw.city), '--status', '已退回', '--format', 'json']);
    const listed = (JSON.parse(seen.stdout) as { submissions: { id: number; reason: string; decided_at: string | null }[] }).submissions;
    expect(listed.map((s) => [s.id, s.reason])).toEqual([[toReturnId, '汾阳市数值偏低，请复核']]);
    expect(listed[0]!.decided_at).toEqual(expect.any(String));
    const acc = runCli(['accept', ...as('sh.analyst', pw.analyst), String(waitingId), '--format', 'json']);
    expect(acc.code, acc.stderr).toBe(0);
    const decision = JSON.parse(acc.stdout) as { submission: { status: string; batch_id: number }; replaced: number };
    expect(Object.keys(decision)).toEqual(['submission', 'replaced']);
    expect(decision.submission.status).toBe('已采用');
    expect(
      (await db.pool().query('SELECT COUNT(*)::int AS n FROM fact WHERE batch_id = $1', [decision.submission.batch_id])).rows[0].n,
    ).toBe(2);
    const twice = runCli(['accept', ...as('sh.analyst', pw.analyst), String(waitingId)]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^错误: 报送 \d+ 的状态是“已采用”，只有“待审核”的报送可以采用\n$/);
  });

  it('an inspector submits a 督导回传 that replaces', async () => {
    const r = runCli([
      'submit',
      ...as('dd.lvliang', pw.inspector),
      file('督导回传-吕梁.csv', csv([LONG_HEADER, '2024-10-08,孝义市,刑侦,抓获犯罪嫌疑人,6,名,督导核实'])),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/督导回传 1 条/);
    const id = Number(/报送编号 (\d+)/.exec(r.stdout)![1]);
    const acc = runCli(['accept', ...as('sh.analyst', pw.analyst), String(id)]);
    expect(acc.stdout).toMatch(/替换已有数据 1 条/);
  });

  it('a large return is read in the server process’s validation worker, and stored whole', async () => {
    const lines = [LONG_HEADER];
    const units = [
      '离石区',
      '文水县',
      '交城县',
      '兴县',
      '临县',
      '柳林县',
      '石楼县',
      '岚县',
      '方山县',
      '中阳县',
      '交口县',
      '汾阳市',
      '吕梁市本级',
    ];
    const note = '核实'.repeat(20);
    for (let d = 0; d < 365; d++) {
      const day = new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10);
      for (const u of units) lines.push(`${day},${u},刑侦,抓获犯罪嫌疑人,${(d % 7) + 1},名,${note}`);
    }
    const bytes = csv(lines);
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const r = runCli(['submit', ...as('lvliang.tb', pw.city), '--format', 'json', file('吕梁-2023全年.csv', bytes)]);
    expect(r.code, r.stderr).toBe(0);
    const [s] = (JSON.parse(r.stdout) as { submissions: { id: number; status: string; rows: number }[] }).submissions;
    expect(s).toMatchObject({ status: '待审核', rows: 365 * 13 });
    expect(
      (await db.pool().query('SELECT COUNT(*)::int AS n, SUM(value)::int AS total FROM submission_fact WHERE submission_id = $1', [s!.id]))
        .rows[0],
    ).toEqual({
      n: 365 * 13,
      total: 13 * Array.from({ length: 365 }, (_, d) => (d % 7) + 1).reduce((a, b) => a + b, 0),
    });
  });

  it('a file over 64 MB is refused without being sent', () => {
    const r = runCli(['submit', ...as('lvliang.tb', pw.city), '--format', 'json', file('过大.csv', Buffer.alloc(65 * 1024 * 1024, 0x41))]);
    expect(r.code).toBe(1);
    const [s] = (JSON.parse(r.stdout) as { submissions: { id: null; status: string; problems: { reason: string }[] }[] }).submissions;
    expect(s).toMatchObject({ id: null, status: '已拒收' });
    expect(s!.problems[0]!.reason).toMatch(/^文件过大（65\.0 MB，上限 64\.0 MB）/);
  });

  it('errors are one Chinese line, exit 1, no stack', () => {
    const wrong = runCli(['submissions', ...as('sh.analyst', pw.wrong)]);
    expect([wrong.code, wrong.stderr]).toEqual([1, '错误: 用户名或密码错误\n']);
    const unknown = runCli(['submissions', '--server', 'http://127.0.0.1:9', '--user', 'x', '--password-file', pw.analyst]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^错误: 无法连接省厅服务器 http:\/\/127\.0\.0\.1:9：服务器没有在运行，或端口不对\n$/);
    const forbidden = runCli(['accept', ...as('lvliang.tb', pw.city), '1']);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/^错误: 无权操作：地市报送员账号不能执行此操作（仅限省厅分析员）\n$/);
    const analystSubmits = runCli(['submit', ...as('sh.analyst', pw.analyst), file('x.csv', csv([LONG_HEADER]))]);
    expect(analystSubmits.code).toBe(1);
    expect(analystSubmits.stderr).toMatch(/^错误: 账号 sh\.analyst 不能报送/);
    for (const r of [wrong, unknown, forbidden, analystSubmits]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
