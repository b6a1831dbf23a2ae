// Issue 12 §6, encoding detection: the report says which encoding each CSV was read as, and a
// UTF-8 file with a few damaged bytes is refused with their positions instead of being read as
// GB18030 (which garbles every Chinese character without a word). Real byte files: GBK written
// by iconv, UTF-8 damaged by hand, UTF-16 as Excel's "Unicode text".
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import { damagedUtf8, decodeTextSlices } from '../../electron/ingest/decode-text';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { allFacts, counts, freshWorkspace, inBothValidationThreads, xlsxFile } from './helpers';

const LINES = ['日期,地区,部门,指标,数值,单位,备注'];
for (let d = 1; d <= 28; d++) {
  LINES.push(`2024-02-${String(d).padStart(2, '0')},大同市平城区,综合,出动民警辅警,${d * 3},人次,春节安保第${d}天`);
  LINES.push(`2024-02-${String(d).padStart(2, '0')},晋中市榆次区,综合,出动车辆,${d},辆次,夜间巡逻`);
}
const TEXT = LINES.join('\r\n') + '\r\n';
const utf8 = Buffer.from(TEXT, 'utf8');
const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: utf8 });

/** The UTF-8 file with bytes damaged at the start of the given lines' 备注 (1-based lines). */
function damaged(lines: Record<number, number[]>): { bytes: Buffer; offsets: number[] } {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  LINES.forEach((line, i) => {
    const bad = lines[i + 1];
    let b = Buffer.from(line + '\r\n', 'utf8');
    if (bad) {
      const cut = b.lastIndexOf(',') + 1;
      offsets.push(at + cut);
      b = Buffer.concat([b.subarray(0, cut), Buffer.from(bad), b.subarray(cut)]);
    }
    parts.push(b);
    at += b.length;
  });
  return { bytes: Buffer.concat(parts), offsets };
}

inBothValidationThreads(() => {
  describe('the encoding a CSV was read as', () => {
    it.each([
      ['UTF-8', utf8, 'UTF-8'],
      ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'UTF-8 BOM'],
      ['GBK (written by iconv)', gbk, 'GB18030'],
      ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'UTF-16LE'],
    ])('%s is imported and reported as such', async (_label, bytes, encoding) => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [{ name: '二月.csv', bytes }]);
      expect(report.errors).toEqual([]);
      expect(report.files[0]).toMatchObject({ status: 'imported', encoding, facts: 56 });
      expect(allFacts(ws).map((f) => f.note)).toContain('春节安保第17天');
    });

    it('XLSX has no text encoding', async () => {
      const ws = freshWorkspace();
      const file = await xlsxFile('二月.xlsx', [
        {
          name: 'Sheet1',
          rows: [
            ['日期', '地区', '出动民警辅警（人次）'],
            ['2024-02-01', '大同市平城区', 5],
          ],
        },
      ]);
      expect((await importFiles(ws, [file])).files[0]).toMatchObject({ status: 'imported', encoding: null });
    });
  });

  describe('UTF-8 with a few damaged bytes', () => {
    it('is refused naming the byte offsets and lines of the bad bytes, and nothing is written', async () => {
      const ws = freshWorkspace();
      // A stray 0xFF, and a character cut short (its third byte lost).
      const { bytes, offsets } = damaged({ 9: [0xff], 40: [0xe6, 0x98] });
      const report = await importFiles(ws, [{ name: '损坏.csv', bytes }]);
      expect(report.ok).toBe(false);
      expect(report.files[0]).toMatchObject({ status: 'rejected', encoding: null, facts: 0 });
      expect(report.errors[0]!.reason).toMatch(/文件是 UTF-8 编码，但有个别字节已损坏（共 2 处）/);
      expect(report.errors.slice(1)).toEqual([
        expect.objectContaining({
          kind: 'file',
          file: '损坏.csv',
          row: 9,
          value: 'FF',
          reason: `编码错误：第 9 行、文件第 ${(offsets[0]! + 1).toLocaleString('en-US')} 个字节处不是有效的 UTF-8 字节（FF）`,
        }),
        expect.objectContaining({
          kind: 'file',
          row: 40,
          value: 'E6 98',
          reason: expect.stringContaining(`文件第 ${(offsets[1]! + 1).toLocaleString('en-US')} 个字节处`),
        }),
      ]);
      expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
    });

    it('in a file with a BOM too; and many damaged spots list the first five and count them all', async () => {
      const ws = freshWorkspace();
      const spots: Record<number, number[]> = {};
      for (const line of [3, 5, 7, 9, 11, 13, 15]) spots[line] = [0xc0];
      const { bytes } = damaged(spots);
      const report = await importFiles(ws, [{ name: '多处.csv', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) }]);
      expect(report.errors.map((e) => e.row)).toEqual([null, 3, 5, 7, 9, 11]);
      expect(report.errors[0]!.reason).toMatch(/共 7 处，列出前 5 处/);
    });
  });
});

describe('damagedUtf8', () => {
  it('tells GBK (mostly invalid as UTF-8) from damaged UTF-8', () => {
    expect(damagedUtf8(gbk)).toBeNull();
    expect(damagedUtf8(damaged({ 2: [0xff] }).bytes)).toMatchObject({ total: 1, spots: [{ line: 2, hex: 'FF' }] });
    // Overlong and surrogate forms are invalid UTF-8, as node's own check says.
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      expect(damagedUtf8(Buffer.concat([utf8, Buffer.from(bad)]))?.total, bad.join(' ')).toBeGreaterThan(0);
    }
    expect(decodeTextSlices(gbk).label).toBe('GB18030');
  });
});

describe('campaign import', () => {
  it('says which encoding each CSV was read as', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '二月-gbk.csv'), gbk);
    const r = runCli(['import', join(dir, '二月-gbk.csv'), '--db', join(dir, 'c.db')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/二月-gbk\.csv: 已导入为批次 1：56 条（按 GB18030\/GBK 编码读取）/);
  }, 60_000);
});
