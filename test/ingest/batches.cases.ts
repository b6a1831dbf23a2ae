// The import batch cases: run by batches.test.ts with validation in the import's own thread (unit tier)
// and by batches.int.test.ts in the validation worker (integration tier).
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openWorkspace } from '../../electron/store/workspace';
import { parseIsoDay } from '../../shared/dates';
import { tempDir } from '../support/temp-db';
import { importFiles } from '../../electron/ingest/import-files';
import { listBatches, undoBatch } from '../../electron/store/facts/undo';
import { UserError } from '../../shared/errors';
import { allFacts, counts, csvFile, expectDayColumnsInStep, expectDayInStep, freshWorkspace, valueOf } from './helpers';

const FIRST = csvFile('taiyuan-0707.csv', [
  '日期,地区,部门,指标,数值,单位,备注',
  '2023-07-07,小店区,综合,出动民警辅警,100,人次,初报',
  '2023-07-07,迎泽区,综合,出动民警辅警,200,人次,',
  '2023-07-07,小店区,禁毒,缴获毒品,1.5,克,',
]);
// A corrected return: one key in common with FIRST (小店区 出动民警辅警), one new.
const CORRECTION = csvFile('taiyuan-0707-fix.csv', [
  '日期,地区,指标,数值,备注',
  '2023-07-07,小店区,出动民警辅警,150,更正',
  '2023-07-07,杏花岭区,出动民警辅警,50,',
]);
// Corrects the correction.
const SECOND_FIX = csvFile('taiyuan-0707-fix2.csv', ['日期,地区,指标,数值', '2023-07-07,小店区,出动民警辅警,160']);

export function batchCases(): void {
  describe('re-import', () => {
    it('changes nothing when the same content is imported again, and imports it anew once its batch is undone', async () => {
      const ws = freshWorkspace();
      expect((await importFiles(ws, [FIRST])).files[0]).toMatchObject({ status: 'imported', batchId: 1 });
      const before = allFacts(ws);
      const again = await importFiles(ws, [{ name: 'renamed.csv', bytes: FIRST.bytes }]);
      expect(again.ok).toBe(true);
      expect(again.files[0]).toMatchObject({ status: 'unchanged', duplicateOf: 1, batchId: null, facts: 0 });
      expect(allFacts(ws)).toEqual(before);
      expect(counts(ws)).toEqual({ facts: 3, batches: 1, replaced: 0 });

      undoBatch(ws, 1);
      expect((await importFiles(ws, [FIRST])).files[0]).toMatchObject({ status: 'imported', batchId: 2 });
      expect(counts(ws)).toEqual({ facts: 3, batches: 2, replaced: 0 });
    });

    it('treats the same content twice in one command as one import', async () => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [FIRST, { name: 'copy.csv', bytes: FIRST.bytes }]);
      expect(report.ok).toBe(true);
      expect(report.files.map((f) => [f.status, f.batchId, f.duplicateOf])).toEqual([
        ['imported', 1, null],
        ['unchanged', null, 1],
      ]);
      expect(counts(ws).batches).toBe(1);
    });
  });

  describe('conflicts and --replace', () => {
    it('refuses a value another batch holds, saying the existing value and batch', async () => {
      const ws = freshWorkspace();
      await importFiles(ws, [FIRST]);
      const before = allFacts(ws);
      const report = await importFiles(ws, [CORRECTION]);
      expect(report.ok).toBe(false);
      expect(report.files[0]).toMatchObject({ status: 'rejected', batchId: null });
      expect(report.errors).toEqual([
        {
          kind: 'conflict',
          file: 'taiyuan-0707-fix.csv',
          sheet: null,
          row: 2,
          column: '数值',
          value: '150',
          reason: '2023-07-07、太原市小店区、综合/出动民警辅警 已有数值 100（批次 1，来源“taiyuan-0707.csv”）',
        },
      ]);
      expect(allFacts(ws)).toEqual(before);
      expect(counts(ws)).toEqual({ facts: 3, batches: 1, replaced: 0 });
    });

    it('replaces with --replace, recording the old rows, and undo restores exactly the previous values and batch ids', async () => {
      const ws = freshWorkspace();
      await importFiles(ws, [FIRST]);
      const original = allFacts(ws);

      const report = await importFiles(ws, [CORRECTION], { replace: true });
      expect(report.errors).toEqual([]);
      expect(report.files[0]).toMatchObject({ status: 'imported', batchId: 2, facts: 2, replaced: 1 });
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 150, batch_id: 2, note: '更正' });
      expectDayColumnsInStep(ws);
      expect(ws.db.prepare('SELECT * FROM fact_replaced').all()).toEqual([
        { batch_id: 2, day: 19545, region_code: 140105, indicator_id: 1, value: 100, old_batch_id: 1, note: '初报' },
      ]);
      expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1); // switched off only while writing
      expect(listBatches(ws).map((b) => [b.id, b.source, b.facts, b.replaced, b.undoneAt])).toEqual([
        [1, 'taiyuan-0707.csv', 3, 0, null],
        [2, 'taiyuan-0707-fix.csv', 2, 1, null],
      ]);

      const undo = undoBatch(ws, 2);
      expect(undo).toMatchObject({ batchId: 2, removed: 2, restored: 1 });
      expect(undo.backup).toMatch(/before-undo-2\.bak$/);
      expect(existsSync(undo.backup!)).toBe(true);
      expect(allFacts(ws)).toEqual(original);
      expect(listBatches(ws)[1]!.undoneAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expectDayColumnsInStep(ws);
    });

    it('refuses to undo a batch whose facts a later live batch replaced, naming the batch to undo first', async () => {
      const ws = freshWorkspace();
      await importFiles(ws, [FIRST]);
      const original = allFacts(ws);
      await importFiles(ws, [CORRECTION], { replace: true });
      const afterFix = allFacts(ws);
      await importFiles(ws, [SECOND_FIX], { replace: true });
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toMatchObject({ value: 160, batch_id: 3 });

      expect(() => undoBatch(ws, 1)).toThrow(UserError);
      expect(() => undoBatch(ws, 1)).toThrow(/不能撤销批次 1.*批次 2.*请先撤销批次 2/);
      expect(() => undoBatch(ws, 2)).toThrow(/请先撤销批次 3/);
      const snapshot = allFacts(ws);
      expect(snapshot).toHaveLength(4);

      undoBatch(ws, 3);
      expect(allFacts(ws)).toEqual(afterFix);
      expectDayColumnsInStep(ws);
      undoBatch(ws, 2);
      expect(allFacts(ws)).toEqual(original);
      expectDayColumnsInStep(ws);
      expect(undoBatch(ws, 1)).toMatchObject({ removed: 3, restored: 0 });
      expect(counts(ws).facts).toBe(0);
      expect(ws.db.prepare('SELECT COUNT(*) FROM fact_day_column').pluck().get()).toBe(0);
    });

    it('refuses to undo a batch that does not exist or is already undone', async () => {
      const ws = freshWorkspace();
      await importFiles(ws, [FIRST]);
      expect(() => undoBatch(ws, 9)).toThrow(/批次 9 不存在/);
      undoBatch(ws, 1);
      expect(() => undoBatch(ws, 1)).toThrow(UserError);
      expect(() => undoBatch(ws, 1)).toThrow(/已于 .* 撤销/);
    });
  });

  describe('several files in one command', () => {
    it('writes nothing when any file has an error, and reports the clean files as not imported', async () => {
      const ws = freshWorkspace();
      const bad = csvFile('bad.csv', ['日期,地区,指标,数值', '2023-07-08,小店区,出动车辆,-1']);
      const report = await importFiles(ws, [FIRST, bad]);
      expect(report.ok).toBe(false);
      expect(report.files.map((f) => [f.file, f.status, f.batchId])).toEqual([
        ['taiyuan-0707.csv', 'rejected', null],
        ['bad.csv', 'rejected', null],
      ]);
      expect(report.errors).toEqual([expect.objectContaining({ file: 'bad.csv', row: 2, column: '数值', value: '-1' })]);
      expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
      expect(ws.db.prepare('SELECT COUNT(*) FROM fact_day_column').pluck().get()).toBe(0);
    });

    it('writes each file as its own batch in one go', async () => {
      const ws = freshWorkspace();
      const other = csvFile('datong.csv', ['日期,地区,指标,数值', '2023-07-07,平城区,出动车辆,8']);
      const report = await importFiles(ws, [FIRST, other]);
      expect(report.files.map((f) => [f.status, f.batchId, f.facts])).toEqual([
        ['imported', 1, 3],
        ['imported', 2, 1],
      ]);
      expect(listBatches(ws).map((b) => [b.source, b.facts])).toEqual([
        ['taiyuan-0707.csv', 3],
        ['datong.csv', 1],
      ]);
      expectDayColumnsInStep(ws);
    });

    it('makes the later of two files with the same key conflict with the earlier one', async () => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [FIRST, CORRECTION]);
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        expect.objectContaining({
          file: 'taiyuan-0707-fix.csv',
          row: 2,
          column: '数值',
          value: '150',
          kind: 'conflict',
          reason: expect.stringMatching(/在本次导入的文件“taiyuan-0707\.csv”第 2 行中已有数值 100：同一数值不能由两个文件提供$/),
        }),
      ]);
      expect(counts(ws)).toEqual({ facts: 0, batches: 0, replaced: 0 });
    });

    it('with --replace, lets the later file replace the earlier one, as two imports in a row would', async () => {
      const ws = freshWorkspace();
      const report = await importFiles(ws, [FIRST, CORRECTION], { replace: true });
      expect(report.errors).toEqual([]);
      expect(report.files.map((f) => [f.batchId, f.facts, f.replaced])).toEqual([
        [1, 3, 0],
        [2, 2, 1],
      ]);
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 150, batch_id: 2, note: '更正' });
      expect(ws.db.prepare('SELECT batch_id, value, old_batch_id, note FROM fact_replaced').all()).toEqual([
        { batch_id: 2, value: 100, old_batch_id: 1, note: '初报' },
      ]);
      expectDayColumnsInStep(ws);
      expect(() => undoBatch(ws, 1)).toThrow(/请先撤销批次 2/);
      undoBatch(ws, 2);
      expectDayColumnsInStep(ws);
      expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 100, batch_id: 1, note: '初报' });
    });
  });

  describe('on the demo database', () => {
    it('replaces reported values, keeps the day columns in step, and undo puts the demo values back', async () => {
      const path = join(tempDir(), 'demo.db');
      copyFileSync(inject('demoDb'), path);
      const ws = openWorkspace(path);
      try {
        const day = parseIsoDay('2023-07-07')!;
        const before = valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')!;
        expect(before.batch_id).toBe(1);
        const file = csvFile('fix.csv', ['日期,地区,指标,数值', '2023-07-07,小店区,出动民警辅警,99999', '2023-07-07,迎泽区,出动车辆,1']);

        const refused = await importFiles(ws, [file]);
        expect(refused.errors.map((e) => e.row)).toEqual([2, 3]);
        expect(refused.errors[0]!.reason).toMatch(new RegExp(`已有数值 ${before.value}（批次 1`));

        const report = await importFiles(ws, [file], { replace: true });
        expect(report.files[0]).toMatchObject({ status: 'imported', batchId: 2, facts: 2, replaced: 2 });
        expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual({ value: 99999, batch_id: 2, note: null });
        expectDayInStep(ws, day);

        undoBatch(ws, 2);
        expect(valueOf(ws, '2023-07-07', '140105', '综合/出动民警辅警')).toEqual(before);
        expectDayInStep(ws, day);
      } finally {
        ws.close();
      }
    });
  });
}
