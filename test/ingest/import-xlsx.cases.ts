// The wide XLSX import cases: run by import-xlsx.test.ts with validation in the import's own thread (unit tier)
// and by import-xlsx.int.test.ts in the validation worker (integration tier).
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import {
  allFacts,
  counts,
  csvFile,
  expectDayColumnsInStep,
  freshWorkspace,
  valueOf,
  xlsxFile,
  type ExpectedIssue,
  type FileInput,
} from './helpers';

const JULY_7 = new Date(Date.UTC(2023, 6, 7));

async function wideWorkbook(): Promise<FileInput> {
  return xlsxFile('returns.xlsx', [
    {
      name: '太原',
      rows: [
        ['太原市公安局 专项行动日报'], // title row
        ['日期', '地区', '出动民警辅警（人次）', '缴获毒品(克)', '禁毒/出动警力', '备注'],
        [JULY_7, '小店区', 120, 12.5, null, '夜查'],
        [45114, '迎泽区', { formula: '100+20', result: 120 }, null, 3, null], // serial date, formula with its cached result
        [],
        [null, null, null, null, null, null],
      ],
    },
    {
      name: '阳泉',
      rows: [
        ['日期', '地区', '部门', '抓获犯罪嫌疑人', '出动车辆（辆次）'],
        ['2023-07-07', '阳泉市城区', '刑侦', 5, null],
        ['2023-07-07', '阳泉市城区', '网安', 7, null],
        ['2023年7月7日', '140302', '综合', null, 9],
        [20230708, '盂县', null, null, '4'],
      ],
    },
    { name: '说明', rows: [['本工作簿由各市填报'], ['数值为当日数']] },
  ]);
}

export function importXlsxCases(): void {
  describe('wide XLSX import', () => {
    it('imports every sheet with a header row, skips the others, and narrows indicators by the 部门 column', async () => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [await wideWorkbook()]);
      expect(report.errors).toEqual([]);
      expect(report.files).toEqual([
        expect.objectContaining({
          file: 'returns.xlsx',
          status: 'imported',
          format: 'wide',
          sheets: ['太原', '阳泉'],
          skippedSheets: ['说明'],
          batchId: 1,
          facts: 8,
        }),
      ]);
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 120, batch_id: 1, note: '夜查' });
      expect(valueOf(ws, '2023-07-07', '140105', '禁毒/缴获毒品')).toEqual({ value: 12.5, batch_id: 1, note: '夜查' });
      expect(valueOf(ws, '2023-07-07', '140105', '禁毒/出动警力')).toBeUndefined(); // empty cell: not reported
      expect(valueOf(ws, '2023-07-07', '140106', '综合/出动民警辅警')).toEqual({ value: 120, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-07', '140106', '禁毒/出动警力')).toEqual({ value: 3, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-07', '140302', '刑侦/抓获犯罪嫌疑人')?.value).toBe(5);
      expect(valueOf(ws, '2023-07-07', '140302', '网安/抓获犯罪嫌疑人')?.value).toBe(7);
      expect(valueOf(ws, '2023-07-07', '140302', '综合/出动车辆')?.value).toBe(9);
      expect(valueOf(ws, '2023-07-08', '140322', '综合/出动车辆')?.value).toBe(4);
      expect(counts(ws)).toEqual({ facts: 8, batches: 1, replaced: 0 });
      expectDayColumnsInStep(ws);
    });

    it('reads indicator headers with aliases, 部门/指标, parenthesised aliases and line breaks', async () => {
      const ws = freshWorkspace();
      const file = await xlsxFile('headers.xlsx', [
        {
          name: 'S',
          rows: [
            ['日期', '地区', '出动警力（民警辅警）（人次）', '交警/酒驾醉驾(起)', '缴获各类毒品\n（克）', '备注'],
            [JULY_7, '小店区', 1, 2, 3.25, null],
          ],
        },
      ]);
      const report = await importFiles(ws, [file]);
      expect(report.errors).toEqual([]);
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')?.value).toBe(1);
      expect(valueOf(ws, '2023-07-07', '140105', '交警/查处酒驾醉驾')?.value).toBe(2);
      expect(valueOf(ws, '2023-07-07', '140105', '禁毒/缴获毒品')?.value).toBe(3.25);
    });

    it('reads a workbook with a long and a wide sheet as mixed', async () => {
      const ws = freshWorkspace();
      const file = await xlsxFile('mixed.xlsx', [
        {
          name: 'long',
          rows: [
            ['日期', '地区', '部门', '指标', '数值', '单位'],
            ['2023-07-07', '小店区', '禁毒', '缴获毒品', 1.5, '克'],
          ],
        },
        {
          name: 'wide',
          rows: [
            ['日期', '地区', '出动车辆'],
            ['2023-07-07', '小店区', 2],
          ],
        },
      ]);
      const report = await importFiles(ws, [file]);
      expect(report.errors).toEqual([]);
      expect(report.files[0]).toMatchObject({ format: 'mixed', sheets: ['long', 'wide'], facts: 2 });
    });
  });

  async function expectRejected(file: FileInput, issues: ExpectedIssue[]): Promise<void> {
    const ws = freshWorkspace();
    expect((await importFiles(ws, [csvFile('good.csv', ['日期,地区,指标,数值', '2023-07-01,小店区,出动车辆,1'])])).ok).toBe(true);
    const before = counts(ws);
    const facts = allFacts(ws);
    const report = await importFiles(ws, [file]);
    expect(report.ok).toBe(false);
    expect(report.files[0]!.status).toBe('rejected');
    expect(report.errors.map(({ file, sheet, row, column, value }) => ({ file, sheet, row, column, value }))).toEqual(
      issues.map((i) => ({
        file: file.name,
        sheet: i.sheet ?? null,
        row: i.row ?? null,
        column: i.column ?? null,
        value: i.value ?? null,
      })),
    );
    issues.forEach((issue, i) => {
      if (issue.reason) expect(report.errors[i]!.reason).toMatch(issue.reason);
    });
    expect(counts(ws)).toEqual(before);
    expect(allFacts(ws)).toEqual(facts);
  }

  describe('wide XLSX errors', () => {
    it('reports unknown columns, header units that disagree with the catalogue, and bad cells; writes nothing', async () => {
      const file = await xlsxFile('bad.xlsx', [
        {
          name: '晋中',
          rows: [
            ['填报单位：晋中市公安局'],
            [],
            ['日期', '地区', '出动民警辅警（人次）', '缴获毒品（千克）', '出动无人机(架)', '检查车辆(台次)', '抓获犯罪嫌疑人'],
            [JULY_7, '榆次区', 10, 1, 2, -4, 1],
            [JULY_7, '城区', 1.5, null, null, '1,000', null],
            ['2023-02-29', '太谷区', 10, null, null, 'n/a', null],
          ],
        },
        { name: '说明', rows: [['无表头']] },
      ]);
      await expectRejected(file, [
        {
          sheet: '晋中',
          row: 3,
          column: '缴获毒品（千克）',
          value: '缴获毒品（千克）',
          reason: /单位“千克”与指标“禁毒\/缴获毒品”的单位“克”不符/,
        },
        { sheet: '晋中', row: 3, column: '出动无人机(架)', value: '出动无人机(架)', reason: /无法识别的列“出动无人机\(架\)”/ },
        { sheet: '晋中', row: 3, column: '抓获犯罪嫌疑人', value: '抓获犯罪嫌疑人', reason: /多个部门共用/ },
        { sheet: '晋中', row: 4, column: '检查车辆(台次)', value: '-4', reason: /负数/ },
        { sheet: '晋中', row: 5, column: '地区', value: '城区', reason: /不唯一/ },
        { sheet: '晋中', row: 5, column: '出动民警辅警（人次）', value: '1.5', reason: /只能填整数/ },
        { sheet: '晋中', row: 6, column: '日期', value: '2023-02-29', reason: /不存在/ },
        { sheet: '晋中', row: 6, column: '检查车辆(台次)', value: 'n/a', reason: /不是数字/ },
      ]);
    });

    it('reports the same key twice across sheets on the later row, naming the earlier sheet and row', async () => {
      const file = await xlsxFile('dup.xlsx', [
        {
          name: 'A',
          rows: [
            ['日期', '地区', '出动车辆'],
            [JULY_7, '小店区', 1],
          ],
        },
        {
          name: 'B',
          rows: [
            ['日期', '地区', '出动车辆'],
            [JULY_7, '迎泽区', 1],
            ['2023-07-07', '140105', 2],
          ],
        },
      ]);
      await expectRejected(file, [{ sheet: 'B', row: 3, column: '出动车辆', value: '2', reason: /与工作表“A”第 2 行重复/ }]);
    });

    it('refuses a workbook with no recognisable sheet', async () => {
      const file = await xlsxFile('notes.xlsx', [
        { name: 'S1', rows: [['随便写的'], ['内容']] },
        { name: 'S2', rows: [] },
      ]);
      await expectRejected(file, [{ reason: /没有一个工作表含有可识别的表头行.*“S1”、“S2”/ }]);
    });

    it('refuses a file that is not really an xlsx', async () => {
      await expectRejected({ name: 'fake.xlsx', bytes: Buffer.from('日期,地区\n') }, [{ reason: /无法读取 XLSX 文件“fake\.xlsx”/ }]);
    });

    it('refuses a formula cell saved without its result', async () => {
      const file = await xlsxFile('f.xlsx', [
        {
          name: 'S',
          rows: [
            ['日期', '地区', '出动车辆'],
            [JULY_7, '小店区', { formula: 'A1*2' }],
          ],
        },
      ]);
      await expectRejected(file, [{ sheet: 'S', row: 2, column: '出动车辆', value: '=A1*2', reason: /公式没有保存计算结果/ }]);
    });

    it('reports a value under a column that has no header', async () => {
      const file = await xlsxFile('nohead.xlsx', [
        {
          name: 'S',
          rows: [
            ['日期', '地区', '出动车辆'],
            [JULY_7, '小店区', 1, 99],
          ],
        },
      ]);
      await expectRejected(file, [{ sheet: 'S', row: 2, column: 'D列', value: '99', reason: /没有表头/ }]);
    });

    it("reports a row whose 部门 does not have the column's indicator", async () => {
      const file = await xlsxFile('dept.xlsx', [
        {
          name: 'S',
          rows: [
            ['日期', '地区', '部门', '出动车辆', '缴获毒品（克）'],
            [JULY_7, '小店区', '禁毒', 3, 1.5],
          ],
        },
      ]);
      await expectRejected(file, [{ sheet: 'S', row: 2, column: '出动车辆', value: '3', reason: /部门“禁毒”没有指标“出动车辆”/ }]);
    });
  });
}
