// A file within the size bounds that still exhausts the validation worker's heap ends that worker
// alone: the import is a user error, the database unchanged, and the next import gets a new worker.
// Its own test file, so the validation worker starts here with the lowered heap bound.
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles, importTuning } from '../../electron/ingest/import-files';
import { VALIDATION_WORKER_LIMITS } from '../../electron/ingest/validation-stream';
import { counts, freshWorkspace, xlsxFile } from './helpers';
import { oneSheetXlsx } from './zip-build';

const savedHeap = VALIDATION_WORKER_LIMITS.maxOldGenerationSizeMb;
const savedMin = importTuning.workerMinBytes;
afterAll(() => {
  VALIDATION_WORKER_LIMITS.maxOldGenerationSizeMb = savedHeap;
  importTuning.workerMinBytes = savedMin;
});

/** A sheet of `rows` rows of three inline-text cells: some 30 MB of XML, ~1 GB as exceljs holds it. */
function manyRowsSheet(rows: number): Buffer {
  const parts = ['<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let r = 1; r <= rows; r++) {
    parts.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>2024-03-05</t></is></c><c r="B${r}" t="inlineStr"><is><t>盂县${r}</t></is></c><c r="C${r}"><v>${r}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  const xml = Buffer.from(parts.join(''));
  return oneSheetXlsx({ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(xml), deflated: true, declaredSize: xml.length });
}

describe('the validation worker out of heap', () => {
  it('fails the import with a clear message; the database is unchanged and a later import works', async () => {
    VALIDATION_WORKER_LIMITS.maxOldGenerationSizeMb = 192;
    importTuning.workerMinBytes = 0;
    const ws = freshWorkspace();
    await expect(importFiles(ws, [{ name: '大表.xlsx', bytes: manyRowsSheet(250_000) }])).rejects.toThrow(
      '导入失败：读取文件所需内存超过上限，导入校验线程已停止，数据库未改动。请将文件拆分为多个较小的文件后再导入',
    );
    expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
    expect(ws.db.inTransaction).toBe(false);
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
    expect(counts(ws).facts).toBe(1);
  }, 120_000);
});
