// 督导包 end to end on a copy of the demo database: `campaign bundle export` through the built CLI,
// then the bundle opened in memory — its answers equal the province's for the city (county ×
// indicator × day) and for every city's and the province's totals, with 同比 and 环比; the city
// dossier is the same; a wrong or short passphrase and any changed byte are refused with nothing
// written; writes are sealed back (and a failed write-back keeps the old file); the guards hold; and
// no readable trace of the data is left in the bundle's folder or the temporary folder.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Database from 'better-sqlite3';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createCoreEntry, type CoreEntry } from '../../electron/core/entry';
import { openBundleWorkspace } from '../../electron/bundle/bundle-workspace';
import { writeFileAtomically } from '../../electron/bundle/atomic-file';
import { deriveKey, seal } from '../../electron/bundle/sealed-file';
import { BUNDLE_IMPORT_REFUSED } from '../../electron/store/workspace';
import { CONTEXT_BATCH_SOURCE } from '../../electron/bundle/export';
import { createSession } from '../../electron/core/session';
import { databaseToReopen, rememberDatabase } from '../../electron/runtime/user-settings';
import { baseRange } from '../../electron/query/slice';
import { parseIsoDay } from '../../shared/dates';
import type { SliceQuery } from '../../shared/api/slice';
import { parseOperationInput } from '../../shared/api/parse-input';
import { UserError } from '../../shared/errors';
import { FAST_SCRYPT, folder, lastingFolder, passphraseFile, plaintextIn, provinceCopy, runCliFast } from './bundle-support';

const CITY = '忻州市';
const CAMPAIGN = '2023年夏季治安打击整治行动';
const PHASE = '第一次集中统一行动';
const PASS = '督导组 第三组 2026 冬';

let work: string;
let bundleDir: string;
let province: string;
let bundle: string;
let pass: string;
let exported: { code: number | null; stdout: string; stderr: string };
let provinceWs: Workspace;
let provinceCore: CoreEntry;
const savedEnv = { hooks: process.env.CAMPAIGN_TEST_HOOKS, log2n: process.env.CAMPAIGN_TEST_SCRYPT_LOG2N };

beforeAll(() => {
  // In this process too, keys are derived fast except where a test says otherwise.
  Object.assign(process.env, FAST_SCRYPT);
  work = lastingFolder('bundle-work');
  bundleDir = lastingFolder('bundle-dir');
  province = provinceCopy(inject('demoDb'), work);
  pass = passphraseFile(work, PASS);
  bundle = join(bundleDir, 'xinzhou.cwb');
  exported = runCliFast([
    'bundle',
    'export',
    '--db',
    province,
    '--region',
    CITY,
    '--phase',
    CAMPAIGN,
    '--out',
    bundle,
    '--passphrase-file',
    pass,
  ]);
  provinceWs = openWorkspace(province, { readonly: true });
  provinceCore = createCoreEntry(provinceWs);
});

afterAll(() => {
  provinceWs?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
  for (const [k, v] of [
    ['CAMPAIGN_TEST_HOOKS', savedEnv.hooks],
    ['CAMPAIGN_TEST_SCRYPT_LOG2N', savedEnv.log2n],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** The bundle opened in memory for one test (closed when it ends). */
function openBundle(path = bundle): { ws: Workspace; core: CoreEntry } {
  const ws = openBundleWorkspace(path, PASS);
  const core = createCoreEntry(ws);
  return { ws, core };
}

/** A copy of the bundle a test may change. */
function bundleCopy(dir: string, name = 'copy.cwb'): string {
  const path = join(dir, name);
  copyFileSync(bundle, path);
  return path;
}

describe('campaign bundle export', () => {
  it('writes a sealed file and says what it holds: the city in the period and its comparison periods, the others as city totals', () => {
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const sealed = readFileSync(bundle);
    expect(sealed.subarray(0, 8).toString('latin1')).toBe('CWBUNDLE');
    // What the province holds for the city over the campaign, 上年同期 and the preceding period.
    const db = new Database(province, { readonly: true });
    try {
      const period = { from: parseIsoDay('2023-06-25')!, to: parseIsoDay('2023-09-30')! };
      const ranges = [period, baseRange(period, 'yoy').base, baseRange(period, 'prev').base];
      let cityFacts = 0;
      let otherTotals = 0;
      for (const r of ranges) {
        cityFacts += db
          .prepare(
            `SELECT COUNT(*) FROM fact WHERE day BETWEEN ? AND ? AND region_code IN (SELECT code FROM region WHERE city_code = 140900)`,
          )
          .pluck()
          .get(r.from, r.to) as number;
        otherTotals += db
          .prepare(
            `SELECT COUNT(*) FROM (SELECT 1 FROM fact f JOIN region g ON g.code = f.region_code
               WHERE f.day BETWEEN ? AND ? AND COALESCE(g.city_code, g.code) <> 140900
               GROUP BY f.day, COALESCE(g.city_code, g.code), f.indicator_id)`,
          )
          .pluck()
          .get(r.from, r.to) as number;
      }
      expect(cityFacts).toBeGreaterThan(50_000);
      expect(exported.stdout).toContain(`${CITY} 2023-06-25 至 2023-09-30`);
      expect(exported.stdout).toContain(`本市数据 ${cityFacts} 条，各市合计 ${otherTotals} 条`);
      expect(exported.stdout).toContain(`${sealed.length} 字节`);
    } finally {
      db.close();
    }
    const { ws, core } = openBundle();
    try {
      const info = core.info({});
      expect(info.bundle).toMatchObject({ cityName: CITY, cityCode: '140900', from: '2023-06-25', to: '2023-09-30' });
      expect(info.bundle!.provinceDatabaseId).toBe(provinceWs.db.prepare('SELECT id FROM database_identity').pluck().get());
      expect(info.batches.map((b) => b.source)).toContain(CONTEXT_BATCH_SOURCE);
      const origin = ws.db.prepare('SELECT * FROM bundle_origin').get() as Record<string, unknown>;
      const provinceMax = provinceWs.db.prepare('SELECT MAX(id) FROM batch').pluck().get() as number;
      expect(origin).toMatchObject({
        province_latest_batch: provinceMax,
        province_batch_max: provinceMax + 1,
        context_batch_id: provinceMax + 1,
      });
      expect(origin.province_facts).toBe(provinceCore.info({}).facts);
      // The catalogue is the province's, row for row.
      expect(ws.catalogue).toEqual(provinceWs.catalogue);
    } finally {
      ws.close();
    }
  });

  it('answers like the province: the city by county × indicator × day, every city and the province in total, 同比 and 环比', () => {
    const { ws, core } = openBundle();
    try {
      const queries: SliceQuery[] = [
        { phase: CAMPAIGN, regions: [CITY], by: ['region:county', 'indicator', 'day'] },
        { phase: CAMPAIGN, by: ['region:city', 'indicator'], compare: 'yoy' },
        { phase: PHASE, by: ['region:city', 'indicator'], compare: 'prev' },
        { phase: CAMPAIGN, by: ['indicator'], compare: 'yoy' },
        { from: '2023-08-03', to: '2023-08-17', regions: ['原平市', '五台县'], by: ['region:county', 'indicator', 'week'], compare: 'yoy' },
        { from: '2023-07-10', to: '2023-07-31', departments: ['禁毒'], by: ['region:city', 'indicator', 'day'] },
      ];
      for (const query of queries) {
        const fromProvince = provinceCore.query(query);
        expect(fromProvince.rows.length).toBeGreaterThan(0);
        expect(core.query(query)).toEqual(fromProvince);
      }
    } finally {
      ws.close();
    }
  });

  it('gives the city dossier as the province does (same figures, same rank among the 11)', async () => {
    const { ws, core } = openBundle();
    try {
      const request = { type: 'city', format: 'csv', regions: [CITY], phase: PHASE } as const;
      const text = async (c: CoreEntry) => {
        const file = await c.report({ ...request, regions: [...request.regions] });
        // The provenance lines name the database and the time: they differ by design.
        return Buffer.from(file.bytes)
          .toString('utf8')
          .split('\n')
          .filter((line) => !/^(数据版本|生成时间|数据库)/.test(line));
      };
      const [onProvince, onBundle] = [await text(provinceCore), await text(core)];
      expect(onProvince.join('\n')).toContain('全省排名');
      expect(onBundle).toEqual(onProvince);
    } finally {
      ws.close();
    }
  });
});

describe('opening a bundle', () => {
  it('refuses a wrong passphrase, writing nothing anywhere', () => {
    const tmp = folder('bundle-tmp');
    const wrong = passphraseFile(folder('bundle-pass'), '督导组 第三组 2026 秋');
    const before = readFileSync(bundle);
    const listing = readdirSync(bundleDir).sort();
    const r = runCliFast(['info', '--db', bundle, '--passphrase-file', wrong], { TMPDIR: tmp });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('口令错误，或文件已被改动、损坏');
    expect(r.stdout).toBe('');
    expect(readFileSync(bundle).equals(before)).toBe(true);
    expect(readdirSync(bundleDir).sort()).toEqual(listing);
    expect(readdirSync(tmp)).toEqual([]);
    // In the process as well.
    expect(() => openBundleWorkspace(bundle, '督导组 第三组 2026 秋')).toThrow(UserError);
  });

  it('refuses a short passphrase, to export or to open', () => {
    const dir = folder('bundle-short');
    const short = passphraseFile(dir, '123456789');
    const out = join(dir, 'short.cwb');
    const r = runCliFast([
      'bundle',
      'export',
      '--db',
      province,
      '--region',
      CITY,
      '--from',
      '2023-07-01',
      '--to',
      '2023-07-05',
      '--out',
      out,
      '--passphrase-file',
      short,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('口令至少 10 个字符');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['pass.txt']);
    expect(() => openBundleWorkspace(bundle, '123456789')).toThrow(/口令至少 10 个字符/);
    // Without any passphrase the CLI says how to give one.
    const none = runCliFast(['info', '--db', bundle]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('--passphrase-file');
  });

  it('refuses a file with one byte changed: in the header, the middle or the tag', () => {
    const dir = folder('bundle-flip');
    const sealed = readFileSync(bundle);
    const headerLength = sealed.readUInt32BE(8);
    const spots = { header: 12 + Math.floor(headerLength / 2), magic: 3, middle: Math.floor(sealed.length / 2), tag: sealed.length - 1 };
    for (const [where, at] of Object.entries(spots)) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 0x01;
      const path = join(dir, `${where}.cwb`);
      writeFileSync(path, changed);
      expect(() => openBundleWorkspace(path, PASS), where).toThrow(UserError);
      expect(readFileSync(path).equals(changed)).toBe(true);
    }
    const r = runCliFast(['query', '--db', join(dir, 'middle.cwb'), '--passphrase-file', pass, '--phase', PHASE, '--by', 'indicator']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('口令错误，或文件已被改动、损坏（未做任何更改）');
    expect(readdirSync(dir).sort()).toEqual(['header.cwb', 'magic.cwb', 'middle.cwb', 'tag.cwb']);
  });
});

describe('what is a bundle', () => {
  it('opens a bundle by its mark whatever its name, and refuses a sealed database that is not one', () => {
    const dir = folder('bundle-mark');
    const renamed = join(dir, '看起来像数据库.db');
    copyFileSync(bundle, renamed);
    const r = runCliFast(['info', '--db', renamed, '--passphrase-file', pass, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { bundle: { cityName: string } }).bundle.cityName).toBe(CITY);
    // The province itself sealed as a bundle: it decrypts, but has no origin, so it is not one.
    const notOne = join(dir, '全省.cwb');
    writeFileSync(notOne, seal('bundle', provinceWs.db.serialize(), deriveKey(PASS)));
    expect(() => openBundleWorkspace(notOne, PASS)).toThrow('不是督导包');
    expect(readdirSync(dir).sort()).toEqual(['全省.cwb', '看起来像数据库.db'].sort());
  });
});

describe('working on a bundle', () => {
  it('seals every write back into the file: a saved view is there when it is opened again', () => {
    const dir = folder('bundle-write');
    const path = bundleCopy(dir);
    const before = readFileSync(path);
    const { ws, core } = openBundle(path);
    try {
      const saved = core.saveView({ name: '忻州督导·日报', state: { view: 'charts', filter: { from: '2023-07-01', to: '2023-07-31' } } });
      expect(saved.changed).toEqual(['views']);
    } finally {
      ws.close();
    }
    const after = readFileSync(path);
    expect(after.equals(before)).toBe(false);
    expect(after.subarray(0, 8).toString('latin1')).toBe('CWBUNDLE');
    expect(readdirSync(dir)).toEqual(['copy.cwb']);
    const again = openBundle(path);
    try {
      expect(again.core.listViews({}).map((v) => v.name)).toContain('忻州督导·日报');
    } finally {
      again.ws.close();
    }
  });

  it('keeps the old file whole when the write-back fails before the rename', () => {
    const dir = folder('bundle-fail');
    const path = bundleCopy(dir);
    const before = readFileSync(path);
    let failing = true;
    // A disk that fills up halfway: part of the new file is written beside it, then the write fails.
    const writer = (target: string, bytes: Uint8Array) => {
      if (!failing) return writeFileAtomically(target, bytes);
      const partial = join(dir, '.copy.cwb.partial-test');
      writeFileSync(partial, bytes.subarray(0, bytes.length >> 1));
      rmSync(partial);
      throw new UserError('磁盘已满（测试模拟）');
    };
    const ws = openBundleWorkspace(path, PASS, { writer });
    const core = createCoreEntry(ws);
    try {
      expect(() =>
        core.saveView({ name: '不会写入的视图', state: { view: 'grid', filter: { from: '2023-07-07', to: '2023-07-09' } } }),
      ).toThrow('磁盘已满');
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readdirSync(dir)).toEqual(['copy.cwb']);
      // The next write that succeeds seals everything done in memory since.
      failing = false;
      core.saveView({ name: '随后写入的视图', state: { view: 'grid', filter: { from: '2023-07-07', to: '2023-07-09' } } });
    } finally {
      ws.close();
    }
    const again = openBundle(path);
    try {
      expect(again.core.listViews({}).map((v) => v.name)).toEqual(expect.arrayContaining(['不会写入的视图', '随后写入的视图']));
    } finally {
      again.ws.close();
    }
  });

  it('refuses imports, undo of provincial batches, and completeness or anomalies outside the city', async () => {
    const dir = folder('bundle-guards');
    const { ws, core } = openBundle(bundleCopy(dir));
    try {
      const csv = '日期,地区,部门,指标,数值,单位\n2023-07-01,忻州市忻府区,综合,出动民警辅警,31,人次\n';
      await expect(core.import({ files: [{ name: '忻州.csv', bytes: Buffer.from(csv) }], replace: false, rejects: false })).rejects.toThrow(
        BUNDLE_IMPORT_REFUSED,
      );
      expect(() => core.undo({ batchId: 1 })).toThrow(/来自全省数据库，督导包中不能撤销/);
      expect(() => core.completeness({ phase: PHASE, regions: ['太原市'] })).toThrow(/督导包只含忻州市的逐单位数据/);
      expect(() => core.completeness({ phase: PHASE, regions: ['山西省'] })).toThrow(/督导包只含忻州市的逐单位数据/);
      expect(() => core.anomalies({ phase: PHASE, regions: ['小店区'] })).toThrow(/督导包只含忻州市的逐单位数据/);
      // Without a region: the city's units, exactly as the province reports them.
      const scoped = core.completeness({ phase: PHASE });
      expect(new Set(scoped.unit_rates.map((u) => u.city_name))).toEqual(new Set([CITY]));
      expect(scoped).toEqual(provinceCore.completeness({ phase: PHASE, regions: [CITY] }));
      expect(core.completeness({ phase: PHASE, regions: ['原平市'] })).toEqual(
        provinceCore.completeness({ phase: PHASE, regions: ['原平市'] }),
      );
      // Anomalies take each unit's history from the campaign, and the province's rhythm from its totals.
      const anomalies = core.anomalies({ phase: PHASE });
      expect(anomalies).toEqual(provinceCore.anomalies({ phase: PHASE, regions: [CITY] }));
      expect(anomalies.cities.map((c) => c.city_name)).toEqual([CITY]);
      expect(() => core.exportBundle({ region: CITY, phase: PHASE, passphrase: PASS })).toThrow(/当前打开的已是督导包/);
      expect(() => provinceCore.exportBundle({ region: '原平市', phase: PHASE, passphrase: PASS })).toThrow(/不是地市/);
      expect(readdirSync(dir)).toEqual(['copy.cwb']);
    } finally {
      ws.close();
    }
  });

  it('leaves nothing readable in its folder or the temporary folder: export, open, queries, a refused import, a write', () => {
    const dir = folder('bundle-clean');
    const tmp = folder('bundle-clean-tmp');
    const path = join(dir, 'team.cwb');
    const env = { TMPDIR: tmp };
    const steps = [
      [
        'bundle',
        'export',
        '--db',
        province,
        '--region',
        '吕梁市',
        '--from',
        '2023-07-20',
        '--to',
        '2023-08-10',
        '--out',
        path,
        '--passphrase-file',
        pass,
      ],
      ['info', '--db', path, '--passphrase-file', pass],
      [
        'query',
        '--db',
        path,
        '--passphrase-file',
        pass,
        '--from',
        '2023-07-20',
        '--to',
        '2023-08-10',
        '--by',
        'region:county',
        '--by',
        'indicator',
        '--format',
        'csv',
      ],
      ['completeness', '--db', path, '--passphrase-file', pass, '--from', '2023-07-20', '--to', '2023-08-10'],
      ['anomalies', '--db', path, '--passphrase-file', pass, '--from', '2023-07-20', '--to', '2023-08-10'],
    ];
    for (const args of steps) {
      const r = runCliFast(args, env);
      // Only the demo notice (the province copy is the demo database) may be on stderr.
      expect(r.stderr.replace(/注意：.*为演示数据（非真实数据）\n/g, ''), args.join(' ')).toBe('');
      expect(r.code).toBe(0);
    }
    const csv = join(work, '吕梁.csv');
    writeFileSync(csv, '日期,地区,部门,指标,数值,单位\n2023-07-21,吕梁市离石区,综合,出动民警辅警,31,人次\n');
    const refused = runCliFast(['import', '--db', path, '--passphrase-file', pass, csv], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(BUNDLE_IMPORT_REFUSED);
    // A write in this process, with its temporary folder pointed at the watched one.
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const { ws, core } = openBundle(path);
      try {
        core.saveView({ name: '吕梁督导', state: { view: 'grid', filter: { from: '2023-07-20', to: '2023-08-10' } } });
        expect(
          core.query({ from: '2023-07-20', to: '2023-08-10', regions: ['吕梁市'], by: ['region:county'], indicators: ['出动民警辅警'] })
            .rows.length,
        ).toBe(14);
      } finally {
        ws.close();
      }
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(readdirSync(dir)).toEqual(['team.cwb']);
    expect(plaintextIn([dir, tmp])).toEqual([]);
    // The scan does find the marks where they are in the clear (the province), so it can fail.
    expect(plaintextIn([work]).length).toBeGreaterThan(0);
  });
});

describe('the bundle at default strength, and in the session', () => {
  it('seals with scrypt N=2^17 by default and opens again', () => {
    const dir = folder('bundle-default');
    delete process.env.CAMPAIGN_TEST_SCRYPT_LOG2N;
    try {
      const result = provinceCore.exportBundle({ region: '晋城市', from: '2023-07-07', to: '2023-07-09', passphrase: PASS });
      expect(result.fileName).toBe('督导包_晋城市_2023-07-07至2023-07-09.cwb');
      const path = join(dir, result.fileName);
      writeFileAtomically(path, result.bytes);
      const sealed = readFileSync(path);
      const header = JSON.parse(sealed.subarray(12, 12 + sealed.readUInt32BE(8)).toString('utf8')) as { N: number; r: number; p: number };
      expect(header).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
      const { ws, core } = openBundle(path);
      try {
        expect(core.info({}).bundle?.cityName).toBe('晋城市');
        const q = { from: '2023-07-07', to: '2023-07-09', regions: ['晋城市'], by: ['region:county', 'indicator', 'day'] } as const;
        expect(core.query({ ...q, regions: [...q.regions], by: [...q.by] })).toEqual(
          provinceCore.query({ ...q, regions: [...q.regions], by: [...q.by] }),
        );
      } finally {
        ws.close();
      }
    } finally {
      Object.assign(process.env, FAST_SCRYPT);
    }
  });

  it('opens a bundle in the session only with its passphrase, and never reopens one at start', async () => {
    const home = folder('bundle-home');
    const dir = folder('bundle-session');
    const path = bundleCopy(dir, '忻州督导.cwb');
    const session = createSession({ home });
    try {
      expect(() => session.openDatabase({ path })).toThrow('打开督导包须输入口令');
      expect(() => session.openDatabase({ path, passphrase: '督导组 第三组 2026 秋' })).toThrow('口令错误');
      expect(session.workspace({}).path).toBeNull();
      const state = session.openDatabase({ path, passphrase: PASS });
      expect(state.bundle?.cityName).toBe(CITY);
      expect(state.changed.length).toBeGreaterThan(0);
      expect(() => session.createDatabase({ path: join(dir, '新的.cwb') })).toThrow(/督导包不能新建/);
      // The session's core (imports off-thread, as in the window) refuses imports and seals writes.
      const core = session.current()!.core;
      const csv = '日期,地区,部门,指标,数值,单位\n2023-07-01,忻州市忻府区,综合,出动民警辅警,31,人次\n';
      await expect(core.import(parseOperationInput('import', { files: [{ name: '忻州.csv', bytes: Buffer.from(csv) }] }))).rejects.toThrow(
        BUNDLE_IMPORT_REFUSED,
      );
      const before = readFileSync(path);
      core.saveView(
        parseOperationInput('saveView', { name: '会话中保存', state: { view: 'grid', filter: { from: '2023-07-07', to: '2023-07-09' } } }),
      );
      expect(readFileSync(path).equals(before)).toBe(false);
    } finally {
      session.close();
    }
    // Remembered, but not opened without its passphrase at the next start; a .db still is.
    expect(databaseToReopen(home)).toBeNull();
    rememberDatabase(home, province);
    expect(databaseToReopen(home)).toBe(province);
    expect(readdirSync(dir)).toEqual(['忻州督导.cwb']);
  });
});
