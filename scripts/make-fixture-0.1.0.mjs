#!/usr/bin/env node
// Builds test/fixtures/campaign-0.1.0.db: a database written by release 0.1.0 (commit 40e6fb7)
// through its own CLI code, and test/fixtures/campaign-0.1.0.answers.json: what 0.1.0 answered on
// it (slice queries, completeness, batches, saved views), before and after undoing a batch.
// test/migrations/release-0.1.0.test.ts opens a copy with the current program and compares.
//
//   node scripts/make-fixture-0.1.0.mjs
//
// The release is unpacked with `git archive` into a temporary folder (node_modules symlinked from
// this checkout) and driven in one process. The returns imported are generated here (seeded, so
// the same every run); only import and undo timestamps differ between runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RELEASE = '40e6fb7';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'campaign-fixture-0.1.0-'));
const src = join(work, 'src');
const data = join(work, 'data');

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

try {
  // 1. The release's sources, runnable with this checkout's packages.
  mkdirSync(src);
  mkdirSync(data);
  run('git', ['-C', root, 'archive', '--format=tar', '-o', join(work, 'release.tar'), RELEASE]);
  run('tar', ['-xf', join(work, 'release.tar'), '-C', src]);
  symlinkSync(realpathSync(join(root, 'node_modules')), join(src, 'node_modules'), 'dir');

  // 2. Returns to import (seeded pseudo-random figures; some not reported, some 0).
  let seed = 20230707;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const days = (year, from, to) => Array.from({ length: to - from + 1 }, (_, i) => `${year}-07-${String(from + i).padStart(2, '0')}`);
  const csv = (rows) =>
    rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

  const taiyuanUnits = ['太原市小店区', '太原市迎泽区', '太原市晋源区', '太原市本级'];
  const taiyuanIndicators = [
    ['综合', '出动民警辅警', '人次', 400],
    ['综合', '检查车辆', '台次', 900],
    ['禁毒', '出动警力', '人次', 60],
    ['禁毒', '缴获毒品', '克', 30],
    ['交警', '查处酒驾醉驾', '起', 6],
  ];
  const taiyuan = [['日期', '地区', '部门', '指标', '数值', '单位', '备注']];
  for (const day of [...days(2022, 3, 12), ...days(2023, 3, 12)]) {
    for (const unit of taiyuanUnits) {
      for (const [dept, name, unitName, scale] of taiyuanIndicators) {
        const roll = random();
        if (roll < 0.08) continue; // not reported
        const value = roll < 0.14 ? 0 : name === '缴获毒品' ? Math.round(random() * scale * 10) / 10 : Math.round(random() * scale);
        taiyuan.push([day, unit, dept, name, value.toLocaleString('en-US'), unitName, roll > 0.97 ? '含夜查统一行动' : '']);
      }
    }
  }
  writeFileSync(join(data, '太原市-7月上旬.csv'), '\uFEFF' + csv(taiyuan));

  const datong = [['日期', '地区', '出动民警辅警（人次）', '出动车辆(辆次)', '设立卡点', '检查车辆（台次）']];
  for (const day of [...days(2022, 3, 12), ...days(2023, 3, 12)]) {
    for (const unit of ['大同市平城区', '大同市云冈区', '大同市本级', '山西省']) {
      datong.push([day, unit, ...[300, 80, 12, 700].map((scale) => (random() < 0.1 ? '' : String(Math.round(random() * scale))))]);
    }
  }
  writeFileSync(join(data, '大同市-宽表.csv'), csv(datong));

  // Corrections of some of 太原's figures (imported with --replace), and one new figure.
  const corrections = [['日期', '地区', '部门', '指标', '数值', '单位', '备注']];
  for (const day of days(2023, 7, 9)) {
    corrections.push([day, '太原市小店区', '综合', '出动民警辅警', String(1000 + Number(day.slice(-2))), '人次', '更正']);
    corrections.push([day, '太原市本级', '禁毒', '出动警力', '0', '人次', '更正为0']);
  }
  corrections.push(['2023-07-12', '太原市晋源区', '综合', '设立卡点', '4', '个', '补报']);
  writeFileSync(join(data, '太原市-更正.csv'), csv(corrections));

  // A late return that is imported and then undone in 0.1.0.
  const late = [['日期', '地区', '部门', '指标', '数值', '单位', '备注']];
  for (const day of days(2023, 8, 9)) late.push([day, '晋城市城区', '综合', '出动民警辅警', '77', '人次', '']);
  writeFileSync(join(data, '晋城市-补报.csv'), csv(late));

  // 3. What 0.1.0 does and answers, in one process of the release's own code.
  const queries = [
    ['query', '--phase', '第一次集中统一行动', '--by', 'region:city', '--by', 'indicator', '--compare', 'yoy'],
    [
      'query',
      '--from',
      '2023-07-03',
      '--to',
      '2023-07-12',
      '--region',
      '太原市',
      '--by',
      'region:county',
      '--by',
      'department',
      '--by',
      'indicator',
    ],
    ['query', '--from', '2023-07-03', '--to', '2023-07-12', '--indicator', '出动民警辅警', '--by', 'day', '--compare', 'prev'],
    ['query', '--phase', '2023年夏季治安打击整治行动', '--department', '禁毒', '--by', 'indicator', '--by', 'week', '--by', 'month'],
    [
      'query',
      '--phase',
      '2023年夏季治安打击整治行动',
      '--indicator',
      '检查车辆',
      '--by',
      'phase',
      '--by',
      'region:province',
      '--compare',
      'yoy',
    ],
    [
      'query',
      '--from',
      '2022-07-01',
      '--to',
      '2023-07-31',
      '--region',
      '大同市',
      '--region',
      '太原市本级',
      '--by',
      'region:county,indicator',
    ],
    [
      'query',
      '--from',
      '2023-07-05',
      '--to',
      '2023-07-09',
      '--indicator',
      '查处酒驾醉驾',
      '--by',
      'region:county',
      '--by',
      'day',
      '--compare',
      'yoy',
    ],
    ['query', '--from', '2023-07-03', '--to', '2023-07-12', '--indicator', '出动民警辅警'],
    ['query', '--from', '2023-07-03', '--to', '2023-07-12', '--department', '综合', '--region', '晋城市', '--by', 'indicator'],
    ['query', '--from', '2023-07-06', '--to', '2023-07-10', '--indicator', '禁毒/出动警力', '--by', 'region:county', '--compare', 'prev'],
    ['completeness', '--from', '2023-07-03', '--to', '2023-07-12', '--region', '太原市', '--department', '综合'],
    ['completeness', '--phase', '第一次集中统一行动', '--region', '大同市'],
  ];
  const plan = {
    db: join(work, 'campaign-0.1.0.db'),
    undoCopy: join(work, 'undo', 'campaign-0.1.0.db'),
    imports: [
      [join(data, '太原市-7月上旬.csv')],
      [join(data, '大同市-宽表.csv')],
      ['--replace', join(data, '太原市-更正.csv')],
      [join(data, '晋城市-补报.csv')],
    ],
    undoInRelease: 4,
    undoInTest: 3,
    view: {
      name: '太原市第一次集中统一行动',
      state: {
        view: 'grid',
        filter: {
          from: '2023-07-07',
          to: '2023-07-09',
          preset: '第一次集中统一行动',
          regions: ['太原市'],
          departments: ['综合'],
          indicators: [],
          compare: 'yoy',
        },
        rowsBy: 'region:county',
        options: { hiddenColumns: ['检查车辆'] },
      },
    },
    queries,
  };
  writeFileSync(join(work, 'plan.json'), JSON.stringify(plan));
  writeFileSync(
    join(src, 'fixture-driver.ts'),
    `import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { main } from './electron/cli/main';
import { openWorkspace } from './electron/core/workspace';
import { saveView } from './electron/core/saved-views';

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
async function cli(argv: string[]): Promise<string> {
  let text = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await main(argv);
  } finally {
    process.stdout.write = write;
  }
  if (code !== 0) throw new Error('0.1.0 CLI failed: ' + argv.join(' '));
  return text;
}
const answers = async (db: string) => {
  const out: { argv: string[]; answer: unknown }[] = [];
  for (const q of plan.queries) out.push({ argv: q, answer: JSON.parse(await cli([...q, '--db', db, '--format', 'json'])) });
  const info = JSON.parse(await cli(['info', '--db', db, '--format', 'json']));
  return { queries: out, facts: info.facts, batches: info.batches };
};
for (const args of plan.imports) await cli(['import', '--db', plan.db, ...args]);
await cli(['undo', '--db', plan.db, String(plan.undoInRelease)]);
const ws = openWorkspace(plan.db);
saveView(ws.db, plan.view.name, plan.view.state);
const views = ws.db.prepare('SELECT * FROM saved_view ORDER BY id').all();
ws.close();
const before = await answers(plan.db);
mkdirSync(dirname(plan.undoCopy), { recursive: true });
copyFileSync(plan.db, plan.undoCopy);
await cli(['undo', '--db', plan.undoCopy, String(plan.undoInTest)]);
const afterUndo = await answers(plan.undoCopy);
const catalogue = JSON.parse(await cli(['catalogue', '--db', plan.db, '--format', 'json']));
writeFileSync(process.argv[3]!, JSON.stringify({ release: '${RELEASE}', undoInTest: plan.undoInTest, views, catalogue, before, afterUndo }, null, 1));
`,
  );
  run(process.execPath, ['--import', 'tsx', join(src, 'fixture-driver.ts'), join(work, 'plan.json'), join(work, 'answers.json')], {
    cwd: src,
    env: { ...process.env, CAMPAIGN_DB: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  // 4. The file as 0.1.0 left it (closed: its WAL is checkpointed and gone), and its answers.
  const db = plan.db;
  if (existsSync(`${db}-wal`)) throw new Error('0.1.0 left a WAL file; the fixture would not be self-contained');
  mkdirSync(fixtures, { recursive: true });
  copyFileSync(db, join(fixtures, 'campaign-0.1.0.db'));
  const answers = JSON.parse(readFileSync(join(work, 'answers.json'), 'utf8'));
  writeFileSync(join(fixtures, 'campaign-0.1.0.answers.json'), JSON.stringify(answers, null, 1) + '\n');
  console.log(`wrote ${join(fixtures, 'campaign-0.1.0.db')} (${answers.before.facts} facts, ${answers.before.batches.length} batches)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
