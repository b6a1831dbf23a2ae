// The whole inspection loop on the command line, in process, on real files: export a 督导包 of 吕梁市,
// record a finding with a photo and corrections on it, write the 督导回传, merge it into the
// provincial copy (findings, attachment bytes, the corrected figure, the batch and its undo), merge
// it again (nothing changes), and a correction met by a figure the city re-sent since: left, reported.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db';
import type { FindingList, MergeReport } from '../../shared/api/inspection';
import type { SliceResult } from '../../shared/api/slice';
import type { DataInfo } from '../../shared/api/operations';
import { cli, cliJson, fingerprint, passphraseFile, pngBytes, provinceCopy, sha256 } from './support';

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await cli(args, env);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

async function figure(db: string, region: string, indicator: string, d: string, pass?: string): Promise<number | null> {
  const r = await cliJson<SliceResult>([
    'query',
    '--db',
    db,
    ...(pass ? ['--passphrase-file', pass] : []),
    '--from',
    d,
    '--to',
    d,
    '--region',
    region,
    '--indicator',
    indicator,
  ]);
  return r.total.value;
}

const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !/-(wal|shm)$/.test(f))
    .sort();

describe('the inspection loop through the CLI', () => {
  it('export → finding with a photo → corrections → return → merge → merge again → undo; a conflict left and reported', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const bundle = join(dir, '吕梁.cwb');
    const team = { CAMPAIGN_USER: '省厅第二督导组' };
    await ok([
      'bundle',
      'export',
      '--db',
      province,
      '--region',
      '吕梁市',
      '--from',
      '2023-07-10',
      '--to',
      '2023-07-24',
      '--out',
      bundle,
      '--passphrase-file',
      pass,
    ]);

    // On site: a finding with a photo, two corrections, a status change.
    const photo = pngBytes(23);
    const photoPath = join(dir, '值班记录.png');
    writeFileSync(photoPath, photo);
    const findingId = (
      await ok(
        [
          'finding',
          'add',
          '--db',
          bundle,
          '--passphrase-file',
          pass,
          '--region',
          '柳林县',
          '--indicator',
          '综合/出动民警辅警',
          '--from',
          '2023-07-12',
          '--to',
          '2023-07-13',
          '--category',
          '数据不实',
          '--severity',
          '较重',
          '--text',
          '柳林县7月12日出动警力与值班记录不符',
          '--owner',
          '柳林县公安局',
          '--due',
          '2023-08-20',
          '--attach',
          photoPath,
        ],
        team,
      )
    ).trim();
    const before12 = (await figure(bundle, '柳林县', '综合/出动民警辅警', '2023-07-12', pass))!;
    const before18 = (await figure(bundle, '孝义市', '综合/出动车辆', '2023-07-18', pass))!;
    expect(await figure(province, '柳林县', '综合/出动民警辅警', '2023-07-12')).toBe(before12);
    await ok(
      [
        'correct',
        '--db',
        bundle,
        '--passphrase-file',
        pass,
        '--region',
        '柳林县',
        '--indicator',
        '综合/出动民警辅警',
        '--day',
        '2023-07-12',
        '--value',
        String(before12 + 19),
        '--reason',
        '按值班记录核实，少报19人次',
        '--finding',
        findingId,
      ],
      team,
    );
    await ok(
      [
        'correct',
        '--db',
        bundle,
        '--passphrase-file',
        pass,
        '--region',
        '孝义市',
        '--indicator',
        '综合/出动车辆',
        '--day',
        '2023-07-18',
        '--value',
        String(before18 + 4),
        '--reason',
        '派车单核实',
      ],
      team,
    );
    await ok(
      ['finding', 'update', '--db', bundle, '--passphrase-file', pass, findingId, '--status', '整改中', '--note', '已当面反馈柳林县公安局'],
      team,
    );
    expect(await figure(bundle, '柳林县', '综合/出动民警辅警', '2023-07-12', pass)).toBe(before12 + 19);

    // Meanwhile the province took a re-sent figure of 孝义市 for 7月18日 (--replace).
    const resent = join(dir, '孝义重报.csv');
    writeFileSync(resent, `日期,地区,部门,指标,数值\n2023-07-18,吕梁市孝义市,综合,出动车辆,${before18 + 9}\n`);
    await ok(['import', '--db', province, '--replace', resent]);

    // The return: sealed, nothing of it in the clear, nothing else left in the folder.
    const ret = join(dir, '回传.cwr');
    const made = await ok(['bundle', 'return', '--db', bundle, '--out', ret, '--passphrase-file', pass], team);
    expect(made).toContain('督导发现 1 条（附件 1 个），核实更正 2 条');
    expect(files(dir)).toEqual(['passphrase.txt', 'province.db', '回传.cwr', '吕梁.cwb', '孝义重报.csv', '值班记录.png'].sort());
    for (const path of [ret, bundle]) {
      const bytes = readFileSync(path);
      for (const plain of ['SQLite format 3', '吕梁市', '柳林县', '孝义市', '出动民警辅警', '值班记录', '省厅第二督导组'])
        expect(bytes.includes(Buffer.from(plain)), `${path}: ${plain}`).toBe(false);
      expect(bytes.includes(photo.subarray(16, 300)), path).toBe(false);
    }

    // Merged: the finding, its history and photo; one correction applied as a batch, one left.
    const report = await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', ret, '--passphrase-file', pass]);
    expect(report).toMatchObject({
      city: '吕梁市',
      team: '省厅第二督导组',
      alreadyMerged: false,
      findingsAdded: 1,
      findingsUpdated: 0,
      attachmentsAdded: 1,
      correctionsApplied: 1,
      correctionsSkipped: 0,
      notes: [],
    });
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        region_name: '吕梁市孝义市',
        indicator: '综合/出动车辆',
        day: '2023-07-18',
        bundle_value: before18,
        province_value: before18 + 9,
        corrected_value: before18 + 4,
      }),
    ]);
    const listed = await cliJson<FindingList>(['finding', 'list', '--db', province, '--region', '吕梁市']);
    expect(listed.findings).toHaveLength(1);
    expect(listed.findings[0]).toMatchObject({
      id: findingId,
      region_name: '柳林县',
      status: '整改中',
      owner: '柳林县公安局',
      due: '2023-08-20',
      attachments: [{ name: '值班记录.png', sha256: sha256(photo), bytes: photo.length }],
    });
    expect(listed.findings[0]!.history.map((h) => [h.what, h.user, h.status])).toEqual([
      ['新建', '省厅第二督导组', '待整改'],
      ['附件', '省厅第二督导组', null],
      ['状态', '省厅第二督导组', '整改中'],
    ]);
    const saved = join(dir, 'saved');
    mkdirSync(saved);
    await ok(['finding', 'attachments', '--db', province, findingId, '--out', saved]);
    expect(sha256(readFileSync(join(saved, '值班记录.png')))).toBe(sha256(photo));

    expect(await figure(province, '柳林县', '综合/出动民警辅警', '2023-07-12')).toBe(before12 + 19);
    expect(await figure(province, '孝义市', '综合/出动车辆', '2023-07-18')).toBe(before18 + 9);
    const info = await cliJson<DataInfo>(['info', '--db', province]);
    expect(info.batches.find((b) => b.id === report.batchId)).toMatchObject({
      source: expect.stringMatching(/^督导回传：省厅第二督导组（吕梁市督导包 [0-9a-f]{8}）$/),
      facts: 1,
      replaced: 1,
    });

    // Again: nothing changes, the same report.
    const merged = fingerprint(province);
    expect(await cliJson<MergeReport>(['bundle', 'merge', '--db', province, '--file', ret, '--passphrase-file', pass])).toEqual({
      ...report,
      alreadyMerged: true,
    });
    expect(fingerprint(province)).toBe(merged);

    // The batch is undoable: the provincial figure comes back.
    await ok(['undo', String(report.batchId), '--db', province]);
    expect(await figure(province, '柳林县', '综合/出动民警辅警', '2023-07-12')).toBe(before12);
  });
});
