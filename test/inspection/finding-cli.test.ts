// `campaign finding …` and `campaign correct` in process, on a copy of the demo database.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../electron/store/workspace';
import { listCorrections } from '../../electron/inspection/corrections';
import { addFinding } from '../../electron/inspection/findings';
import type { CorrectionJson, FindingJson, FindingList } from '../../shared/api/inspection';
import type { SliceResult } from '../../shared/api/slice';
import { runCliInProcess } from '../support/cli';
import { demoCopy, fakePng } from './support';

const run = (...argv: string[]) => runCliInProcess(argv);

async function ok(...argv: string[]): Promise<string> {
  const r = await run(...argv);
  expect(r.stderr, argv.join(' ')).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('campaign finding', () => {
  it('adds (only the id on stdout), updates with history, lists as json/table/csv and exports attachments', async () => {
    vi.stubEnv('CAMPAIGN_USER', '第三督导组');
    const { dir, path: db } = demoCopy();
    const photo = join(dir, '值班室.png');
    const png = fakePng(42, 300);
    writeFileSync(photo, png);
    const scan = join(dir, 'scan.jpg');
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    writeFileSync(scan, jpg);

    const id = (
      await ok(
        'finding',
        'add',
        '--db',
        db,
        '--region',
        '平遥县',
        '--indicator',
        '禁毒/出动警力',
        '--from',
        '2023-07-01',
        '--to',
        '2023-07-05',
        '--category',
        '工作不落实',
        '--severity',
        '严重',
        '--text',
        '=HYPERLINK("http://x")',
        '--due',
        '2021-02-01',
        '--owner',
        '平遥县公安局',
        '--attach',
        photo,
        '--attach',
        scan,
      )
    ).trim();
    expect(id).toMatch(UUID);

    const second = JSON.parse(
      await ok(
        'finding',
        'add',
        '--db',
        db,
        '--region',
        '介休市',
        '--category',
        '迟报',
        '--severity',
        '一般',
        '--text',
        '日报迟报',
        '--format',
        'json',
      ),
    ) as FindingJson;
    expect(second).toMatchObject({ region_name: '介休市', city_name: '晋中市', due: null, overdue: false, attachments: [] });

    expect(await run('finding', 'update', '--db', db, id, '--status', '已销号')).toMatchObject({ code: 1, stdout: '' });
    expect((await run('finding', 'update', '--db', db, id, '--status', '已销号')).stderr).toMatch(/销号须写明/);
    await ok('finding', 'update', '--db', db, id, '--status', '整改中', '--note', '已约谈');

    const all = JSON.parse(await ok('finding', 'list', '--db', db, '--format', 'json')) as FindingList;
    expect(Object.keys(all)).toEqual(['findings']);
    expect(all.findings.map((f) => f.id)).toEqual([id, second.id]);
    const f = all.findings[0]!;
    expect(f).toMatchObject({
      region_code: '140728',
      region_name: '平遥县',
      city_name: '晋中市',
      department: '禁毒',
      indicator: '出动警力',
      from: '2023-07-01',
      to: '2023-07-05',
      category: '工作不落实',
      severity: '严重',
      owner: '平遥县公安局',
      due: '2021-02-01',
      status: '整改中',
      overdue: true,
    });
    expect(f.attachments).toEqual([
      { name: '值班室.png', sha256: sha(png), bytes: 300 },
      { name: 'scan.jpg', sha256: sha(jpg), bytes: 9 },
    ]);
    expect(f.history.map((h) => [h.what, h.user, h.status, h.note])).toEqual([
      ['新建', '第三督导组', '待整改', null],
      ['附件', '第三督导组', null, null],
      ['附件', '第三督导组', null, null],
      ['状态', '第三督导组', '整改中', '已约谈'],
    ]);

    const overdue = JSON.parse(await ok('finding', 'list', '--db', db, '--overdue', '--format', 'json')) as FindingList;
    expect(overdue.findings.map((x) => x.id)).toEqual([id]);
    expect(
      (
        JSON.parse(await ok('finding', 'list', '--db', db, '--region', '晋中市', '--status', '待整改', '--format', 'json')) as FindingList
      ).findings.map((x) => x.id),
    ).toEqual([second.id]);
    expect((JSON.parse(await ok('finding', 'list', '--db', db, '--region', '吕梁市', '--format', 'json')) as FindingList).findings).toEqual(
      [],
    );

    const table = await ok('finding', 'list', '--db', db);
    expect(table).toContain('问题类别');
    expect(table.split('\n').find((l) => l.startsWith(id))).toContain('已超期');
    expect(table).toContain('共 2 条，其中 1 条已超期未销号');
    const csv = await ok('finding', 'list', '--db', db, '--format', 'csv');
    expect(csv.split('\r\n')[0]).toBe(
      '编号,城市,单位,部门,指标,问题类别,严重程度,问题描述,责任单位,整改时限,状态,超期,附件,记录时间（北京时间）',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);

    const folder = join(dir, 'out');
    await ok('finding', 'attachments', '--db', db, id, '--out', folder);
    await ok('finding', 'attachments', '--db', db, id, '--out', folder);
    expect(readdirSync(folder).sort()).toEqual(['scan (2).jpg', 'scan.jpg', '值班室 (2).png', '值班室.png']);
    expect(sha(readFileSync(join(folder, '值班室.png')))).toBe(sha(png));
    expect(sha(readFileSync(join(folder, 'scan (2).jpg')))).toBe(sha(jpg));
  });

  it('writes a hostile attachment name inside the folder only', async () => {
    const { dir, path: db } = demoCopy();
    const ws = openWorkspace(db);
    let id: string;
    try {
      id = addFinding(
        ws,
        {
          region: '文水县',
          category: '其他',
          severity: '一般',
          text: 'x',
          attachments: [
            { name: '../../逃逸.png', bytes: fakePng(3) },
            { name: '..', bytes: fakePng(4) },
          ],
        },
        '测试',
      ).id;
    } finally {
      ws.close();
    }
    const folder = join(dir, 'a', 'b');
    await ok('finding', 'attachments', '--db', db, id, '--out', folder);
    expect(readdirSync(folder).sort()).toEqual([`附件-${sha(fakePng(4)).slice(0, 12)}.png`, '逃逸.png'].sort());
    expect(readdirSync(join(dir, 'a'))).toEqual(['b']);
    expect(existsSync(join(dir, '逃逸.png'))).toBe(false);
  });

  it('refuses a file over the bound, too many files and unknown names, writing nothing', async () => {
    const { dir, path: db } = demoCopy();
    const big = join(dir, 'big.pdf');
    writeFileSync(big, '%PDF-');
    truncateSync(big, 10 * 1024 * 1024 + 1); // sparse: refused from its size, never read
    const base = ['finding', 'add', '--db', db, '--region', '汾阳市', '--category', '漏报', '--severity', '一般', '--text', '漏报'];
    const tooBig = await run(...base, '--attach', big);
    expect(tooBig).toMatchObject({ code: 1, stdout: '' });
    expect(tooBig.stderr).toMatch(/过大.*上限 10 MB/);
    const files = Array.from({ length: 21 }, (_, i) => {
      const p = join(dir, `p${i}.png`);
      writeFileSync(p, fakePng(i + 100));
      return p;
    });
    expect((await run(...base, ...files.flatMap((p) => ['--attach', p]))).stderr).toMatch(/附件过多/);
    expect(
      (await run('finding', 'add', '--db', db, '--region', '火星县', '--category', '漏报', '--severity', '一般', '--text', 'x')).stderr,
    ).toMatch(/火星县/);
    expect((await run(...base, '--indicator', '不存在指标')).stderr).toMatch(/不存在指标/);
    expect((await run(...base.slice(0, -2))).stderr).toMatch(/问题描述/);
    expect((await run('finding', 'update', '--db', db, 'nope', '--note', 'x')).stderr).toMatch(/nope/);
    expect(JSON.parse(await ok('finding', 'list', '--db', db, '--format', 'json'))).toEqual({ findings: [] });
  });
});

describe('campaign correct', () => {
  it('prints original → new, shows in query, shares one batch, and undo restores (a never-reported figure disappears)', async () => {
    vi.stubEnv('CAMPAIGN_USER', '第五督导组');
    const { path: db } = demoCopy();
    const query = async (day: string, region: string) =>
      (
        JSON.parse(
          await ok(
            'query',
            '--db',
            db,
            '--from',
            day,
            '--to',
            day,
            '--region',
            region,
            '--indicator',
            '刑侦/抓获犯罪嫌疑人',
            '--format',
            'json',
          ),
        ) as SliceResult
      ).total.value;
    const before = await query('2023-07-20', '汾西县');
    expect(before).not.toBeNull();
    const first = JSON.parse(
      await ok(
        'correct',
        '--db',
        db,
        '--region',
        '汾西县',
        '--indicator',
        '刑侦/抓获犯罪嫌疑人',
        '--day',
        '2023-07-20',
        '--value',
        '0',
        '--reason',
        '重复统计',
        '--format',
        'json',
      ),
    ) as CorrectionJson;
    expect(first).toMatchObject({
      region_name: '汾西县',
      city_name: '临汾市',
      original_value: before,
      value: 0,
      user: '第五督导组',
      state: '已更正',
    });
    const line = await ok(
      'correct',
      '--db',
      db,
      '--region',
      '临汾市本级',
      '--indicator',
      '刑侦/抓获犯罪嫌疑人',
      '--day',
      '2021-01-04',
      '--value',
      '2.5',
      '--reason',
      '漏报',
    );
    expect(line).toBe(`已更正：临汾市本级 2021-01-04 刑侦/抓获犯罪嫌疑人：未填报 → 2.5（批次 ${first.batch}），原因：漏报\n`);
    expect(await query('2023-07-20', '汾西县')).toBe(0);
    expect(await query('2021-01-04', '临汾市本级')).toBe(2.5);

    expect(
      (
        await run(
          'correct',
          '--db',
          db,
          '--region',
          '临汾市',
          '--indicator',
          '刑侦/抓获犯罪嫌疑人',
          '--day',
          '2023-07-20',
          '--value',
          '1',
          '--reason',
          'x',
        )
      ).stderr,
    ).toMatch(/临汾市本级/);
    expect(
      (
        await run(
          'correct',
          '--db',
          db,
          '--region',
          '汾西县',
          '--indicator',
          '抓获',
          '--day',
          '2023-07-20',
          '--value',
          'abc',
          '--reason',
          'x',
        )
      ).stderr,
    ).toMatch(/--value 须为数值/);

    await ok('undo', '--db', db, String(first.batch));
    expect(await query('2023-07-20', '汾西县')).toBe(before);
    expect(await query('2021-01-04', '临汾市本级')).toBeNull();
    const ws = openWorkspace(db, { readonly: true });
    try {
      expect(listCorrections(ws, {}).corrections.map((c) => [c.region_name, c.state, c.batch])).toEqual([
        ['汾西县', '已撤销', first.batch],
        ['临汾市本级', '已撤销', first.batch],
      ]);
    } finally {
      ws.close();
    }
  });
});
