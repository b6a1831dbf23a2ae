// The 督导组's work on a 督导包 (with h13-findings' operations): a finding with an image, a verified
// correction and its undo are each sealed back into the file as they happen; the corrected figure
// is what the bundle's queries answer; the undo takes no backup; and the attachment's bytes, the
// finding's text and the figures are nowhere readable in the file or its folder.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkspace } from '../../electron/store/workspace';
import { createCoreEntry } from '../../electron/core/entry';
import { openBundleWorkspace } from '../../electron/bundle/bundle-workspace';
import { writeFileAtomically } from '../../electron/bundle/atomic-file';
import { FAST_SCRYPT, lastingFolder, plaintextIn, provinceCopy } from './bundle-support';

const PASS = '阳泉 督导 二〇二六年';
let work: string;
let bundle: string;
const saved = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, FAST_SCRYPT, { CAMPAIGN_USER: '督导组张三' });
  work = lastingFolder('bundle-inspection');
  const province = openWorkspace(provinceCopy(inject('demoDb'), work), { readonly: true });
  try {
    const made = createCoreEntry(province).exportBundle({ region: '阳泉市', from: '2023-08-01', to: '2023-08-31', passphrase: PASS });
    bundle = join(lastingFolder('bundle-inspection-file'), 'yangquan.cwb');
    writeFileAtomically(bundle, made.bytes);
  } finally {
    province.close();
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(bundle, '..'), { recursive: true, force: true });
  for (const k of ['CAMPAIGN_TEST_HOOKS', 'CAMPAIGN_TEST_SCRYPT_LOG2N', 'CAMPAIGN_USER']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

function reopen<T>(fn: (core: ReturnType<typeof createCoreEntry>) => T): T {
  const ws = openBundleWorkspace(bundle, PASS);
  try {
    return fn(createCoreEntry(ws));
  } finally {
    ws.close();
  }
}

describe('督导 on a bundle', () => {
  it('seals a finding with an image, a correction and its undo into the file, each as it happens', () => {
    const folder = join(bundle, '..');
    const image = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2048)]);
    const query = { from: '2023-08-10', to: '2023-08-10', regions: ['盂县'], indicators: ['查处酒驾醉驾'], by: ['region:county' as const] };
    const original = reopen((core) => core.query(query).rows[0]!.value);
    expect(original).not.toBeNull();

    let before = readFileSync(bundle);
    const findingId = reopen(
      (core) =>
        core.addFinding({
          region: '盂县',
          indicator: '查处酒驾醉驾',
          category: '数据不实',
          severity: '较重',
          text: '八月十日酒驾数与台账不符，台账记为 7 起',
          attachments: [{ name: '台账照片.png', bytes: image }],
        }).finding.id,
    );
    expect(readFileSync(bundle).equals(before)).toBe(false);

    before = readFileSync(bundle);
    const corrected = reopen((core) =>
      core.correct({
        region: '盂县',
        indicator: '查处酒驾醉驾',
        day: '2023-08-10',
        value: original! + 7,
        reason: '按台账核实',
        finding: findingId,
      }),
    );
    expect(readFileSync(bundle).equals(before)).toBe(false);
    expect(corrected.correction.original_value).toBe(original);
    const batch = corrected.correction.batch!;

    reopen((core) => {
      expect(core.query(query).rows[0]!.value).toBe(original! + 7);
      expect(core.listFindings({}).findings.map((f) => f.id)).toContain(findingId);
      expect(core.info({}).batches.map((b) => b.id)).toContain(batch);
    });

    // Undo of the bundle's own batch: allowed, no backup beside the file, sealed back.
    before = readFileSync(bundle);
    reopen((core) => expect(core.undo({ batchId: batch }).backup).toBeNull());
    expect(readFileSync(bundle).equals(before)).toBe(false);
    reopen((core) => expect(core.query(query).rows[0]!.value).toBe(original));

    expect(readdirSync(folder)).toEqual(['yangquan.cwb']);
    // Nothing readable: not the image, not the text, not the names.
    expect(readFileSync(bundle).includes(image.subarray(0, 64))).toBe(false);
    expect(plaintextIn([folder], ['SQLite format 3', '盂县', '阳泉市', '查处酒驾醉驾', '台账记为', '督导组张三'])).toEqual([]);
  });
});
