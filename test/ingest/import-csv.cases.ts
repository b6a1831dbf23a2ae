// The long CSV import cases: run by import-csv.test.ts with validation in the import's own thread (unit tier)
// and by import-csv.int.test.ts in the validation worker (integration tier).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import { MAX_ISSUES_PER_FILE } from '../../electron/ingest/issues';
import type { ImportIssue, ImportProgress } from '../../shared/api/import';
import { tempDir } from '../support/temp-db';
import { allFacts, counts, csvFile, expectDayColumnsInStep, freshWorkspace, valueOf, type ExpectedIssue } from './helpers';

const HEADER = '日期,地区,部门,指标,数值,单位,备注';

const GOOD = [
  HEADER,
  '2023-07-07,太原市小店区,综合,出动民警辅警,"1,234",人次,夜查',
  '2023/7/7,140106,,出动车辆,12,,', // empty 部门: the indicator name is unique
  '2023年7月8日,太原市本级,禁毒,缴获毒品,12.5,克,',
  '20230708,省厅直属,交警总队,酒驾醉驾,3,起,', // department and indicator aliases
  '',
  '2023.7.9,阳泉城区,刑侦,抓获犯罪嫌疑人,４,名,"含, 逗号和""引号"""',
  ',,,,,,',
];

export function importCsvCases(): void {
  describe('long CSV import', () => {
    it.each([
      ['with a BOM', true],
      ['without a BOM', false],
    ])('imports UTF-8 %s as one batch', async (_label, bom) => {
      const ws = freshWorkspace();
      const file = csvFile('long.csv', GOOD, { bom });
      const report = await importFiles(ws, [file]);
      expect(report.errors).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.files).toEqual([
        expect.objectContaining({
          file: 'long.csv',
          status: 'imported',
          format: 'long',
          sheets: [],
          batchId: 1,
          duplicateOf: null,
          facts: 5,
          replaced: 0,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
        }),
      ]);
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 1234, batch_id: 1, note: '夜查' });
      expect(valueOf(ws, '2023-07-07', '140106', '综合/出动车辆')).toEqual({ value: 12, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-08', '140100', '禁毒/缴获毒品')).toEqual({ value: 12.5, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-08', '140000', '交警/查处酒驾醉驾')).toEqual({ value: 3, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-09', '140302', '刑侦/抓获犯罪嫌疑人')).toEqual({ value: 4, batch_id: 1, note: '含, 逗号和"引号"' });
      expect(counts(ws)).toEqual({ facts: 5, batches: 1, replaced: 0 });
      expectDayColumnsInStep(ws);
      const batch = ws.db.prepare('SELECT * FROM batch').get() as Record<string, unknown>;
      expect(batch).toMatchObject({
        id: 1,
        source: 'long.csv',
        sha256: report.files[0]!.sha256,
        fact_count: 5,
        replaced_count: 0,
        undone_at: null,
      });
      expect(new Date(batch.imported_at as string).toISOString()).toBe(batch.imported_at);
    });

    it('takes rows in any order: the same facts and day columns as in key order', async () => {
      const rows = GOOD.slice(1);
      const sorted = freshWorkspace();
      const shuffled = freshWorkspace();
      expect((await importFiles(sorted, [csvFile('a.csv', [GOOD[0]!, ...rows])])).ok).toBe(true);
      expect((await importFiles(shuffled, [csvFile('b.csv', [GOOD[0]!, ...[...rows].reverse()])])).ok).toBe(true);
      const strip = (facts: ReturnType<typeof allFacts>) => facts.map(({ batch_id: _b, ...f }) => f);
      expect(strip(allFacts(shuffled))).toEqual(strip(allFacts(sorted)));
      expectDayColumnsInStep(sorted);
      expectDayColumnsInStep(shuffled);
    });

    it('imports a GBK file saved by Chinese Excel (title row above the header, quoted line break), read by path', async () => {
      const ws = freshWorkspace();
      const path = new URL('./fixtures/long-gbk.csv', import.meta.url).pathname;
      const report = await importFiles(ws, [path]);
      expect(report.errors).toEqual([]);
      expect(report.files[0]).toMatchObject({ file: path, status: 'imported', facts: 3 });
      expect((ws.db.prepare('SELECT source FROM batch').get() as { source: string }).source).toBe('long-gbk.csv');
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 1234, batch_id: 1, note: '含"夜查"行动' });
      expect(valueOf(ws, '2023-07-07', '140302', '禁毒/缴获毒品')).toEqual({ value: 12.5, batch_id: 1, note: null });
      expect(valueOf(ws, '2023-07-08', '140500', '交警/查处酒驾醉驾')).toEqual({ value: 37, batch_id: 1, note: '跨行\r\n备注' });
    });

    it('accepts LF line ends, English headers in any case and a tab-separated .txt', async () => {
      const ws = freshWorkspace();
      const a = csvFile('en.csv', ['Date,REGION,Department,Indicator,Value,Unit,Note', '2023-07-07,小店区,综合,出动车辆,1,辆次,'], {
        eol: '\n',
      });
      const b = csvFile('tab.txt', ['日期\t地区\t指标\t数值', '2023-07-07\t迎泽区\t出动车辆\t2']);
      const report = await importFiles(ws, [a, b]);
      expect(report.errors).toEqual([]);
      expect(report.files.map((f) => [f.status, f.facts])).toEqual([
        ['imported', 1],
        ['imported', 1],
      ]);
    });

    it('matches header names whatever their width and spacing', async () => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [csvFile('w.csv', ['日 期,地区　,指标,数 值', '2023-07-07,小店区,出动车辆,1'])]);
      expect(report.errors).toEqual([]);
      expect(report.files[0]!.facts).toBe(1);
    });
  });

  /** Imports a good file first, then `file`; expects it rejected with exactly `issues` and the database unchanged. */
  async function expectRejected(file: { name: string; bytes: Buffer }, issues: ExpectedIssue[]): Promise<ImportIssue[]> {
    const ws = freshWorkspace();
    expect((await importFiles(ws, [csvFile('good.csv', GOOD)])).ok).toBe(true);
    const before = counts(ws);
    const facts = allFacts(ws);
    const report = await importFiles(ws, [file]);
    expect(report.ok).toBe(false);
    expect(report.files[0]).toMatchObject({ status: 'rejected', batchId: null });
    expect(report.errors.map(({ file, sheet, row, column, value }) => ({ file, sheet, row, column, value }))).toEqual(
      issues.map(({ file: f, sheet, row, column, value }) => ({
        file: f ?? file.name,
        sheet: sheet ?? null,
        row,
        column: column ?? null,
        value: value ?? null,
      })),
    );
    issues.forEach((issue, i) => {
      if (issue.reason) expect(report.errors[i]!.reason).toMatch(issue.reason);
    });
    expect(counts(ws)).toEqual(before);
    expect(allFacts(ws)).toEqual(facts);
    expectDayColumnsInStep(ws);
    return report.errors;
  }

  describe('long CSV errors: nothing is written and every bad row is reported', () => {
    it('reports each kind of bad cell with its row, column and value', async () => {
      const file = csvFile('bad.csv', [
        '本表为测试数据', // title row: ignored
        HEADER,
        '2023-07-10,太原市小店区,综合,出动车辆,1,辆次,', // row 3: fine
        '2023-07-10,不存在县,综合,出动车辆,1,辆次,', // 4: unknown region
        '2023-07-10,城区,综合,出动车辆,1,辆次,', // 5: ambiguous region
        '2023-02-30,太原市小店区,综合,出动民警辅警,1,人次,', // 6: impossible date
        '2023-07-10,太原市小店区,综合,盘查人员,-3,人次,', // 7: negative
        '2023-07-10,太原市小店区,综合,检查车辆,很多,台次,', // 8: not a number
        '2023-07-10,太原市小店区,综合,设立卡点,1.5,个,', // 9: fraction for a whole unit
        '2023-07-10,太原市小店区,禁毒,缴获毒品,1.2345,克,', // 10: too many decimals
        '2023-07-10,迎泽区,禁毒,缴获毒品,1.5,千克,', // 11: unit mismatch
        '2023-07-10,太原市小店区,综合,出动无人机,1,架,', // 12: unknown indicator
        '2023-07-10,太原市小店区,综合,出动车辆,"2,000",辆次,', // 13: same key as row 3
        '2023-07-10,太原市小店区,,抓获犯罪嫌疑人,1,名,', // 14: indicator shared by departments
        '2023-07-10,太原市小店区,特警,出动警力,1,人次,', // 15: unknown department
        '2023-07-10,太原市小店区,综合,巡查重点部位,,处,', // 16: empty value
        '2023-07-10,太原市小店区,综合,抓获在逃人员,"1,23",名,', // 17: misplaced thousands separator
      ]);
      const errors = await expectRejected(file, [
        { row: 4, column: '地区', value: '不存在县', reason: /无法识别地区“不存在县”/ },
        { row: 5, column: '地区', value: '城区', reason: /不唯一.*阳泉市城区（140302）.*晋城市城区（140502）/ },
        { row: 6, column: '日期', value: '2023-02-30', reason: /日期“2023-02-30”不存在/ },
        { row: 7, column: '数值', value: '-3', reason: /负数/ },
        { row: 8, column: '数值', value: '很多', reason: /不是数字/ },
        { row: 9, column: '数值', value: '1.5', reason: /单位“个”只能填整数/ },
        { row: 10, column: '数值', value: '1.2345', reason: /单位“克”最多保留3位小数/ },
        { row: 11, column: '单位', value: '千克', reason: /单位“千克”与指标“禁毒\/缴获毒品”的单位“克”不符/ },
        { row: 12, column: '指标', value: '出动无人机', reason: /无法识别指标“出动无人机”/ },
        { row: 13, column: '数值', value: '2,000', reason: /与第 3 行重复：2023-07-10、太原市小店区、综合\/出动车辆/ },
        { row: 14, column: '指标', value: '抓获犯罪嫌疑人', reason: /多个部门共用/ },
        { row: 15, column: '部门', value: '特警', reason: /无法识别部门“特警”/ },
        { row: 16, column: '数值', value: '', reason: /数值为空/ },
        { row: 17, column: '数值', value: '1,23', reason: /千位分隔符/ },
      ]);
      expect(errors.every((e) => e.file === 'bad.csv' && e.sheet === null)).toBe(true);
    });

    it('rejects a large file whose last row repeats its first, though its first facts were already written', async () => {
      // Tens of thousands of rows: the facts are written in chunks while later rows are still read.
      const ws = freshWorkspace();
      const counties = ws.catalogue.regions.filter((r) => r.level === 'county');
      const indicators = ws.catalogue.indicators.slice(0, 35);
      const lines = [HEADER];
      for (let d = 1; d <= 10; d++)
        for (const r of counties)
          for (const i of indicators)
            lines.push(`2023-08-${String(d).padStart(2, '0')},${r.code},${i.department},${i.name},${d},${i.unit},`);
      const first = lines[1]!;
      lines.push(first.replace(/,1,([^,]*),$/, ',7,$1,'));
      expect(lines.length).toBeGreaterThan(40_000);
      await expectRejected(csvFile('big.csv', lines), [{ row: lines.length, column: '数值', value: '7', reason: /与第 2 行重复/ }]);
    });

    it('refuses a file without a header row', async () => {
      await expectRejected(csvFile('nohead.csv', ['2023-07-07,小店区,出动车辆,1']), [
        { row: null, column: null, value: null, reason: /未找到表头行/ },
      ]);
    });

    it('refuses a long header that lacks the 数值 column, and unknown columns', async () => {
      await expectRejected(csvFile('h.csv', ['日期,地区,指标,填报人', '2023-07-07,小店区,出动车辆,张三']), [
        { row: 1, column: '数值', value: null, reason: /缺少“数值”列/ },
        { row: 1, column: '填报人', value: '填报人', reason: /无法识别的列“填报人”/ },
      ]);
    });

    it('refuses a file with a header and no data', async () => {
      await expectRejected(csvFile('empty.csv', [HEADER, ',,,,,,']), [{ row: null, reason: /没有任何数据/ }]);
    });

    it('refuses unsupported file types and unreadable paths, naming the file', async () => {
      await expectRejected({ name: 'returns.xls', bytes: Buffer.from('x') }, [
        { row: null, column: null, value: null, reason: /“\.xls”（returns\.xls）.*另存为 \.xlsx 或 CSV/ },
      ]);
      await expectRejected({ name: 'returns.pdf', bytes: Buffer.from('x') }, [
        { row: null, reason: /不支持的文件类型“\.pdf”（returns\.pdf）/ },
      ]);
      const missing = join(tempDir(), 'missing.csv');
      const ws = freshWorkspace();
      const report = await importFiles(ws, [missing]);
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        { kind: 'file', file: missing, sheet: null, row: null, column: null, value: null, reason: `无法读取文件“${missing}”：文件不存在` },
      ]);
      expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
    });

    it('lists at most the first issues of a wholly wrong file, then says how many more there are', async () => {
      const lines = [HEADER];
      for (let i = 0; i < 1500; i++) lines.push(`2023-07-07,小店区,综合,出动车辆,x${i},辆次,`);
      const ws = freshWorkspace();
      const report = await importFiles(ws, [csvFile('wrong.csv', lines)]);
      expect(report.ok).toBe(false);
      expect(report.errors).toHaveLength(MAX_ISSUES_PER_FILE + 1);
      expect(report.errors[0]).toMatchObject({ row: 2, value: 'x0' });
      expect(report.errors.at(-1)).toMatchObject({
        row: null,
        kind: 'more',
        reason: '另有 500 处错误未列出（数值或单位 500 处；共 1,500 处，列出 1,000 处）',
      });
      expect(report.errorTotal).toBe(1500);
    });
  });

  describe('progress', () => {
    it('reports read, validate and write stages, ending with done = total', async () => {
      const ws = freshWorkspace();
      const seen: ImportProgress[] = [];
      const path = join(tempDir(), 'p.csv');
      writeFileSync(path, csvFile('p.csv', GOOD).bytes);
      await importFiles(ws, [path], {}, (p) => seen.push(p));
      expect([...new Set(seen.map((p) => p.stage))]).toEqual(['read', 'validate', 'write']);
      for (const stage of ['read', 'validate', 'write'] as const) {
        const last = seen.filter((p) => p.stage === stage).at(-1)!;
        expect(last.done).toBe(last.total);
        expect(last.file).toBe(path);
      }
    });
  });
}
