// 督导回传 and its merge through the CLI (in process), on real database files: a bundle made by SQL on
// a copy of the demo database, a return written and sealed, merged into another copy (findings,
// attachment bytes, the corrected figure in `campaign query`, the batch undone), merged again (a
// no-op), a conflicting correction left, a finding changed on both sides, a tampered file refused.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp-db';
import type { MergeReport } from '../../shared/api/inspection';
import type { SliceResult } from '../../shared/api/slice';
import type { DataInfo } from '../../shared/api/operations';
import {
  addFindingBySql,
  cli,
  cliJson,
  correctBySql,
  fingerprint,
  markAsBundle,
  passphraseFile,
  pngBytes,
  provinceCopy,
  setStatusBySql,
  sha256,
} from './support';

const LULIANG = 141100;
const LISHI = 141102; // 离石区
const WENSHUI = 141121; // 文水县
const JIAOCHENG = 141122; // 交城县
const POLICE = 1; // 综合/出动民警辅警
const VEHICLES = 2; // 综合/出动车辆

async function figure(db: string, region: string, indicator: string, d: string): Promise<number | null> {
  const r = await cliJson<SliceResult>(['query', '--db', db, '--from', d, '--to', d, '--region', region, '--indicator', indicator]);
  return r.total.value;
}

function factValue(db: string, region: number, indicator: number, d: string): number | null {
  const conn = new Database(db, { readonly: true });
  try {
    const v = conn
      .prepare("SELECT value FROM fact WHERE day = (julianday(?) - julianday('1970-01-01')) AND region_code = ? AND indicator_id = ?")
      .pluck()
      .get(d, region, indicator);
    return (v as number | undefined) ?? null;
  } finally {
    conn.close();
  }
}

const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !/-(wal|shm)$/.test(f))
    .sort();

describe('campaign bundle return and merge', () => {
  it('brings findings, attachments and corrections back; a second merge changes nothing; undo restores the provincial figure', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const bundle = provinceCopy(dir, 'bundle.db');
    const bundleId = markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31');

    const findingId = randomUUID();
    const photo = pngBytes(7);
    addFindingBySql(bundle, {
      id: findingId,
      region: WENSHUI,
      text: '文水县7月3日至5日出动警力数据未按时报送',
      at: '2023-07-20T02:00:00.000Z',
      attachment: { name: '现场照片.png', bytes: photo },
    });
    const provincial = factValue(province, LISHI, POLICE, '2023-07-10')!;
    const corrected = correctBySql(bundle, {
      region: LISHI,
      indicator: POLICE,
      day: '2023-07-10',
      value: provincial + 37,
      reason: '核对台账，漏计37人次',
      finding: findingId,
      at: '2023-07-20T03:00:00.000Z',
    });
    expect(corrected.original).toBe(provincial);
    // A correction undone on site is not brought back.
    const undone = correctBySql(bundle, {
      region: JIAOCHENG,
      indicator: VEHICLES,
      day: '2023-07-11',
      value: 999,
      reason: '误录',
      at: '2023-07-20T04:00:00.000Z',
    });
    new Database(bundle).prepare("UPDATE batch SET undone_at = '2023-07-20T05:00:00.000Z' WHERE id = ?").run(undone.batch);

    // The return: written whole, sealed, no plaintext.
    const out = join(dir, 'return.cwr');
    const made = await cli(['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass], {
      CAMPAIGN_USER: '省厅第三督导组',
    });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('督导发现 1 条（附件 1 个），核实更正 1 条');
    const sealed = readFileSync(out);
    expect(sealed.subarray(0, 8).toString('latin1')).toBe('CWRETURN');
    for (const plain of ['SQLite format 3', '吕梁', '文水县', '离石区', '出动民警辅警', '核对台账', '现场照片', '省厅第三督导组']) {
      expect(sealed.includes(Buffer.from(plain, 'utf8')), plain).toBe(false);
    }
    expect(sealed.includes(photo.subarray(8, 200))).toBe(false);
    // No temporary file left beside it (the databases' own -wal/-shm aside).
    expect(files(dir)).toEqual(['bundle.db', 'passphrase.txt', 'province.db', 'return.cwr']);

    // Merge: the report, in JSON and in words.
    const before = fingerprint(province);
    const report = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(report).toMatchObject({
      city: '吕梁市',
      team: '省厅第三督导组',
      alreadyMerged: false,
      findingsAdded: 1,
      findingsUpdated: 0,
      attachmentsAdded: 1,
      correctionsApplied: 1,
      correctionsSkipped: 0,
      conflicts: [],
      notes: [],
    });
    expect(report.batchId).toBeGreaterThan(1);
    expect(fingerprint(province)).not.toBe(before);

    // The finding with its history and the attachment's very bytes.
    const conn = new Database(province, { readonly: true });
    const stored = conn.prepare('SELECT region_code, text, status FROM finding WHERE id = ?').get(findingId);
    expect(stored).toEqual({ region_code: WENSHUI, text: '文水县7月3日至5日出动警力数据未按时报送', status: '待整改' });
    expect(conn.prepare('SELECT COUNT(*) FROM finding_event WHERE finding_id = ?').pluck().get(findingId)).toBe(2);
    const data = conn
      .prepare('SELECT data FROM finding_attachment WHERE finding_id = ? AND sha256 = ?')
      .pluck()
      .get(findingId, sha256(photo)) as Buffer;
    expect(sha256(data)).toBe(sha256(photo));
    const correction = conn.prepare('SELECT batch_id, original_value, value, return_id, finding_id FROM correction').all();
    expect(correction).toEqual([
      { batch_id: report.batchId, original_value: provincial, value: provincial + 37, return_id: report.returnId, finding_id: findingId },
    ]);
    conn.close();

    // The corrected figure in queries; the batch listed with the team and the bundle.
    expect(await figure(province, '离石区', '综合/出动民警辅警', '2023-07-10')).toBe(provincial + 37);
    const info = await cliJson<DataInfo>(['info', '--db', province]);
    const batch = info.batches.find((b) => b.id === report.batchId)!;
    expect(batch).toMatchObject({
      source: `督导回传：省厅第三督导组（吕梁市督导包 ${bundleId.slice(0, 8)}）`,
      facts: 1,
      replaced: 1,
      undoneAt: null,
    });

    // Merged again: nothing changes, the same report.
    const afterFirst = fingerprint(province);
    const again = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(again).toEqual({ ...report, alreadyMerged: true });
    expect(fingerprint(province)).toBe(afterFirst);
    const againText = await cli(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(againText.stdout).toContain('此前已合并');
    expect(againText.stdout).toContain(`作为导入批次 ${report.batchId}`);

    // Undo: the provincial figure is back; the correction reads as undone (its batch is).
    const undo = await cli(['undo', String(report.batchId), '--db', province]);
    expect(undo.code).toBe(0);
    expect(await figure(province, '离石区', '综合/出动民警辅警', '2023-07-10')).toBe(provincial);
    expect(factValue(province, LISHI, POLICE, '2023-07-10')).toBe(provincial);
  });

  it('leaves a correction whose provincial figure changed since the export, and reports both values', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const bundle = provinceCopy(dir, 'bundle.db');
    markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31');
    const bundleFigure = factValue(bundle, WENSHUI, VEHICLES, '2023-07-15')!;
    const stillSame = factValue(bundle, JIAOCHENG, POLICE, '2023-07-16')!;
    correctBySql(bundle, {
      region: WENSHUI,
      indicator: VEHICLES,
      day: '2023-07-15',
      value: bundleFigure + 5,
      reason: '现场核实车辆台账',
      at: '2023-07-21T01:00:00.000Z',
    });
    correctBySql(bundle, {
      region: JIAOCHENG,
      indicator: POLICE,
      day: '2023-07-16',
      value: stillSame + 2,
      reason: '补录',
      at: '2023-07-21T01:10:00.000Z',
    });
    const out = join(dir, 'return.cwr');
    const made = await cliJson<{ fileName: string; path: string; findings: number; corrections: number; attachments: number }>(
      ['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass],
      { CAMPAIGN_USER: '第一督导组' },
    );
    expect(made).toMatchObject({ path: out, findings: 0, corrections: 2, attachments: 0 });
    expect(made.fileName).toMatch(/^督导回传_吕梁市_\d{4}-\d{2}-\d{2}\.cwr$/);

    // After the export the city re-sent 文水县's figure: imported with --replace in the province.
    const csv = join(dir, '吕梁重报.csv');
    writeFileSync(csv, `日期,地区,部门,指标,数值\n2023-07-15,吕梁市文水县,综合,出动车辆,${bundleFigure + 11}\n`);
    const imported = await cli(['import', '--db', province, '--replace', csv]);
    expect(imported.code).toBe(0);

    const text = await cli(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('核实更正：采用 1 条');
    expect(text.stdout).toContain('未采用的更正 1 条');
    const row = text.stdout.split('\n').find((l) => l.includes('吕梁市文水县'))!;
    expect(row).toContain('综合/出动车辆');
    expect(row).toContain('2023-07-15');
    for (const v of [bundleFigure, bundleFigure + 11, bundleFigure + 5]) expect(row).toContain(String(v));

    // Left as it is, kept unapplied with the provincial figure; the other one applied.
    expect(factValue(province, WENSHUI, VEHICLES, '2023-07-15')).toBe(bundleFigure + 11);
    expect(factValue(province, JIAOCHENG, POLICE, '2023-07-16')).toBe(stillSame + 2);
    const conn = new Database(province, { readonly: true });
    const rows = conn
      .prepare('SELECT region_code, batch_id, conflict_value, original_value FROM correction ORDER BY region_code')
      .all() as { region_code: number; batch_id: number | null; conflict_value: number | null }[];
    conn.close();
    expect(rows).toEqual([
      { region_code: WENSHUI, batch_id: null, conflict_value: bundleFigure + 11, original_value: bundleFigure },
      expect.objectContaining({ region_code: JIAOCHENG, conflict_value: null }),
    ]);
    expect(rows[1]!.batch_id).not.toBeNull();

    // The JSON of a second merge repeats the conflict with both values.
    const again = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(again.alreadyMerged).toBe(true);
    expect(again.conflicts).toEqual([
      {
        correction: expect.any(String),
        region_code: String(WENSHUI),
        region_name: '吕梁市文水县',
        indicator: '综合/出动车辆',
        day: '2023-07-15',
        bundle_value: bundleFigure,
        province_value: bundleFigure + 11,
        corrected_value: bundleFigure + 5,
      },
    ]);
  });

  it('keeps both histories of a finding changed on both sides and takes the later status', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    // Two findings recorded in the province before the export, so in the bundle too.
    const closedOnSite = randomUUID();
    const laterInProvince = randomUUID();
    for (const [id, region] of [
      [closedOnSite, LISHI],
      [laterInProvince, JIAOCHENG],
    ] as const) {
      addFindingBySql(province, { id, region, text: `问题 ${id.slice(0, 4)}`, at: '2023-07-02T01:00:00.000Z' });
    }
    const bundle = join(dir, 'bundle.db');
    writeFileSync(bundle, readFileSync(province));
    markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31');

    // On site: one 整改中 then 已销号 late; the other 整改中 early. In the province: the reverse.
    setStatusBySql(bundle, closedOnSite, '整改中', '2023-07-05T01:00:00.000Z', '已布置整改');
    setStatusBySql(bundle, closedOnSite, '已销号', '2023-07-25T01:00:00.000Z', '现场核验台账已补齐');
    setStatusBySql(province, closedOnSite, '整改中', '2023-07-10T01:00:00.000Z', '省厅电话督促');
    setStatusBySql(bundle, laterInProvince, '整改中', '2023-07-06T01:00:00.000Z', '现场督促');
    setStatusBySql(province, laterInProvince, '已销号', '2023-07-28T01:00:00.000Z', '市局报来整改材料，核实无误');

    const out = join(dir, 'return.cwr');
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass])).code).toBe(0);
    const report = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(report).toMatchObject({ findingsAdded: 0, findingsUpdated: 2, attachmentsAdded: 0, correctionsApplied: 0, batchId: null });

    const conn = new Database(province, { readonly: true });
    const state = (id: string) => conn.prepare('SELECT status, closed_at FROM finding WHERE id = ?').get(id);
    const notes = (id: string) =>
      conn.prepare('SELECT note FROM finding_event WHERE finding_id = ? AND note IS NOT NULL ORDER BY at').pluck().all(id);
    expect(state(closedOnSite)).toEqual({ status: '已销号', closed_at: '2023-07-25T01:00:00.000Z' });
    expect(notes(closedOnSite)).toEqual(['已布置整改', '省厅电话督促', '现场核验台账已补齐']);
    expect(state(laterInProvince)).toEqual({ status: '已销号', closed_at: '2023-07-28T01:00:00.000Z' });
    expect(notes(laterInProvince)).toEqual(['现场督促', '市局报来整改材料，核实无误']);
    conn.close();
  });

  it('merges a later return of the same bundle: what was merged is skipped, the rest applied as a new batch', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const bundle = provinceCopy(dir, 'bundle.db');
    markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31');
    const findingId = randomUUID();
    addFindingBySql(bundle, { id: findingId, region: LISHI, text: '离石区日报迟报', at: '2023-07-20T02:00:00.000Z' });
    const p = factValue(province, LISHI, POLICE, '2023-07-12')!;
    correctBySql(bundle, {
      region: LISHI,
      indicator: POLICE,
      day: '2023-07-12',
      value: p + 1,
      reason: '第一次核实',
      at: '2023-07-20T03:00:00.000Z',
    });
    const first = join(dir, 'first.cwr');
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', first, '--passphrase-file', pass])).code).toBe(0);
    const r1 = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', first, '--passphrase-file', pass]);
    expect(r1).toMatchObject({ findingsAdded: 1, correctionsApplied: 1 });

    // The team goes on: the same figure corrected again, the finding closed half a second after
    // the province set it 整改中 (times written with and without milliseconds).
    correctBySql(bundle, {
      region: LISHI,
      indicator: POLICE,
      day: '2023-07-12',
      value: p + 5,
      reason: '第二次核实',
      at: '2023-07-21T03:00:00.000Z',
    });
    setStatusBySql(province, findingId, '整改中', '2023-07-25T01:00:00Z', '省厅督促');
    setStatusBySql(bundle, findingId, '已销号', '2023-07-25T01:00:00.500Z', '现场核验');
    const second = join(dir, 'second.cwr');
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', second, '--passphrase-file', pass])).code).toBe(0);
    const r2 = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', second, '--passphrase-file', pass]);
    expect(r2).toMatchObject({
      alreadyMerged: false,
      findingsAdded: 0,
      findingsUpdated: 1,
      correctionsApplied: 1,
      correctionsSkipped: 1,
      conflicts: [],
    });
    expect(r2.batchId).toBeGreaterThan(r1.batchId!);
    expect(factValue(province, LISHI, POLICE, '2023-07-12')).toBe(p + 5);
    const conn = new Database(province, { readonly: true });
    expect(conn.prepare('SELECT status FROM finding WHERE id = ?').pluck().get(findingId)).toBe('已销号');
    conn.close();

    // Undone in the reverse order, each batch restores the figure it replaced.
    const early = await cli(['undo', String(r1.batchId), '--db', province]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`请先撤销批次 ${r2.batchId}`);
    expect((await cli(['undo', String(r2.batchId), '--db', province])).code).toBe(0);
    expect(factValue(province, LISHI, POLICE, '2023-07-12')).toBe(p + 1);
    expect((await cli(['undo', String(r1.batchId), '--db', province])).code).toBe(0);
    expect(factValue(province, LISHI, POLICE, '2023-07-12')).toBe(p);
  });

  it('refuses a return with one changed byte, or the wrong passphrase, and writes nothing', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const bundle = provinceCopy(dir, 'bundle.db');
    markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31');
    addFindingBySql(bundle, {
      id: randomUUID(),
      region: LISHI,
      text: '台账不全',
      at: '2023-07-20T02:00:00.000Z',
      attachment: { name: 'a.png', bytes: pngBytes(3) },
    });
    const out = join(dir, 'return.cwr');
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass])).code).toBe(0);
    const sealed = readFileSync(out);
    const before = fingerprint(province);
    for (const at of [9, 40, Math.floor(sealed.length / 2), sealed.length - 3]) {
      const flipped = Buffer.from(sealed);
      flipped[at] = flipped[at]! ^ 0x01;
      const bad = join(dir, `flipped-${at}.cwr`);
      writeFileSync(bad, flipped);
      const r = await cli(['bundle', 'merge', '--db', province, '--file', bad, '--passphrase-file', pass]);
      expect(r.code, `byte ${at}`).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^错误: .*(口令错误，或文件已被改动|不是督导回传文件)/);
    }
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, '另一个口令-0123456789');
    const r = await cli(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('口令错误');
    expect(fingerprint(province)).toBe(before);
  });

  it('says what is wrong: a return only from a bundle, a merge only into the provincial copy, another copy noted', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const notBundle = await cli(['bundle', 'return', '--db', province, '--out', join(dir, 'x.cwr'), '--passphrase-file', pass]);
    expect(notBundle.code).toBe(1);
    expect(notBundle.stderr).toContain('只能从督导包生成督导回传');
    expect(files(dir)).toEqual(['passphrase.txt', 'province.db']);

    const bundle = provinceCopy(dir, 'bundle.db');
    // Made from another provincial copy (another id): merged, with a note.
    markAsBundle(bundle, LULIANG, '2023-07-01', '2023-07-31', randomUUID());
    const out = join(dir, 'return.cwr');
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass])).code).toBe(0);
    // --out never replaces the bundle itself or any file that is not a return; an earlier return, yes.
    const bundleBytes = sha256(readFileSync(bundle));
    for (const target of [bundle, province, pass]) {
      const r = await cli(['bundle', 'return', '--db', bundle, '--out', target, '--passphrase-file', pass]);
      expect(r.code, target).toBe(1);
      expect(r.stderr, target).toMatch(/不能是督导包本身|已存在且不是督导回传文件，未覆盖/);
    }
    expect(sha256(readFileSync(bundle))).toBe(bundleBytes);
    const earlier = sha256(readFileSync(out));
    expect((await cli(['bundle', 'return', '--db', bundle, '--out', out, '--passphrase-file', pass])).code).toBe(0);
    expect(sha256(readFileSync(out))).not.toBe(earlier);
    const intoBundle = await cli(['bundle', 'merge', '--db', bundle, '--file', out, '--passphrase-file', pass]);
    expect(intoBundle.code).toBe(1);
    expect(intoBundle.stderr).toContain('督导包中不能合并督导回传');
    const merged = await cli(['bundle', 'merge', '--db', province, '--file', out, '--passphrase-file', pass]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('注意：该督导包不是由本数据库导出的');
    const bundleAsReturn = await cli(['bundle', 'merge', '--db', province, '--file', bundle, '--passphrase-file', pass]);
    expect(bundleAsReturn.code).toBe(1);
    expect(bundleAsReturn.stderr).toContain('不是督导回传文件');
  });
});
