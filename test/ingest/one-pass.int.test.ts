// One pass reports every problem of a file: names, values, duplicates in the file and conflicts with
// stored data together, each located; nothing is written. And the rejected rows go back as an XLSX
// holding exactly the bad rows as they were read, plus 原因.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/ingest/import-files';
import { MAX_ISSUES_PER_FILE, MIN_ISSUES_PER_KIND } from '../../electron/ingest/issues';
import { counts, csvFile, freshWorkspace, inBothValidationThreads, valueOf, xlsxFile } from './helpers';

const AUG_3 = new Date(Date.UTC(2023, 7, 3));

/** Stored first: 晋中市 榆次区 and 介休市 on 2023-08-03 and 04. */
function stored() {
  return csvFile('jinzhong-stored.csv', [
    '日期,地区,部门,指标,数值',
    '2023-08-03,晋中市榆次区,综合,设立卡点,11',
    '2023-08-03,介休市,综合,设立卡点,12',
    '2023-08-04,介休市,综合,检查车辆,700',
    '2023-08-04,介休市,禁毒,缴获毒品,2.5',
  ]);
}

/** A wide return of 晋中市 with every kind of row problem at once. */
async function badReturn() {
  return xlsxFile('晋中-8月.xlsx', [
    { name: '封面', rows: [['晋中市公安局报表']] },
    {
      name: '日报',
      rows: [
        ['晋中市 夏季行动日报表'],
        ['日期', '地区', '设立卡点（个）', '检查车辆(台次)', '禁毒/缴获毒品（克）', '备注'],
        [AUG_3, '榆次区', 15, 300, null, '=不是公式'], // row 3: 设立卡点 conflicts with stored 11
        [AUG_3, '城区', 4, 5, null, null], // row 4: ambiguous name
        [AUG_3, '介休市', 12, '八十', null, null], // row 5: 12 equals stored (still a conflict), bad value
        ['2023-08-04', '介休市', null, 710, 2.75, null], // row 6: two conflicts
        ['2023/8/4', '太谷区', 3, 1.5, null, '-5'], // row 7: fraction for a whole unit
        [20230803, '140702', null, 301, null, null], // row 8: 检查车辆 repeats row 3 (榆次区 = 140702)
        ['2023年8月5日', '平遥县', 9, 90, 0.125, null], // row 9: fine
      ],
    },
  ]);
}

inBothValidationThreads(() => {
  describe('one pass over a bad file', () => {
    it('reports names, values, duplicates and conflicts together, located, and writes nothing', async () => {
      const ws = freshWorkspace();
      expect((await importFiles(ws, [stored()])).ok).toBe(true);
      const before = counts(ws);
      const report = await importFiles(ws, [await badReturn()], { rejects: true });
      expect(report.ok).toBe(false);
      expect(counts(ws)).toEqual(before);
      expect(valueOf(ws, '2023-08-05', '140729', '综合/设立卡点')).toBeUndefined();
      const at = (row: number, column: string) => report.errors.filter((e) => e.row === row && e.column === column);
      const base = { file: '晋中-8月.xlsx', sheet: '日报' };
      expect(at(4, '地区')).toEqual([
        { ...base, kind: 'name', row: 4, column: '地区', value: '城区', reason: expect.stringMatching(/不唯一.*阳泉市城区.*晋城市城区/) },
      ]);
      expect(at(5, '检查车辆(台次)')).toEqual([
        { ...base, kind: 'value', row: 5, column: '检查车辆(台次)', value: '八十', reason: expect.any(String) },
      ]);
      expect(at(7, '检查车辆(台次)')).toEqual([
        { ...base, kind: 'value', row: 7, column: '检查车辆(台次)', value: '1.5', reason: expect.any(String) },
      ]);
      expect(at(8, '检查车辆(台次)')).toEqual([
        { ...base, kind: 'duplicate', row: 8, column: '检查车辆(台次)', value: '301', reason: expect.stringMatching(/与第 3 行重复/) },
      ]);
      expect(at(3, '设立卡点（个）')).toEqual([
        {
          ...base,
          kind: 'conflict',
          row: 3,
          column: '设立卡点（个）',
          value: '15',
          reason: expect.stringMatching(/晋中市榆次区.*已有数值 11（批次 1，来源“jinzhong-stored\.csv”）/),
        },
      ]);
      expect(at(5, '设立卡点（个）')).toEqual([expect.objectContaining({ kind: 'conflict', value: '12' })]);
      expect(at(6, '检查车辆(台次)')).toEqual([
        expect.objectContaining({ kind: 'conflict', value: '710', reason: expect.stringMatching(/已有数值 700/) }),
      ]);
      expect(at(6, '禁毒/缴获毒品（克）')).toEqual([
        expect.objectContaining({ kind: 'conflict', value: '2.75', reason: expect.stringMatching(/已有数值 2\.5/) }),
      ]);
      expect(report.errors).toHaveLength(8);
      expect(report.errorTotal).toBe(8);
      expect(report.errorKinds).toEqual({ name: 1, value: 2, duplicate: 1, conflict: 4 });
      // The remedy is the transport's to word: no CLI flag in what the page shows.
      for (const e of report.errors) expect(e.reason).not.toMatch(/--|campaign /);
      expect(report.files[0]).toMatchObject({ status: 'rejected', batchId: null, issues: 8, rejectedRows: 6 });

      // The rejects file: exactly the bad rows as read, original header, 原因 with all reasons.
      expect(report.rejects).toMatchObject({ fileName: '晋中-8月_被拒绝的行.xlsx', rows: 6, truncated: false });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(report.rejects!.bytes) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['日报', '说明']);
      const sheet = wb.getWorksheet('日报')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual([
        '日期',
        '地区',
        '设立卡点（个）',
        '检查车辆(台次)',
        '禁毒/缴获毒品（克）',
        '备注',
        '原因',
        '原文件',
        '原工作表',
        '原行号',
      ]);
      const bad = rows.slice(1);
      expect(bad.map((r) => r[9])).toEqual([3, 4, 5, 6, 7, 8]);
      expect(bad[0]!.slice(0, 6)).toEqual([AUG_3, '榆次区', 15, 300, undefined, '=不是公式']);
      expect(bad[1]!.slice(0, 4)).toEqual([AUG_3, '城区', 4, 5]);
      expect(bad[2]!.slice(0, 4)).toEqual([AUG_3, '介休市', 12, '八十']);
      expect(bad[3]!.slice(0, 5)).toEqual(['2023-08-04', '介休市', undefined, 710, 2.75]);
      expect(bad[4]!.slice(0, 6)).toEqual(['2023/8/4', '太谷区', 3, 1.5, undefined, '-5']);
      expect(bad[5]!.slice(0, 4)).toEqual([20230803, '140702', undefined, 301]);
      for (const r of bad) expect(r.slice(7, 9)).toEqual(['晋中-8月.xlsx', '日报']);
      // Every reason of a row, each with its column.
      expect(String(bad[2]![6]).split('\n')).toEqual([
        expect.stringMatching(/^检查车辆\(台次\)：/),
        expect.stringMatching(/^设立卡点（个）：.*已有数值 12/),
      ]);
      expect(String(bad[1]![6])).toMatch(/^地区：地区“城区”不唯一/);
      // Text stays text: never a formula.
      expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.String);
      expect(sheet.getCell('F6').value).toBe('-5');
    });

    it('a corrected rejects file imports as it is (its 原因… columns are not read)', async () => {
      const ws = freshWorkspace();
      await importFiles(ws, [stored()]);
      const first = await importFiles(ws, [await badReturn()], { rejects: true });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(first.rejects!.bytes) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('日报')!;
      // Keep only rows 2–3 (榆次区; 城区 → 寿阳县), fixed; drop the others.
      sheet.getCell('B3').value = '寿阳县';
      sheet.getCell('C2').value = null; // the conflicting 设立卡点
      for (let r = 4; r <= 7; r++) sheet.getRow(r).values = [];
      const fixed = { name: '晋中-8月-改.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
      const again = await importFiles(ws, [fixed]);
      expect(again.errors).toEqual([]);
      expect(valueOf(ws, '2023-08-03', '140702', '综合/检查车辆')?.value).toBe(300);
      expect(valueOf(ws, '2023-08-03', '140725', '综合/设立卡点')?.value).toBe(4);
      expect(valueOf(ws, '2023-08-03', '140702', '综合/设立卡点')?.value).toBe(11);
    });
  });
});

describe('the listed problems are capped, every kind keeps a share', () => {
  it('lists conflicts beside thousands of bad values and counts the rest by kind', async () => {
    const ws = freshWorkspace();
    await importFiles(ws, [
      csvFile('old.csv', [
        '日期,地区,部门,指标,数值',
        '2023-09-01,忻州市忻府区,交警,查处酒驾醉驾,2',
        '2023-09-01,原平市,交警,查处酒驾醉驾,3',
      ]),
    ]);
    const lines = ['日期,地区,部门,指标,数值', '2023-09-01,忻州市忻府区,交警,查处酒驾醉驾,4', '2023-09-01,原平市,交警,查处酒驾醉驾,5'];
    for (let i = 0; i < 1500; i++) lines.push(`2023-09-02,定襄县,交警,查处酒驾醉驾,x${i}`);
    const report = await importFiles(ws, [csvFile('big.csv', lines)]);
    expect(report.errorTotal).toBe(1502);
    expect(report.errorKinds).toEqual({ value: 1500, conflict: 2 });
    expect(report.errors.filter((e) => e.kind === 'conflict').map((e) => e.row)).toEqual([2, 3]);
    const listed = report.errors.filter((e) => e.kind === 'value').length;
    expect(listed).toBe(MAX_ISSUES_PER_FILE);
    expect(MIN_ISSUES_PER_KIND).toBeGreaterThanOrEqual(2);
    const more = report.errors.at(-1)!;
    expect(more).toMatchObject({ kind: 'more', row: null });
    expect(more.reason).toBe(`另有 500 处错误未列出（数值或单位 500 处；共 1,502 处，列出 1,002 处）`);
    expect(report.files[0]!.rejectedRows).toBe(1502);
  });
});
