// Issue 12 §6: a few-MB XLSX whose sheet inflates to gigabytes ("zip bomb") must be refused with
// a 导入 error before exceljs inflates it, leaving the database unchanged and the core answering.
// The bombs are built here: a deflate stream of one repeated block (zeros compress ~1,000:1), in a
// zip written byte by byte, so nothing large is ever held in memory.
import { parseOperationInput } from '../../shared/api/parse-input';
import { join } from 'node:path';
import { deflateRawSync, constants } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import { readXlsx } from '../../electron/ingest/xlsx-read';
import { xlsxBounds } from '../../electron/ingest/xlsx-bounds';
import { CoreClient } from '../../electron/core/core-client';
import { openWorkspace } from '../../electron/store/workspace';
import { tempDir } from '../support/temp-db';
import { oneSheetXlsx, zip } from './zip-build';
import { allFacts, counts, freshWorkspace, inBothValidationThreads, xlsxFile } from './helpers';

/**
 * A raw deflate stream that inflates to `mib` MiB of spaces after an XML sheet's opening: one
 * block of 1 MiB, fully flushed (so it stands alone), repeated, then an empty final block.
 */
function deflatedSheet(mib: number): Buffer {
  const head = deflateRawSync(
    Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
    { finishFlush: constants.Z_FULL_FLUSH },
  );
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const blocks: Buffer[] = [head];
  for (let i = 0; i < mib; i++) blocks.push(block);
  blocks.push(deflateRawSync(Buffer.alloc(0))); // the final block
  return Buffer.concat(blocks);
}

/** An XLSX whose one sheet inflates to `mib` MiB; its headers declare `declaredSize` bytes for it. */
function bomb(mib: number, declaredSize: number): Buffer {
  return oneSheetXlsx({ name: 'xl/worksheets/sheet1.xml', data: deflatedSheet(mib), deflated: true, declaredSize });
}

const GIB = 1024 * 1024 * 1024;

describe('the bombs themselves', () => {
  it('are a few MB that really inflate to GiB', async () => {
    const b = bomb(4095, 4095 * 1024 * 1024);
    expect(b.length).toBeLessThan(5 * 1024 * 1024);
    // Reading the real thing through the guard stops at the bound, quickly, whatever the header says.
    const started = Date.now();
    await expect(readXlsx(bomb(4095, 1000), 'lying.xlsx')).rejects.toThrow(/lying\.xlsx.*解压后过大.*实际解压超过 200 MB/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

inBothValidationThreads(() => {
  describe('an XLSX zip bomb', () => {
    const cases = [
      {
        what: 'declaring its 4 GiB',
        file: () => bomb(4095, 4 * GIB - 1),
        reason: /“城区日报\.xlsx”解压后过大（其中“xl\/worksheets\/sheet1\.xml”声明解压后 4,096 MB，上限 200 MB）/,
      },
      {
        what: 'declaring a lying 2 KB for its 1 GiB',
        file: () => bomb(1024, 2048),
        reason: /“城区日报\.xlsx”解压后过大（其中“xl\/worksheets\/sheet1\.xml”实际解压超过 200 MB）/,
      },
      {
        what: 'inflating 300 MiB, lying, at a ratio beyond the bound',
        file: () => bomb(150, 100),
        reason: /“城区日报\.xlsx”解压后过大（其中“xl\/worksheets\/sheet1\.xml”压缩比超过 200 倍）/,
      },
    ];
    for (const c of cases) {
      it(`${c.what}: a 导入 error naming the file, the database unchanged`, async () => {
        const ws = freshWorkspace();
        const good = await xlsxFile('阳泉.xlsx', [
          {
            name: '阳泉',
            rows: [
              ['日期', '地区', '刑侦/抓获犯罪嫌疑人'],
              ['2024-03-05', '盂县', 6],
            ],
          },
        ]);
        expect((await importFiles(ws, [good])).ok).toBe(true);
        const before = allFacts(ws);
        const report = await importFiles(ws, [{ name: '城区日报.xlsx', bytes: c.file() }]);
        expect(report.ok).toBe(false);
        expect(report.files[0]).toMatchObject({ file: '城区日报.xlsx', status: 'rejected', batchId: null, facts: 0 });
        expect(report.errors).toHaveLength(1);
        expect(report.errors[0]!.kind).toBe('file');
        expect(report.errors[0]!.reason).toMatch(c.reason);
        expect(allFacts(ws)).toEqual(before);
        expect(counts(ws)).toEqual({ facts: 1, batches: 1, replaced: 0 });
      });
    }
  });
});

describe('bounds on an XLSX', () => {
  const saved = { ...xlsxBounds };
  afterEach(() => Object.assign(xlsxBounds, saved));

  it('refuses a file with more data rows than the bound, naming the file and the bound', async () => {
    xlsxBounds.rows = 5;
    const rows = [['日期', '地区', '刑侦/抓获犯罪嫌疑人'], ...Array.from({ length: 6 }, (_, i) => [`2024-03-0${i + 1}`, '盂县', i])];
    const ws = freshWorkspace();
    const report = await importFiles(ws, [await xlsxFile('盂县.xlsx', [{ name: '盂县', rows }])]);
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.reason)).toEqual(['文件“盂县.xlsx”超过 5 行，已拒绝导入：请将数据拆分为多个文件后再导入']);
    expect(counts(ws).facts).toBe(0);
    xlsxBounds.rows = 7; // the header and six rows
    expect((await importFiles(ws, [await xlsxFile('盂县.xlsx', [{ name: '盂县', rows }])])).ok).toBe(true);
  });

  it('refuses a total beyond the bound even when every part is within it', async () => {
    xlsxBounds.totalBytes = 4 * 1024 * 1024;
    xlsxBounds.partBytes = 3 * 1024 * 1024;
    const sheet = deflatedSheet(2);
    const b = zip([
      { name: 'xl/worksheets/sheet1.xml', data: sheet, deflated: true, declaredSize: 10 },
      { name: 'xl/worksheets/sheet2.xml', data: sheet, deflated: true, declaredSize: 10 },
    ]);
    await expect(readXlsx(Uint8Array.from(b), '两表.xlsx')).rejects.toThrow('文件“两表.xlsx”解压后过大（实际解压后共超过 4 MB）');
  });
});

describe('the core after a bomb', () => {
  let core: CoreClient | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('reports the import error and answers a query afterwards, from the same worker', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'c.db');
    openWorkspace(dbPath).close();
    core = new CoreClient({ dbPath, home: dir });
    const good = await xlsxFile('阳泉.xlsx', [
      {
        name: '阳泉',
        rows: [
          ['日期', '地区', '刑侦/抓获犯罪嫌疑人'],
          ['2024-03-05', '盂县', 6],
        ],
      },
    ]);
    expect(
      await core.call('import', parseOperationInput('import', { files: [{ name: good.name, bytes: new Uint8Array(good.bytes) }] })),
    ).toMatchObject({ ok: true, result: { ok: true } });
    const q = { from: '2024-03-05', to: '2024-03-05', regions: ['140322'], indicators: ['刑侦/抓获犯罪嫌疑人'], by: [] };
    const before = await core.call('query', parseOperationInput('query', q));
    expect(before).toMatchObject({ ok: true, result: { total: { value: 6 } } });
    for (const file of [bomb(4095, 1000), bomb(4095, 4 * GIB - 1)]) {
      const outcome = await core.call(
        'import',
        parseOperationInput('import', { files: [{ name: '城区日报.xlsx', bytes: new Uint8Array(file) }] }),
      );
      expect(outcome).toMatchObject({
        ok: true,
        result: { ok: false, errorTotal: 1, errors: [{ kind: 'file', reason: expect.stringContaining('“城区日报.xlsx”解压后过大') }] },
      });
    }
    expect(await core.call('query', parseOperationInput('query', q))).toEqual(before);
  }, 60_000);
});
