import { describe, expect, it, vi, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { fakePng, inspectionCounts, openDemoCopy } from './support';
import { ATTACHMENTS_PER_FINDING_MAX, ATTACHMENT_MAX_BYTES } from '../../shared/api/inspection';
import { parseIsoDay } from '../../shared/dates';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('findings (督导发现)', () => {
  it('adds a finding and lists it with the exact JSON keys and values', () => {
    const { core } = openDemoCopy();
    vi.stubEnv('CAMPAIGN_USER', '督导组甲');
    const png = fakePng(1);
    const pdf = new Uint8Array(Buffer.from('%PDF-1.4 scanned page'));
    const added = core.addFinding({
      region: '孝义市',
      indicator: '禁毒/出动警力',
      from: '2023-07-03',
      to: '2023-07-09',
      category: '数据不实',
      severity: '较重',
      text: '出动警力与值班记录不符',
      due: '2099-01-31',
      owner: '孝义市公安局禁毒大队',
      attachments: [
        { name: '现场.png', bytes: png },
        { name: '台账.pdf', bytes: pdf },
        { name: '现场-副本.png', bytes: png },
      ],
    });
    expect(added.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const list = core.listFindings({});
    expect(Object.keys(list)).toEqual(['findings']);
    expect(list.findings).toHaveLength(1);
    const f = list.findings[0]!;
    expect(Object.keys(f)).toEqual([
      'id',
      'region_code',
      'region_name',
      'city_name',
      'department',
      'indicator',
      'from',
      'to',
      'category',
      'severity',
      'text',
      'owner',
      'due',
      'status',
      'overdue',
      'created_at',
      'attachments',
      'history',
    ]);
    expect(f).toMatchObject({
      id: added.id,
      region_code: '141181',
      region_name: '孝义市',
      city_name: '吕梁市',
      department: '禁毒',
      indicator: '出动警力',
      from: '2023-07-03',
      to: '2023-07-09',
      category: '数据不实',
      severity: '较重',
      text: '出动警力与值班记录不符',
      owner: '孝义市公安局禁毒大队',
      due: '2099-01-31',
      status: '待整改',
      overdue: false,
    });
    expect(new Date(f.created_at).toISOString()).toBe(f.created_at);
    expect(f.attachments).toEqual([
      { name: '现场.png', sha256: sha(png), bytes: 64 },
      { name: '台账.pdf', sha256: sha(pdf), bytes: pdf.byteLength },
    ]);
    expect(f.history.map((h) => [h.what, h.user, h.status, h.attachment])).toEqual([
      ['新建', '督导组甲', '待整改', null],
      ['附件', '督导组甲', null, sha(png)],
      ['附件', '督导组甲', null, sha(pdf)],
    ]);
    expect(Object.keys(f.history[0]!)).toEqual(['id', 'at', 'user', 'what', 'status', 'note', 'due', 'attachment']);
    expect(f.history[0]!.due).toBe('2099-01-31');
    expect(added.finding).toEqual(f);

    const file = core.findingAttachment({ findingId: added.id, sha256: sha(pdf) });
    expect(file.mime).toBe('application/pdf');
    expect(sha(file.bytes)).toBe(sha(pdf));
    expect(core.findingAttachment({ findingId: added.id, sha256: sha(png) }).mime).toBe('image/png');
  });

  it('resolves a department alone, a city as a whole and 市本级; refuses unknown names naming them', () => {
    const { core, ws } = openDemoCopy();
    const a = core.addFinding({ region: '晋城市本级', department: '交警', category: '迟报', severity: '一般', text: '连续三日迟报' });
    expect(a.finding).toMatchObject({
      region_code: '140500',
      region_name: '晋城市',
      city_name: '晋城市',
      department: '交警',
      indicator: null,
      from: null,
      due: null,
      owner: null,
    });
    const before = inspectionCounts(ws);
    expect(() => core.addFinding({ region: '不存在县', category: '其他', severity: '一般', text: 'x' })).toThrow(/不存在县/);
    expect(() => core.addFinding({ region: '晋城市', indicator: '不存在的指标', category: '其他', severity: '一般', text: 'x' })).toThrow(
      /不存在的指标/,
    );
    expect(() =>
      core.addFinding({ region: '晋城市', department: '交警', indicator: '禁毒/出动警力', category: '其他', severity: '一般', text: 'x' }),
    ).toThrow(/交警/);
    expect(() => core.addFinding({ region: '山西省', category: '其他', severity: '一般', text: 'x' })).toThrow(/全省/);
    expect(inspectionCounts(ws)).toEqual(before);
  });

  it('keeps each change in the history; 销号 needs a note and is dated; reopening clears it', () => {
    const { core, ws } = openDemoCopy();
    vi.stubEnv('CAMPAIGN_USER', '督导组乙');
    const { id } = core.addFinding({ region: '阳泉市城区', category: '漏报', severity: '严重', text: '漏报两日', due: '2020-01-01' });
    expect(core.listFindings({ overdue: true }).findings.map((f) => f.id)).toEqual([id]);
    expect(() => core.updateFinding({ id, status: '已销号' })).toThrow(/销号须写明/);
    vi.stubEnv('CAMPAIGN_USER', '督导组丙');
    core.updateFinding({ id, status: '整改中', due: '2099-06-30' });
    core.updateFinding({ id, note: '已补报' });
    const closed = core.updateFinding({ id, status: '已销号', note: '核对原始台账，数据已补齐' }).finding;
    expect(closed.status).toBe('已销号');
    expect(closed.overdue).toBe(false);
    expect(ws.db.prepare('SELECT closed_at FROM finding WHERE id = ?').pluck().get(id)).toBe(closed.history.at(-1)!.at);
    expect(closed.history.map((h) => [h.what, h.user, h.status, h.note, h.due])).toEqual([
      ['新建', '督导组乙', '待整改', null, '2020-01-01'],
      ['状态', '督导组丙', '整改中', null, null],
      ['整改时限', '督导组丙', null, null, '2099-06-30'],
      ['说明', '督导组丙', null, '已补报', null],
      ['状态', '督导组丙', '已销号', '核对原始台账，数据已补齐', null],
    ]);
    const ats = closed.history.map((h) => h.at);
    expect([...ats].sort()).toEqual(ats);
    expect(core.listFindings({ status: '已销号' }).findings).toHaveLength(1);
    expect(core.listFindings({ region: '阳泉市' }).findings).toHaveLength(1);
    expect(core.listFindings({ region: '晋城市' }).findings).toHaveLength(0);
    core.updateFinding({ id, status: '整改中', note: '复查发现仍有漏报' });
    expect(ws.db.prepare('SELECT closed_at FROM finding WHERE id = ?').pluck().get(id)).toBeNull();
    expect(() => core.updateFinding({ id: 'no-such-id', note: 'x' })).toThrow(/no-such-id/);
  });

  it('refuses too large and too many attachments, writing nothing', () => {
    const { core, ws } = openDemoCopy();
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    const before = inspectionCounts(ws);
    expect(() =>
      core.addFinding({ region: '古交市', category: '其他', severity: '一般', text: 'x', attachments: [{ name: 'big.bin', bytes: big }] }),
    ).toThrow(/附件过大/);
    expect(inspectionCounts(ws)).toEqual(before);
    const many = Array.from({ length: ATTACHMENTS_PER_FINDING_MAX - 1 }, (_, i) => ({ name: `p${i}.png`, bytes: fakePng(i + 10) }));
    const { id } = core.addFinding({ region: '古交市', category: '其他', severity: '一般', text: '多附件', attachments: many });
    const mid = inspectionCounts(ws);
    expect(() =>
      core.updateFinding({
        id,
        note: '再加两张',
        attachments: [
          { name: 'a.png', bytes: fakePng(900) },
          { name: 'b.png', bytes: fakePng(901) },
        ],
      }),
    ).toThrow(/附件过多.*已有 19 个/);
    expect(inspectionCounts(ws)).toEqual(mid);
    // A repeat of an attachment already held is not another one.
    const after = core.updateFinding({
      id,
      attachments: [
        { name: 'again.png', bytes: fakePng(10) },
        { name: 'last.png', bytes: fakePng(902) },
      ],
    }).finding;
    expect(after.attachments).toHaveLength(ATTACHMENTS_PER_FINDING_MAX);
  });
});

describe('on a 督导包', () => {
  it('keeps findings and corrections to the bundle’s city and period', () => {
    const { core, ws } = openDemoCopy();
    // What h13-bundle's export writes: the origin row naming the city (吕梁市) and the period.
    ws.db
      .prepare(
        `INSERT INTO bundle_origin (bundle_id, city_code, from_day, to_day, province_database_id, province_facts, province_latest_batch, province_batch_max, context_batch_id, made_at, made_by)
         VALUES ('b-1', 141100, ?, ?, 'p-1', 0, NULL, 1, NULL, '2026-12-01T00:00:00.000Z', '测试')`,
      )
      .run(parseIsoDay('2023-07-01'), parseIsoDay('2023-07-31'));
    const base = { category: '其他' as const, severity: '一般' as const, text: '核查' };
    expect(core.addFinding({ ...base, region: '交城县' }).finding.city_name).toBe('吕梁市');
    expect(core.addFinding({ ...base, region: '吕梁市' }).finding.region_code).toBe('141100');
    const before = inspectionCounts(ws);
    expect(() => core.addFinding({ ...base, region: '小店区' })).toThrow(/只含吕梁市.*小店区/);
    const fix = { indicator: '禁毒/出动警力', value: 9, reason: '核实' };
    expect(() => core.correct({ ...fix, region: '小店区', day: '2023-07-10' })).toThrow(/只含吕梁市/);
    expect(() => core.correct({ ...fix, region: '交城县', day: '2023-08-10' })).toThrow(/2023-07-01 至 2023-07-31/);
    expect(inspectionCounts(ws)).toEqual(before);
    expect(core.correct({ ...fix, region: '吕梁市本级', day: '2023-07-10' }).correction.region_name).toBe('吕梁市本级');
  });
});
