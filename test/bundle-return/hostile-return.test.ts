// A hostile 督导回传: sealed with the right passphrase (so it decrypts), but its contents are not what
// a bundle writes — another city's units, an unknown indicator, a lying digest, an oversized
// attachment, overlong or control-laden text, a path for a file name, a changed schema, a future
// version. Each is refused with a clear error and nothing is written; the untouched return merges.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { tempDir } from '../support/temp-db';
import { deriveKey, seal } from '../../electron/bundle/sealed-file';
import { writeReturnPayload } from '../../electron/bundle/return-writer';
import type { ReturnContents } from '../../shared/api/return-file';
import { ATTACHMENT_MAX_BYTES, FINDING_TEXT_MAX_CHARS, type MergeReport } from '../../shared/api/inspection';
import { cli, cliJson, day, fingerprint, passphraseFile, pngBytes, provinceCopy, sha256, PASSPHRASE } from './support';

/** A well-formed return of 吕梁市 for a province copy: a finding with a photo, a correction of 兴县. */
function base(provinceId: string, xingCounty0704Vehicles: number | null = null): ReturnContents {
  const findingId = randomUUID();
  const photo = pngBytes(11);
  const at = '2023-07-22T06:30:00.000Z';
  return {
    origin: {
      returnId: randomUUID(),
      bundleId: randomUUID(),
      cityCode: 141100,
      fromDay: day('2023-07-01'),
      toDay: day('2023-07-31'),
      provinceDatabaseId: provinceId,
      team: '督导二组',
      madeAt: at,
    },
    findings: [
      {
        id: findingId,
        region_code: 141123,
        department_id: 1,
        indicator_id: 2,
        from_day: day('2023-07-03'),
        to_day: day('2023-07-05'),
        category: '数据不实',
        severity: '严重',
        text: '兴县出动车辆数与派车记录不符',
        owner: '兴县公安局',
        due_day: day('2023-08-15'),
        status: '待整改',
        closed_at: null,
        created_at: at,
        created_by: '督导二组',
        updated_at: at,
      },
    ],
    events: [
      {
        id: randomUUID(),
        finding_id: findingId,
        at,
        actor: '督导二组',
        what: '新建',
        status: '待整改',
        note: null,
        due_day: day('2023-08-15'),
        attachment_sha256: null,
      },
    ],
    attachments: [
      {
        finding_id: findingId,
        sha256: sha256(photo),
        name: '派车记录.png',
        mime: 'image/png',
        bytes: photo.length,
        data: photo,
        added_at: at,
        added_by: '督导二组',
      },
    ],
    corrections: [
      {
        id: randomUUID(),
        region_code: 141123,
        indicator_id: 2,
        day: day('2023-07-04'),
        original_value: xingCounty0704Vehicles,
        value: 3,
        reason: '派车记录',
        finding_id: findingId,
        created_at: at,
        created_by: '督导二组',
      },
    ],
  };
}

// One key for every file of these tests, at the lowest cost a sealed file may name (2^14).
const KEY = deriveKey(PASSPHRASE, randomBytes(16), { N: 2 ** 14, r: 8, p: 1 });

function sealed(payload: Buffer): Buffer {
  return seal('return', payload, KEY);
}

/** The payload with a change made straight in its SQLite database (what no writer here would do). */
function tampered(contents: ReturnContents, sql: string): Buffer {
  const db = new Database(writeReturnPayload(contents));
  try {
    db.exec(sql);
    return db.serialize();
  } finally {
    db.close();
  }
}

describe('a hostile 督导回传', () => {
  it('is refused whole, whatever is wrong in it, and nothing is written', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const id = new Database(province, { readonly: true }).prepare('SELECT id FROM database_identity').pluck().get() as string;
    const original = fingerprint(province);
    const variants: [string, Buffer, RegExp][] = [];
    const variant = (name: string, change: (c: ReturnContents) => void, expected: RegExp) => {
      const c = base(id);
      change(c);
      variants.push([name, sealed(writeReturnPayload(c)), expected]);
    };
    variant('another city’s county', (c) => (c.findings[0]!.region_code = 140105), /不属于吕梁市/);
    variant('a correction in another city', (c) => (c.corrections[0]!.region_code = 140105), /不是吕梁市的报送单位/);
    variant('an unknown region', (c) => (c.corrections[0]!.region_code = 999999), /不是吕梁市的报送单位/);
    variant('an unknown indicator', (c) => (c.corrections[0]!.indicator_id = 9999), /指标不在本库目录中/);
    variant('an unknown city', (c) => (c.origin.cityCode = 149900), /不在本库的地区目录中/);
    variant('a correction outside the period', (c) => (c.corrections[0]!.day = day('2023-08-02')), /不在督导包的期间/);
    variant('a lying digest', (c) => (c.attachments[0]!.sha256 = sha256(Buffer.from('other'))), /附件摘要不符/);
    variant('a lying size', (c) => (c.attachments[0]!.bytes = 5), /附件大小不符/);
    variant(
      'an oversized attachment',
      (c) => {
        const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 7);
        Object.assign(c.attachments[0]!, { data: big, bytes: big.length, sha256: sha256(big) });
      },
      /bytes：应为 1 至/,
    );
    variant('a path for a file name', (c) => (c.attachments[0]!.name = '../../.bashrc'), /文件名不能含路径/);
    variant('an overlong text', (c) => (c.findings[0]!.text = '长'.repeat(FINDING_TEXT_MAX_CHARS + 1)), /超过 2000 字/);
    variant('control characters', (c) => (c.findings[0]!.owner = '兴县\u001b[2J'), /含控制字符/);
    variant('a status that does not exist', (c) => Object.assign(c.events[0]!, { status: '已完成' }), /只能是 待整改、整改中、已销号/);
    variant('an id that is no UUID', (c) => (c.corrections[0]!.id = "x'; DROP TABLE fact; --"), /应为小写 UUID/);
    variant('an event of a finding it does not carry', (c) => (c.events[0]!.finding_id = randomUUID()), /所属督导发现不在回传中/);
    variant('a correction of a finding nowhere', (c) => (c.corrections[0]!.finding_id = randomUUID()), /所附的督导发现不存在/);
    variant('a negative figure', (c) => (c.corrections[0]!.value = -4), /应为非负数/);
    variant('a day far outside', (c) => (c.findings[0]!.due_day = 10_000_000), /due_day：应为 0 至/);
    variant('a date that is not a time', (c) => (c.events[0]!.at = '昨天'), /应为 ISO 时间/);
    variants.push([
      'a trigger added',
      sealed(tampered(base(id), 'CREATE TRIGGER t AFTER INSERT ON finding BEGIN SELECT 1; END;')),
      /表结构不符/,
    ]);
    variants.push(['a table changed', sealed(tampered(base(id), 'ALTER TABLE finding ADD COLUMN extra TEXT;')), /表结构不符/]);
    variants.push(['a future version', sealed(tampered(base(id), 'PRAGMA user_version = 2;')), /格式版本为 2，本程序只能读取版本 1/]);
    variants.push([
      'a blank reason',
      sealed(tampered(base(id), "UPDATE correction SET original_value = NULL, reason = '  ';")),
      /reason：为空/,
    ]);
    variants.push(['not a database', sealed(Buffer.from('这不是数据库'.repeat(100))), /不是数据库|已损坏/]);

    for (const [name, bytes, expected] of variants) {
      const file = join(dir, 'hostile.cwr');
      writeFileSync(file, bytes);
      const r = await cli(['bundle', 'merge', '--db', province, '--file', file, '--passphrase-file', pass]);
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toBe('');
      expect(r.stderr, name).toMatch(expected);
      expect(r.stderr, name).not.toMatch(/\n\s+at /); // a message, never a stack
    }
    expect(fingerprint(province)).toBe(original);

    // The same return untouched merges: the refusals were the changes, not the return.
    const xing = new Database(province, { readonly: true })
      .prepare('SELECT value FROM fact WHERE day = ? AND region_code = 141123 AND indicator_id = 2')
      .pluck()
      .get(day('2023-07-04')) as number;
    const good = base(id, xing);
    writeFileSync(join(dir, 'good.cwr'), sealed(writeReturnPayload(good)));
    const report = await cliJson<MergeReport>([
      'bundle',
      'merge',
      '--db',
      province,
      '--file',
      join(dir, 'good.cwr'),
      '--passphrase-file',
      pass,
    ]);
    expect(report).toMatchObject({ city: '吕梁市', findingsAdded: 1, attachmentsAdded: 1, correctionsApplied: 1, conflicts: [] });
    expect(report.batchId).not.toBeNull();
  });

  it('cannot take over a finding or a history entry of another unit through a known id', async () => {
    const dir = tempDir();
    const pass = passphraseFile(dir);
    const province = provinceCopy(dir);
    const id = new Database(province, { readonly: true }).prepare('SELECT id FROM database_identity').pluck().get() as string;
    const first = base(id);
    writeFileSync(join(dir, 'first.cwr'), sealed(writeReturnPayload(first)));
    expect((await cli(['bundle', 'merge', '--db', province, '--file', join(dir, 'first.cwr'), '--passphrase-file', pass])).code).toBe(0);
    const before = fingerprint(province);

    // Another return naming the same finding for another unit of the city.
    const moved = base(id);
    moved.findings[0]!.id = first.findings[0]!.id;
    moved.events[0]!.finding_id = first.findings[0]!.id;
    moved.attachments[0]!.finding_id = first.findings[0]!.id;
    moved.corrections[0]!.finding_id = first.findings[0]!.id;
    moved.findings[0]!.region_code = 141102;
    writeFileSync(join(dir, 'moved.cwr'), sealed(writeReturnPayload(moved)));
    const r1 = await cli(['bundle', 'merge', '--db', province, '--file', join(dir, 'moved.cwr'), '--passphrase-file', pass]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('在本库中属于另一个单位');

    // A history entry of that finding claimed for a new one.
    const stolen = base(id);
    stolen.events[0]!.id = first.events[0]!.id;
    writeFileSync(join(dir, 'stolen.cwr'), sealed(writeReturnPayload(stolen)));
    const r2 = await cli(['bundle', 'merge', '--db', province, '--file', join(dir, 'stolen.cwr'), '--passphrase-file', pass]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('在本库中属于另一条督导发现');
    expect(fingerprint(province)).toBe(before);
  });
});
