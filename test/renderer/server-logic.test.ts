// The server UI's pure parts: the header's words, sync progress, the submissions' order and the
// 报送状态 board's totals and 报送率 per city.
import { describe, expect, it } from 'vitest';
import type { FilingStatusJson, ServerStatus, SubmissionJson, SyncResult } from '../../shared/api/central';
import { chipText, lastSyncText, progressPercent, progressText, pulledText } from '../../renderer/logic/server-status';
import { byCity, countByStatus, countCells, filingRate, percentText, sortSubmissions } from '../../renderer/logic/submissions';

const BASE: ServerStatus = {
  url: 'https://10.14.2.9:8443',
  connected: false,
  user: null,
  reachable: null,
  error: null,
  lastSync: null,
  syncing: null,
  waiting: null,
};

describe('the header’s server status', () => {
  it('says 未连接 without a server, 已连接 with the user and role, 服务器不可达 with the reason, 登录已过期', () => {
    expect(chipText(null).label).toBe('未连接省厅服务器');
    expect(chipText({ ...BASE, url: null }).kind).toBe('none');
    expect(chipText({ ...BASE, connected: true, reachable: true, user: { name: 'fx.tian', role: 'analyst', region: null } }).label).toBe(
      '已连接：fx.tian（省厅分析员）',
    );
    expect(chipText({ ...BASE, connected: true, reachable: true, user: { name: 'lf.he', role: 'city', region: '临汾市' } }).label).toBe(
      '已连接：lf.he（地市报送员·临汾市）',
    );
    const down = chipText({
      ...BASE,
      connected: true,
      reachable: false,
      error: '无法连接省厅服务器 https://10.14.2.9:8443：连接超时',
      user: { name: 'fx.tian', role: 'analyst', region: null },
    });
    expect(down).toEqual({ kind: 'unreachable', label: '服务器不可达', detail: '无法连接省厅服务器 https://10.14.2.9:8443：连接超时' });
    expect(chipText({ ...BASE, reachable: true, error: '登录已过期，请重新登录' }).kind).toBe('expired');
    expect(chipText({ ...BASE, reachable: true }).label).toBe('未登录省厅服务器');
  });

  it('sync progress: stage, counts and a bounded percentage', () => {
    expect(progressText({ stage: 'changes', done: 0, total: 0 })).toBe('正在同步：读取变更…');
    expect(progressText({ stage: 'facts', done: 3, total: 8 })).toBe('正在同步：下载数据 3/8（38%）');
    expect(progressPercent({ stage: 'apply', done: 9, total: 8 })).toBe(100);
  });

  it('what a sync pulled, and the last sync', () => {
    const r: SyncResult = {
      server_url: BASE.url!,
      from_seq: 4,
      to_seq: 9,
      batches_added: 4,
      batches_undone: 1,
      facts_added: 12345,
      local_facts_superseded: 0,
      changes_skipped: 0,
      finished_at: '2025-08-01T03:04:05Z',
    };
    expect(pulledText(r)).toBe('新增 4 批（12,345 条数据），撤销 1 批');
    expect(pulledText({ ...r, batches_added: 0, batches_undone: 0 })).toBe('已是最新，没有新的数据');
    expect(pulledText({ ...r, batches_undone: 0, local_facts_superseded: 30 })).toContain('本机导入的 30 条数据被省厅采用的数据替代');
    expect(lastSyncText(BASE)).toBe('尚未同步');
    expect(lastSyncText({ ...BASE, lastSync: { at: '2025-08-01T03:04:05Z', seq: 9, pulled: 5 } })).toMatch(
      /^2025-08-0\d \d\d:04（更新 5 项变更）$/,
    );
  });
});

function submission(id: number, status: SubmissionJson['status'], at: string): SubmissionJson {
  return {
    id,
    kind: 'return',
    city: '忻州市',
    user: 'xz.ma',
    file: `${id}.csv`,
    status,
    rows: 10,
    reason: null,
    submitted_at: at,
    decided_at: null,
    decided_by: null,
    from: null,
    to: null,
    replace: false,
    batch_id: null,
  };
}

describe('报送审核 order', () => {
  it('待审核 first, newest first within a state', () => {
    const list = [
      submission(1, '已采用', '2025-07-01T01:00:00Z'),
      submission(2, '待审核', '2025-07-01T02:00:00Z'),
      submission(3, '已退回', '2025-07-02T00:00:00Z'),
      submission(4, '待审核', '2025-07-03T00:00:00Z'),
      submission(5, '校验未通过', '2025-07-04T00:00:00Z'),
    ];
    expect(sortSubmissions(list).map((s) => s.id)).toEqual([4, 2, 3, 5, 1]);
    expect(countByStatus(list)).toEqual({ 校验未通过: 1, 待审核: 2, 已退回: 1, 已采用: 1 });
  });
});

describe('报送状态 board', () => {
  const board: FilingStatusJson = {
    from: '2025-07-01',
    to: '2025-07-03',
    days: ['2025-07-01', '2025-07-02', '2025-07-03'],
    units: [
      { code: 140902, name: '忻府区', city: '忻州市', states: ['已采用', '已采用', '待审核'] },
      { code: 140921, name: '定襄县', city: '忻州市', states: ['未报', '已退回', '未报'] },
      { code: 141002, name: '尧都区', city: '临汾市', states: ['未报', '未报', '未报'] },
    ],
    totals: { 未报: 5, 待审核: 1, 已退回: 1, 已采用: 2 },
  };

  it('counts the cells as the server totals them, and 报送率 = (待审核 + 已采用) / all', () => {
    expect(countCells(board)).toEqual(board.totals);
    expect(filingRate(board.totals)).toBeCloseTo(3 / 9);
    expect(percentText(filingRate(board.totals))).toBe('33.3%');
    expect(percentText(null)).toBe('—');
  });

  it('summarises the province per city, in the board’s order', () => {
    const cities = byCity(board);
    expect(cities.map((c) => [c.city, c.units, c.cells, c.totals['已采用']])).toEqual([
      ['忻州市', 2, 6, 2],
      ['临汾市', 1, 3, 0],
    ]);
    expect(cities[0]!.rate).toBeCloseTo(3 / 6);
    expect(cities[1]!.rate).toBe(0);
  });
});
