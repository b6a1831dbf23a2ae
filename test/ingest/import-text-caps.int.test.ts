// Issue 12 §6, size caps on text an import stores: a 备注 cell is copied into every fact of its
// row, and the file name becomes the batch's source. A 1 MB 备注 (CSV and XLSX, long and wide) is
// refused with file, row, column and reason, and nothing is written; the issue quotes the cell
// shortened, not a 1 MB line.
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import { ISSUE_VALUE_MAX_CHARS } from '../../electron/ingest/issues';
import { FILE_NAME_MAX_CHARS, NOTE_MAX_CHARS } from '../../shared/api/stored-text';
import { allFacts, counts, csvFile, freshWorkspace, inBothValidationThreads, xlsxFile } from './helpers';

const MB_NOTE = '夜'.repeat(1024 * 1024);

inBothValidationThreads(() => {
  describe('备注 cap', () => {
    it('refuses a long CSV whose 备注 cell is 1 MB, naming file, row and column, writing nothing', async () => {
      const ws = freshWorkspace();
      const file = csvFile('忻州.csv', [
        '日期,地区,部门,指标,数值,单位,备注',
        '2024-05-02,忻州市忻府区,综合,出动车辆,7,,正常',
        `2024-05-02,忻州市忻府区,综合,出动民警辅警,40,人次,${MB_NOTE}`,
      ]);
      const report = await importFiles(ws, [file]);
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        expect.objectContaining({
          kind: 'value',
          file: '忻州.csv',
          row: 3,
          column: '备注',
          reason: `备注过长：1,048,576 字，上限 ${NOTE_MAX_CHARS} 字`,
        }),
      ]);
      expect(report.errors[0]!.value!.length).toBeLessThan(ISSUE_VALUE_MAX_CHARS + 30);
      expect(JSON.stringify(report).length).toBeLessThan(10_000);
      expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
    });

    it('refuses the same in a wide XLSX sheet, and keeps a 备注 at the cap', async () => {
      const ws = freshWorkspace();
      const atCap = '备'.repeat(NOTE_MAX_CHARS);
      const file = await xlsxFile('运城.xlsx', [
        {
          name: '五月',
          rows: [
            ['日期', '地区', '备注', '出动民警辅警（人次）'],
            ['2024-05-03', '运城市盐湖区', atCap, 12],
            ['2024-05-04', '运城市盐湖区', `${atCap}多`, 13],
          ],
        },
      ]);
      const refused = await importFiles(ws, [file]);
      expect(refused.ok).toBe(false);
      expect(refused.errors).toEqual([
        expect.objectContaining({
          file: '运城.xlsx',
          sheet: '五月',
          row: 3,
          column: '备注',
          reason: `备注过长：${NOTE_MAX_CHARS + 1} 字，上限 ${NOTE_MAX_CHARS} 字`,
        }),
      ]);
      expect(counts(ws).facts).toBe(0);

      const ok = await xlsxFile('运城2.xlsx', [
        {
          name: '五月',
          rows: [
            ['日期', '地区', '备注', '出动民警辅警（人次）'],
            ['2024-05-03', '运城市盐湖区', atCap, 12],
          ],
        },
      ]);
      expect((await importFiles(ws, [ok])).ok).toBe(true);
      expect(allFacts(ws).map((f) => f.note)).toEqual([atCap]);
    });

    it('refuses a file whose name is longer than the batch source may be', async () => {
      const ws = freshWorkspace();
      const name = `${'长'.repeat(FILE_NAME_MAX_CHARS)}.csv`;
      const report = await importFiles(ws, [csvFile(name, ['日期,地区,部门,指标,数值', '2024-05-02,忻州市忻府区,综合,出动车辆,7'])]);
      expect(report.ok).toBe(false);
      expect(report.errors[0]).toMatchObject({ kind: 'file', reason: expect.stringMatching(/^文件名过长：259 字，上限 255 字/) });
      expect(counts(ws).batches).toBe(0);
    });
  });
});
