import { describe, expect, it, vi, afterEach } from 'vitest';
import { inspectionCounts, openDemoCopy } from './support';
import { parseIsoDay } from '../../shared/dates';
import type { Workspace } from '../../electron/store/workspace';
import { returnsCsv } from '../support/returns-csv';

function fact(ws: Workspace, day: string, region: number, indicatorId: number) {
  return ws.db
    .prepare('SELECT value, batch_id FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?')
    .get(parseIsoDay(day), region, indicatorId) as { value: number; batch_id: number } | undefined;
}

/** The day's columnar copy says the same as the fact table. */
function dayColumnsAgree(ws: Workspace, day: string): boolean {
  const d = parseIsoDay(day)!;
  const facts = ws.db.prepare('SELECT COUNT(*) FROM fact WHERE day = ?').pluck().get(d) as number;
  const col = ws.db.prepare('SELECT fact_count FROM fact_day_column WHERE day = ?').pluck().get(d) as number | undefined;
  return (col ?? 0) === facts;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('corrections (核实更正)', () => {
  it('corrects a figure in one local batch, shows in queries, and undo restores the originals', () => {
    vi.stubEnv('CAMPAIGN_USER', '督导组丁');
    const { core, ws } = openDemoCopy();
    const ind = ws.resolver.catalogue.indicators.find((i) => i.name === '查处酒驾醉驾')!;
    const q = (day: string, region: string) =>
      core.query({ from: day, to: day, regions: [region], indicators: [ind.key], by: [] }).total.value;
    const original = fact(ws, '2023-07-11', 140802, ind.id)!;
    expect(original).toBeDefined();
    const { id: findingId } = core.addFinding({
      region: '盐湖区',
      indicator: ind.key,
      category: '数据不实',
      severity: '一般',
      text: '核对',
    });

    const first = core.correct({
      region: '盐湖区',
      indicator: ind.key,
      day: '2023-07-11',
      value: original.value + 7,
      reason: '按原始台账核实',
      finding: findingId,
    }).correction;
    expect(Object.keys(first)).toEqual([
      'id',
      'region_code',
      'region_name',
      'city_name',
      'department',
      'indicator',
      'day',
      'original_value',
      'value',
      'reason',
      'finding',
      'created_at',
      'user',
      'state',
      'batch',
      'conflict_value',
    ]);
    expect(first).toMatchObject({
      region_code: '140802',
      region_name: '盐湖区',
      city_name: '运城市',
      department: ind.department,
      indicator: ind.name,
      day: '2023-07-11',
      original_value: original.value,
      value: original.value + 7,
      reason: '按原始台账核实',
      finding: findingId,
      user: '督导组丁',
      state: '已更正',
      conflict_value: null,
    });
    expect(q('2023-07-11', '盐湖区')).toBe(original.value + 7);

    // The same fact again, a never-reported figure, and 市本级: all in the same batch.
    const second = core.correct({ region: '盐湖区', indicator: ind.key, day: '2023-07-11', value: 3, reason: '再次核实' }).correction;
    const fresh = core.correct({ region: '运城市本级', indicator: ind.key, day: '2024-03-05', value: 11, reason: '漏报补录' }).correction;
    const own = fact(ws, '2023-07-12', 140800, ind.id)!;
    const third = core.correct({
      region: '140800',
      indicator: ind.key,
      day: '2023-07-12',
      value: own.value + 1,
      reason: '市本级核实',
    }).correction;
    expect(second.original_value).toBe(original.value + 7);
    expect(fresh).toMatchObject({ original_value: null, region_name: '运城市本级', city_name: '运城市' });
    expect(new Set([first.batch, second.batch, fresh.batch, third.batch]).size).toBe(1);
    const batch = ws.db.prepare('SELECT source, fact_count, replaced_count FROM batch WHERE id = ?').get(first.batch) as {
      source: string;
      fact_count: number;
      replaced_count: number;
    };
    expect(batch).toEqual({ source: '核实更正（督导组丁）', fact_count: 3, replaced_count: 2 });
    expect(q('2023-07-11', '盐湖区')).toBe(3);
    expect(q('2024-03-05', '运城市本级')).toBe(11);
    for (const d of ['2023-07-11', '2023-07-12', '2024-03-05']) expect(dayColumnsAgree(ws, d)).toBe(true);
    expect(core.listCorrections({ region: '运城市' }).corrections.map((c) => c.id)).toEqual([first.id, second.id, fresh.id, third.id]);
    expect(core.listCorrections({ region: '盐湖区' }).corrections).toHaveLength(2);
    expect(core.listCorrections({ region: '太原市' }).corrections).toHaveLength(0);

    core.undo({ batchId: first.batch! });
    expect(fact(ws, '2023-07-11', 140802, ind.id)).toEqual(original);
    expect(q('2023-07-11', '盐湖区')).toBe(original.value);
    expect(q('2024-03-05', '运城市本级') ?? 0).toBe(0);
    expect(fact(ws, '2023-07-12', 140800, ind.id)).toEqual(own);
    expect(fact(ws, '2024-03-05', 140800, ind.id)).toBeUndefined();
    for (const d of ['2023-07-11', '2023-07-12', '2024-03-05']) expect(dayColumnsAgree(ws, d)).toBe(true);
    expect(core.listCorrections({}).corrections.map((c) => c.state)).toEqual(['已撤销', '已撤销', '已撤销', '已撤销']);

    // After an undo a new correction starts a new batch.
    const after = core.correct({ region: '盐湖区', indicator: ind.key, day: '2023-07-11', value: 1, reason: '撤销后重新更正' }).correction;
    expect(after.batch).not.toBe(first.batch);
    expect(after.original_value).toBe(original.value);
  });

  it('refuses what is not a reporting unit, unknown names and unknown findings, writing nothing', () => {
    const { core, ws } = openDemoCopy();
    const before = inspectionCounts(ws);
    const base = { indicator: '禁毒/出动警力', day: '2023-07-06', value: 5, reason: '核实' };
    expect(() => core.correct({ ...base, region: '大同市' })).toThrow(/大同市本级/);
    expect(() => core.correct({ ...base, region: '省厅直属' })).toThrow(/不是填报单位/);
    expect(() => core.correct({ ...base, region: '无此县' })).toThrow(/无此县/);
    expect(() => core.correct({ ...base, region: '广灵县', indicator: '无此指标' })).toThrow(/无此指标/);
    expect(() => core.correct({ ...base, region: '广灵县', finding: '00000000-0000-4000-8000-000000000000' })).toThrow(
      /00000000-0000-4000-8000-000000000000/,
    );
    expect(() => core.correct({ ...base, region: '广灵县', value: -1 })).toThrow(/负数/);
    expect(inspectionCounts(ws)).toEqual(before);
  });

  it('starts a new batch once an import replaced a corrected figure, and the batches undo in order back to the originals', async () => {
    const { core, ws } = openDemoCopy();
    const ind = ws.resolver.catalogue.indicators.find((i) => i.name === '查处酒驾醉驾')!;
    const d = parseIsoDay('2023-07-18')!;
    const x = fact(ws, '2023-07-18', 140922, ind.id)!;
    const y = fact(ws, '2023-07-18', 140923, ind.id)!;
    const c1 = core.correct({ region: '140922', indicator: ind.key, day: '2023-07-18', value: x.value + 2, reason: '核实' }).correction;
    const imported = await core.import({
      files: [{ name: '补报.csv', bytes: new Uint8Array(Buffer.from(returnsCsv(ws, [[d, 140922, ind.id, 99]]))) }],
      replace: true,
    });
    expect(imported.ok).toBe(true);
    const importBatch = imported.files[0]!.batchId!;
    const c2 = core.correct({ region: '140923', indicator: ind.key, day: '2023-07-18', value: y.value + 5, reason: '核实' }).correction;
    expect(c2.batch).not.toBe(c1.batch);
    expect(() => core.undo({ batchId: c1.batch! })).toThrow(/先撤销批次/);
    for (const b of [c2.batch!, importBatch, c1.batch!]) core.undo({ batchId: b });
    expect(fact(ws, '2023-07-18', 140922, ind.id)).toEqual(x);
    expect(fact(ws, '2023-07-18', 140923, ind.id)).toEqual(y);
    expect(dayColumnsAgree(ws, '2023-07-18')).toBe(true);
  });
});
