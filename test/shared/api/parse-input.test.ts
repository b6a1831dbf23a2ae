// One validation where a call enters: what comes out is zod's output, and every refusal is worded
// the same way (字段: 原因；…), whichever transport brought the call.
import { describe, expect, it } from 'vitest';
import { parseOperationInput, tryParseOperationInput } from '../../../shared/api/parse-input';
import { UserError } from '../../../shared/errors';
import { OPERATION_DATA, OPERATION_NAMES, isPageOperation, isWritingOperation, writesOf } from '../../../shared/api/operations';

describe('parseOperationInput', () => {
  it('returns the parsed value: defaults filled, strings trimmed, bytes kept as they are', () => {
    expect(parseOperationInput('completeness', { phase: '第二次集中统一行动', regions: ['晋城市'] })).toEqual({
      phase: '第二次集中统一行动',
      regions: ['晋城市'],
      departments: [],
      indicators: [],
    });
    expect(
      parseOperationInput('saveView', { name: '  周报视图 ', state: { view: 'charts', filter: { from: '2022-06-01', to: '2022-06-30' } } })
        .name,
    ).toBe('周报视图');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
    const parsed = parseOperationInput('import', { files: [{ name: '吕梁.csv', bytes }] });
    expect(parsed).toEqual({ files: [{ name: '吕梁.csv', bytes }], replace: false, rejects: false });
    expect(parsed.files[0]!.bytes).toBe(bytes);
    expect(parseOperationInput('info', undefined)).toEqual({});
  });

  it("names each field in the analyst's words, one style for every problem", () => {
    const problem = (op: Parameters<typeof parseOperationInput>[0], raw: unknown) => {
      try {
        parseOperationInput(op, raw);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(problem('undo', { batchId: -3 })).toMatch(/^批次号: /);
    expect(problem('import', { files: [] })).toBe('文件: 请至少选择一个文件');
    expect(problem('anomalies', { from: '2022-07-09', to: '2022-07-01' })).toBe('起始日期晚于截止日期');
    const two = problem('report', { type: 'memo', format: 'odt', phase: '百日行动' });
    expect(two.split('；').map((p) => p.split(':')[0])).toEqual(['报告类型', '文档格式']);
    expect(tryParseOperationInput('openDatabase', { path: '/tmp/名单.xlsx' })).toEqual({
      ok: false,
      error: { message: '数据库路径: 数据库文件名须以 .db 结尾（督导包为 .cwb）', user: true },
    });
  });
});

describe('the operations table', () => {
  it('declares reads and writes for every operation; the writes are exactly the known ones', () => {
    expect(Object.keys(OPERATION_DATA).sort()).toEqual([...OPERATION_NAMES].sort());
    const writes = OPERATION_NAMES.filter(isWritingOperation).sort();
    expect(writes).toEqual([
      'addFinding',
      'buildDemo',
      'correct',
      'createDatabase',
      'decideSubmission',
      'deleteView',
      'import',
      'mergeReturn',
      'openDatabase',
      'openDemo',
      'saveView',
      'serverLogin',
      'serverLogout',
      'syncNow',
      'undo',
      'updateFinding',
    ]);
    expect(writesOf('import')).toEqual(['facts', 'batches']);
    expect(writesOf('saveView')).toEqual(['views']);
    expect(isPageOperation('buildDemo')).toBe(false);
    expect(isPageOperation('import')).toBe(true);
  });
});

describe('a date range with one end missing', () => {
  it('says only that both ends are needed', () => {
    for (const op of ['query', 'report', 'template'] as const) {
      const raw = { from: '2023-07-01', type: 'table', format: 'csv', region: '长治市' };
      expect(tryParseOperationInput(op, raw)).toEqual({ ok: false, error: { message: '日期范围须同时给出起止日期', user: true } });
    }
  });
});
