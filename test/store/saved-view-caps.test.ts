// Issue 12 §6, size caps on stored text: a saved view of 100 MB made every `listViews` answer
// 105 MB. Reproduced through the core's handlers on a real database file: the view is refused
// fast, at the boundary schema, and the listing stays small even with oversized rows written by an
// older version (inserted here straight into the table).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoreEntry as createCore } from '../../electron/core/entry';
import { saveView } from '../../electron/store/saved-views';
import { openWorkspace } from '../../electron/store/workspace';
import { OperationInputs } from '../../shared/api/operations';
import { VIEW_LIST_MAX, VIEW_STATE_MAX_CHARS } from '../../shared/api/stored-text';
import { jsonLongerThan, type ViewState } from '../../shared/api/views';
import { tempDir } from '../support/temp-db';

const state = (over: Partial<ViewState['filter']> = {}, options: Record<string, unknown> = {}): ViewState => ({
  view: 'grid',
  filter: {
    from: '2025-03-01',
    to: '2025-03-31',
    preset: null,
    regions: ['140105'],
    departments: [],
    indicators: [],
    compare: null,
    ...over,
  },
  rowsBy: 'region:county',
  options,
});

function workspace() {
  const ws = openWorkspace(join(tempDir(), 'views.db'));
  return { ws, core: createCore(ws), [Symbol.dispose]: () => ws.close() };
}

describe('saved views: size caps', () => {
  it('refuses a 100 MB view fast, naming the field and the limit, and stores nothing', async () => {
    using w = workspace();
    const huge = state({}, { note: 'x'.repeat(100 * 1024 * 1024) });
    const started = performance.now();
    await expect(async () => w.core.saveView({ name: '大视图', state: huge })).rejects.toThrow(/视图内容过长：超过上限 65,536 字/);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(w.ws.db.prepare('SELECT COUNT(*) FROM saved_view').pluck().get()).toBe(0);
  });

  it('refuses long names, too many regions and too many option keys, with the field named', () => {
    const input = OperationInputs.saveView;
    const message = (x: unknown) =>
      input
        .safeParse(x)
        .error?.issues.map((i) => i.message)
        .join('；');
    expect(message({ name: '名'.repeat(61), state: state() })).toMatch(/视图名称过长（上限 60 字）/);
    expect(message({ name: 'a', state: state({ regions: Array.from({ length: 501 }, (_, i) => String(140000 + i)) }) })).toMatch(
      /选择的地区过多（上限 500 个）/,
    );
    expect(message({ name: 'a', state: state({ indicators: ['指'.repeat(101)] }) })).toMatch(/指标名称过长/);
    expect(message({ name: 'a', state: state({}, Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 1]))) })).toMatch(
      /视图设置项过多/,
    );
    // A view as the workstation makes it passes.
    expect(
      input.safeParse({ name: '太原三月', state: state({ regions: ['140100', '140105'] }, { hiddenIndicators: ['出动民警辅警'] }) })
        .success,
    ).toBe(true);
  });

  it('the store refuses an oversized state even when a caller skips the schema', () => {
    using w = workspace();
    const big = state({}, { text: 'y'.repeat(VIEW_STATE_MAX_CHARS) });
    expect(() => saveView(w.ws.db, '绕过校验', big)).toThrow(/视图内容过长/);
  });

  it('keeps listViews small: oversized rows an older version stored are left out, and the count is bounded', async () => {
    using w = workspace();
    const insert = w.ws.db.prepare(
      "INSERT INTO saved_view (name, state, created_at, updated_at) VALUES (?, ?, '2025-01-01', '2025-01-01')",
    );
    insert.run('旧版大视图', JSON.stringify(state({}, { junk: 'z'.repeat(20 * 1024 * 1024) })));
    insert.run('旧版坏视图', '{not json');
    for (let i = 0; i < VIEW_LIST_MAX + 20; i++)
      w.core.saveView({ name: `视图${i}`, state: state({ regions: [String(140100 + (i % 12))] }) });
    const started = performance.now();
    const views = w.core.listViews({});
    expect(performance.now() - started).toBeLessThan(2000);
    expect(views).toHaveLength(VIEW_LIST_MAX);
    expect(views.map((v) => v.name)).not.toContain('旧版大视图');
    expect(views[0]!.name).toBe(`视图${VIEW_LIST_MAX + 19}`);
    expect(JSON.stringify(views).length).toBeLessThan(200 * 1024);
  });
});

describe('jsonLongerThan', () => {
  it('agrees with JSON.stringify around the bound, for nested states', () => {
    const s = state(
      { regions: ['140105', '140106'] },
      { hiddenIndicators: ['出动民警辅警', '检查场所'], chartIndicator: null, n: 12.5, on: true },
    );
    const exact = JSON.stringify(s).length;
    expect(jsonLongerThan(s, exact)).toBe(false);
    expect(jsonLongerThan(s, exact - 40)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonLongerThan(cyclic, 1000)).toBe(true);
  });
});

describe('other text a caller can make the store keep', () => {
  it('a database path (remembered in settings.json) and an import file name are bounded at the schema', () => {
    const open = OperationInputs.openDatabase.safeParse({ path: `/tmp/${'a'.repeat(5000)}.db` });
    expect(open.error?.issues[0]?.message).toMatch(/数据库文件路径过长/);
    const imported = OperationInputs.import.safeParse({ files: [{ name: `${'b'.repeat(5000)}.csv`, bytes: new Uint8Array(1) }] });
    expect(imported.error?.issues[0]?.message).toMatch(/文件名过长/);
  });
});
