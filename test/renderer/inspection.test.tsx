// @vitest-environment jsdom
// The 督导 view against a fake core: counts by city and category, the list's filters, overdue rows,
// a finding's detail (history, image thumbnail from the attachment's bytes), the 销号 rule before
// sending, the new-finding form's payload, the bundle dialogs' passphrase checks, the merge report;
// and the pure logic behind them (logic/inspection.ts, logic/finding-draft-of.ts).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { OperationInput, OperationName, OperationResults, WorkspaceState, WorkstationApi } from '../../shared/api/operations';
import type { BundleInfo, FindingJson, MergeReport } from '../../shared/api/inspection';
import type { ViewState } from '../../shared/api/views';
import { ApiProvider } from '../../renderer/data/api-context';
import { DatabaseContext } from '../../renderer/database/database-context';
import { WorkstationContext, type Workstation } from '../../renderer/state/workstation-context';
import { datePresets } from '../../renderer/state/presets';
import type { ViewAction } from '../../renderer/state/view-state';
import { InspectionView } from '../../renderer/views/InspectionView';
import { ExportBundleDialog, MergeReturnDialog } from '../../renderer/components/inspection/BundleDialogs';
import { MergeReportView } from '../../renderer/components/inspection/MergeReportView';
import {
  dataFilterOf,
  filterFindings,
  imageMime,
  NO_FILTER,
  passphraseProblem,
  summaryByCategory,
  summaryByCity,
  unitGroups,
  updateProblem,
} from '../../renderer/logic/inspection';
import { chartPointDraft, gridRowDraft } from '../../renderer/logic/finding-draft-of';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { demoCatalogue, filterOf } from './fixtures';

afterEach(cleanup);

// jsdom has no blob URLs: thumbnails need one per attachment.
beforeAll(() => {
  let n = 0;
  URL.createObjectURL = () => `blob:test/${++n}`;
  URL.revokeObjectURL = () => undefined;
});

let catalogue: Catalogue;
const county = (city: string, i: number) => catalogue.regions.filter((r) => r.level === 'county' && r.parent === city)[i]!;

function finding(patch: Partial<FindingJson> & Pick<FindingJson, 'id' | 'region_code'>): FindingJson {
  const region = catalogue.regions.find((r) => r.code === patch.region_code)!;
  const city = catalogue.regions.find((r) => r.code === (region.level === 'city' ? region.code : region.city))!;
  return {
    region_name: region.name,
    city_name: city.name,
    department: null,
    indicator: null,
    from: null,
    to: null,
    category: '迟报',
    severity: '一般',
    text: '测试问题',
    owner: null,
    due: null,
    status: '待整改',
    overdue: false,
    created_at: '2025-03-01T02:00:00.000Z',
    attachments: [],
    history: [],
    ...patch,
  };
}

function sample(): FindingJson[] {
  const datong = '140200';
  const yuncheng = '140800';
  return [
    finding({
      id: 'f-1',
      region_code: county(datong, 0).code,
      category: '数据不实',
      severity: '严重',
      text: '出动警力数与值班记录不符',
      owner: '某县公安局指挥中心',
      due: '2025-02-10',
      overdue: true,
      attachments: [
        { name: '值班表.png', sha256: 'a'.repeat(64), bytes: 2048 },
        { name: '说明.pdf', sha256: 'b'.repeat(64), bytes: 90_000 },
      ],
      history: [
        {
          id: 'h1',
          at: '2025-02-01T03:04:00.000Z',
          user: '督导组王某',
          what: '新建',
          status: '待整改',
          note: null,
          due: '2025-02-10',
          attachment: null,
        },
        {
          id: 'h2',
          at: '2025-02-03T03:04:00.000Z',
          user: '督导组李某',
          what: '说明',
          status: null,
          note: '已约谈',
          due: null,
          attachment: null,
        },
      ],
    }),
    finding({ id: 'f-2', region_code: county(datong, 1).code, category: '漏报', status: '整改中', created_at: '2025-03-02T02:00:00.000Z' }),
    finding({ id: 'f-3', region_code: county(yuncheng, 0).code, category: '漏报', status: '已销号' }),
  ];
}

type Handler = (op: OperationName, input: unknown) => unknown;

function fakeApi(handler: Handler): WorkstationApi & { calls: { op: OperationName; input: unknown }[] } {
  const calls: { op: OperationName; input: unknown }[] = [];
  return {
    calls,
    call: async <K extends OperationName>(op: K, input: OperationInput<K>) => {
      calls.push({ op, input });
      return handler(op, input) as OperationResults[K];
    },
  };
}

function workstation(dispatch: (a: ViewAction) => void = () => undefined, state: Partial<ViewState> = {}): Workstation {
  return {
    catalogue,
    info: null,
    state: { view: 'inspection', filter: filterOf(), rowsBy: 'region:city', options: {}, ...state },
    dispatch,
    presets: datePresets(catalogue, '2023-09-30'),
    refreshInfo: () => undefined,
  };
}

const provincial: WorkspaceState = { path: '/tmp/p.db', fileName: 'p.db', demo: true, homeFolder: '/tmp', bundle: null };

function mount(api: WorkstationApi, children: ReactNode, opts: { dispatch?: (a: ViewAction) => void; workspace?: WorkspaceState } = {}) {
  return render(
    <ApiProvider api={api}>
      <WorkstationContext.Provider value={workstation(opts.dispatch)}>
        <DatabaseContext.Provider value={{ state: opts.workspace ?? provincial, switched: () => undefined }}>
          {children}
        </DatabaseContext.Provider>
      </WorkstationContext.Provider>
    </ApiProvider>,
  );
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function standardHandler(findings: FindingJson[]): Handler {
  return (op, input) => {
    if (op === 'listFindings') return { findings };
    if (op === 'listCorrections') return { corrections: [] };
    if (op === 'findingAttachment') return { name: '值班表.png', mime: 'image/png', bytes: PNG };
    if (op === 'updateFinding') return { finding: findings[0], changed: ['findings'] };
    if (op === 'addFinding') return { id: 'new', finding: { ...findings[0]!, id: 'new' }, changed: ['findings'] };
    throw new Error(`unexpected ${op} ${JSON.stringify(input)}`);
  };
}

describe('督导 logic', () => {
  beforeAll(() => {
    catalogue = demoCatalogue();
  });

  it('counts findings by city (every city listed, in catalogue order) and by category', () => {
    const rows = summaryByCity(sample(), catalogue);
    expect(rows).toHaveLength(11);
    const datong = rows.find((r) => r.cityCode === '140200')!;
    expect(datong).toMatchObject({ total: 2, 待整改: 1, 整改中: 1, 已销号: 0, overdue: 1 });
    expect(rows.find((r) => r.cityCode === '140800')).toMatchObject({ total: 1, 已销号: 1, overdue: 0 });
    expect(rows.find((r) => r.cityCode === '140100')).toMatchObject({ total: 0 });
    expect(summaryByCity(sample(), catalogue, ['140800']).map((r) => r.cityName)).toEqual(['运城市']);
    const cats = summaryByCategory(sample());
    expect(cats.map((c) => c.category)).toEqual(['漏报', '迟报', '数据不实', '工作不落实', '其他']);
    expect(cats.find((c) => c.category === '漏报')!.counts).toMatchObject({ total: 2, 整改中: 1, 已销号: 1 });
  });

  it('filters by city, status and overdue', () => {
    const all = sample();
    expect(filterFindings(all, { ...NO_FILTER, city: '140200' }, catalogue).map((f) => f.id)).toEqual(['f-1', 'f-2']);
    expect(filterFindings(all, { ...NO_FILTER, status: '已销号' }, catalogue).map((f) => f.id)).toEqual(['f-3']);
    expect(filterFindings(all, { ...NO_FILTER, overdueOnly: true }, catalogue).map((f) => f.id)).toEqual(['f-1']);
    expect(filterFindings(all, { city: '140800', status: '待整改', overdueOnly: false }, catalogue)).toEqual([]);
  });

  it('offers a city, its counties and its 市本级 (by name); a bundle only its city; corrections no whole city', () => {
    const groups = unitGroups(catalogue, { withCity: true, onlyCity: '141100' });
    expect(groups).toHaveLength(1);
    const units = groups[0]!.units;
    expect(units[0]).toEqual({ value: '141100', label: '吕梁市（全市）', cityCode: '141100' });
    expect(units.at(-1)).toEqual({ value: '吕梁市本级', label: '吕梁市本级', cityCode: '141100' });
    const counties = catalogue.regions.filter((r) => r.parent === '141100');
    expect(units).toHaveLength(counties.length + 2);
    const reporting = unitGroups(catalogue, { withCity: false, onlyCity: null });
    expect(reporting).toHaveLength(11);
    expect(reporting.flatMap((g) => g.units).some((u) => /^14\d\d00$/.test(u.value))).toBe(false);
  });

  it('says what is wrong with a passphrase and a status change before sending', () => {
    expect(passphraseProblem('short', 'short')).toMatch(/至少 10 个字符/);
    expect(passphraseProblem('abcdefghij', 'abcdefghiJ')).toBe('两次输入的口令不一致');
    expect(passphraseProblem('abcdefghij', 'abcdefghij')).toBeNull();
    expect(passphraseProblem('abcdefghij', null)).toBeNull();
    expect(updateProblem({ status: '已销号', note: '  ', due: '', files: 0 }, '整改中')).toMatch(/销号须写明如何核实整改/);
    expect(updateProblem({ status: '已销号', note: '已现场核对台账', due: '', files: 0 }, '整改中')).toBeNull();
    expect(updateProblem({ status: '整改中', note: '', due: '', files: 0 }, '整改中')).toBe('没有要更改的内容');
    expect(updateProblem({ status: null, note: '', due: '2025-05-01', files: 0 }, '待整改')).toBeNull();
  });

  it('knows images by name', () => {
    expect(imageMime('现场.JPG')).toBe('image/jpeg');
    expect(imageMime('a.webp')).toBe('image/webp');
    expect(imageMime('台账.xlsx')).toBeNull();
    expect(imageMime('noext')).toBeNull();
  });

  it('a grid cell gives the row unit, the column indicator and the row day; 市本级 by name', () => {
    const ind = catalogue.indicators[3]!;
    const c = county('140400', 2);
    const row = { id: `${c.code}|2023-07-08`, label: c.name, regionCode: c.code, day: '2023-07-08', cells: {} };
    const got = gridRowDraft(catalogue, row, `v${ind.id}`, 'region:county+day', filterOf());
    expect(got.draft).toEqual({ region: c.code, indicator: ind.key, from: '2023-07-08', to: '2023-07-08' });
    expect(got.label).toContain(c.name);
    const own = { id: '140400:长治市本级', label: '长治市本级', regionCode: '140400', cells: {} };
    expect(gridRowDraft(catalogue, own, 'label', 'region:county', filterOf({ indicators: [ind.key] })).draft).toEqual({
      region: '长治市本级',
      indicator: ind.key,
      from: '2023-07-07',
      to: '2023-07-09',
    });
    // Rows by day: the filter's one region and the row's day.
    const dayRow = { id: '2023-07-09', label: '2023-07-09', regionCode: null, cells: {} };
    expect(gridRowDraft(catalogue, dayRow, 'label', 'day', filterOf({ regions: [c.code] })).draft).toMatchObject({
      region: c.code,
      indicator: '',
      from: '2023-07-09',
      to: '2023-07-09',
    });
  });

  it('a chart point gives its region or its day, and the chart indicator', () => {
    const ind = catalogue.indicators[7]!;
    const c = county('141000', 3);
    expect(chartPointDraft(catalogue, { code: c.code, day: null }, ind.key, filterOf()).draft).toEqual({
      region: c.code,
      indicator: ind.key,
      from: '2023-07-07',
      to: '2023-07-09',
    });
    // A point of the daily line: the filter's one region, that day.
    expect(chartPointDraft(catalogue, { code: null, day: '2023-07-08' }, ind.key, filterOf({ regions: ['141000'] })).draft).toEqual({
      region: '141000',
      indicator: ind.key,
      from: '2023-07-08',
      to: '2023-07-08',
    });
    // The province is no unit.
    expect(chartPointDraft(catalogue, { code: '140000', day: null }, ind.key, filterOf()).draft.region).toBe('');
  });

  it('a finding links to its unit, indicator and dates', () => {
    const ind = catalogue.indicators[5]!;
    const c = county('140900', 1);
    expect(
      dataFilterOf(
        { region_code: c.code, indicator: ind.name, department: ind.department, from: '2023-06-01', to: '2023-06-05' },
        catalogue,
      ),
    ).toEqual({
      regions: [c.code],
      indicators: [ind.key],
      from: '2023-06-01',
      to: '2023-06-05',
    });
    expect(dataFilterOf({ region_code: '999999', indicator: null, department: null, from: null, to: null }, catalogue)).toEqual({
      regions: [],
      indicators: [],
      from: null,
      to: null,
    });
  });
});

describe('督导 view', () => {
  beforeAll(() => {
    catalogue = demoCatalogue();
  });

  it('shows counts by city, filters on a city click, draws overdue rows red, shows a finding with its history and thumbnail', async () => {
    const api = fakeApi(standardHandler(sample()));
    mount(api, <InspectionView />);
    await screen.findByTestId('findings-table');
    const byCity = screen.getByTestId('findings-by-city');
    const datongRow = within(byCity).getByText('大同市').closest('tr')!;
    expect([...datongRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['大同市', '2', '1', '1', '0', '1']);
    expect(screen.getByTestId('findings-count').textContent).toBe('共 3 条');
    const overdue = screen.getByTestId('findings-table').querySelector('tr[data-finding-id="f-1"]')!;
    expect(overdue.className).toContain('insp-overdue-row');
    expect(overdue.textContent).toContain('逾期');
    expect(screen.getByTestId('findings-table').querySelector('tr[data-finding-id="f-2"]')!.className).not.toContain('insp-overdue-row');

    fireEvent.click(within(byCity).getByText('运城市'));
    expect(screen.getByTestId('findings-count').textContent).toBe('共 1 条（全部 3 条）');
    fireEvent.click(within(byCity).getByText('运城市'));
    fireEvent.click(screen.getByTestId('findings-overdue'));
    expect(screen.getByTestId('findings-count').textContent).toBe('共 1 条（全部 3 条）');
    fireEvent.click(screen.getByTestId('findings-overdue'));

    fireEvent.click(screen.getByTestId('findings-table').querySelector('tr[data-finding-id="f-1"]')!);
    const detail = await screen.findByTestId('finding-detail');
    expect(within(detail).getByTestId('finding-history').textContent).toMatch(
      /督导组王某新建：待整改（整改时限 2025-02-10）[\s\S]*督导组李某说明已约谈/,
    );
    const thumb = await within(detail).findByTestId('attachment-thumb');
    expect(thumb.getAttribute('src')).toMatch(/^blob:/);
    expect(thumb.getAttribute('alt')).toBe('值班表.png');
    // Only the image's bytes are fetched; the PDF is a download link.
    expect(api.calls.filter((c) => c.op === 'findingAttachment').map((c) => c.input)).toEqual([
      { findingId: 'f-1', sha256: 'a'.repeat(64) },
    ]);
    expect(
      within(detail)
        .getAllByTestId('attachment-download')
        .map((b) => b.textContent),
    ).toEqual(['值班表.png', '说明.pdf']);
  });

  it('销号 needs a note: said before sending; with the note, updateFinding gets status and note', async () => {
    const api = fakeApi(standardHandler(sample()));
    mount(api, <InspectionView />);
    fireEvent.click((await screen.findByTestId('findings-table')).querySelector('tr[data-finding-id="f-1"]')!);
    const detail = await screen.findByTestId('finding-detail');
    fireEvent.change(within(detail).getByTestId('update-status'), { target: { value: '已销号' } });
    expect(within(detail).getByTestId('update-problem').textContent).toMatch(/销号须写明如何核实整改/);
    expect(within(detail).getByTestId<HTMLButtonElement>('update-submit').disabled).toBe(true);
    fireEvent.change(within(detail).getByTestId('update-note'), { target: { value: '复核三日值班记录，数字已一致' } });
    expect(within(detail).queryByTestId('update-problem')).toBeNull();
    fireEvent.click(within(detail).getByTestId('update-submit'));
    await waitFor(() => expect(api.calls.some((c) => c.op === 'updateFinding')).toBe(true));
    expect(api.calls.find((c) => c.op === 'updateFinding')!.input).toEqual({
      id: 'f-1',
      status: '已销号',
      note: '复核三日值班记录，数字已一致',
      attachments: [],
    });
  });

  it('新增督导发现 sends the unit, what it concerns and the attachment bytes', async () => {
    const api = fakeApi(standardHandler(sample()));
    mount(api, <InspectionView />);
    fireEvent.click(await screen.findByTestId('finding-new'));
    const form = screen.getByTestId('finding-form');
    const c = county('140700', 0);
    const ind = catalogue.indicators.find((i) => i.department === '交警')!;
    fireEvent.change(within(form).getByTestId('finding-unit'), { target: { value: c.code } });
    fireEvent.change(within(form).getByTestId('finding-indicator'), { target: { value: ind.key } });
    fireEvent.change(within(form).getByTestId('finding-from'), { target: { value: '2023-07-02' } });
    fireEvent.change(within(form).getByTestId('finding-to'), { target: { value: '2023-07-04' } });
    fireEvent.change(within(form).getByTestId('finding-category'), { target: { value: '工作不落实' } });
    fireEvent.change(within(form).getByTestId('finding-severity'), { target: { value: '较重' } });
    fireEvent.change(within(form).getByTestId('finding-text'), { target: { value: '夜查卡点未按要求设置' } });
    fireEvent.change(within(form).getByTestId('finding-due'), { target: { value: '2023-08-01' } });
    const photo = new File([PNG], '卡点.png', { type: 'image/png' });
    fireEvent.change(within(form).getByTestId('finding-files'), { target: { files: [photo] } });
    expect(within(form).getByTestId('finding-files-list').querySelector('img')?.getAttribute('alt')).toBe('卡点.png');
    fireEvent.click(within(form).getByTestId('finding-submit'));
    await waitFor(() => expect(api.calls.some((x) => x.op === 'addFinding')).toBe(true));
    const sent = api.calls.find((x) => x.op === 'addFinding')!.input as OperationInput<'addFinding'>;
    expect(sent).toMatchObject({
      region: c.code,
      department: '交警',
      indicator: ind.key,
      from: '2023-07-02',
      to: '2023-07-04',
      category: '工作不落实',
      severity: '较重',
      text: '夜查卡点未按要求设置',
      due: '2023-08-01',
    });
    expect(sent.attachments).toHaveLength(1);
    expect(sent.attachments![0]!.name).toBe('卡点.png');
    expect([...sent.attachments![0]!.bytes]).toEqual([...PNG]);
    await waitFor(() => expect(screen.queryByTestId('finding-form')).toBeNull());
  });

  it('on a bundle: the header banner, 生成督导回传 instead of 导出/合并, and only its city', async () => {
    const bundle: BundleInfo = {
      bundleId: 'b',
      cityCode: '140200',
      cityName: '大同市',
      from: '2023-06-01',
      to: '2023-06-30',
      madeAt: '2025-01-02T00:00:00Z',
      madeBy: '省厅',
      provinceDatabaseId: 'p',
    };
    const api = fakeApi(standardHandler(sample().slice(0, 2)));
    mount(api, <InspectionView />, { workspace: { ...provincial, bundle } });
    await screen.findByTestId('findings-table');
    expect(screen.getByTestId('bundle-banner').textContent).toContain('大同市 加密督导包');
    expect(screen.queryByTestId('bundle-export')).toBeNull();
    expect(screen.queryByTestId('merge-return')).toBeNull();
    expect(screen.getByTestId('bundle-return')).toBeTruthy();
    expect(
      within(screen.getByTestId('findings-by-city'))
        .getAllByRole('row')
        .map((r) => r.querySelector('td')?.textContent)
        .filter(Boolean),
    ).toEqual(['大同市', '合计']);
  });
});

describe('督导包 dialogs', () => {
  beforeAll(() => {
    catalogue = demoCatalogue();
  });

  it('导出督导包: passphrases must match and be ≥ 10 characters; sends city and phase', async () => {
    const api = fakeApi((op) => {
      if (op === 'exportBundle')
        return {
          fileName: '临汾市督导包.cwb',
          bytes: new Uint8Array(64),
          city: '临汾市',
          from: '2023-06-15',
          to: '2023-09-15',
          facts: 1234,
          contextFacts: 56,
          findings: 0,
        };
      throw new Error(op);
    });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    mount(api, <ExportBundleDialog onClose={() => undefined} />);
    fireEvent.change(screen.getByTestId('bundle-city'), { target: { value: '141000' } });
    const submit = screen.getByTestId<HTMLButtonElement>('bundle-export-submit');
    fireEvent.change(screen.getByTestId('bundle-pass-1'), { target: { value: 'short' } });
    expect(screen.getByTestId('bundle-pass-problem').textContent).toMatch(/至少 10 个字符/);
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('bundle-pass-1'), { target: { value: '夜查卡点2023临汾' } });
    fireEvent.change(screen.getByTestId('bundle-pass-2'), { target: { value: '夜查卡点2023临汾!' } });
    expect(screen.getByTestId('bundle-pass-problem').textContent).toBe('两次输入的口令不一致');
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('bundle-pass-2'), { target: { value: '夜查卡点2023临汾' } });
    const phase = catalogue.campaigns[0]!.phases[0]!.name;
    fireEvent.change(screen.getByTestId('bundle-phase'), { target: { value: phase } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    const done = await screen.findByTestId('bundle-export-done');
    expect(done.textContent).toContain('临汾市督导包.cwb');
    expect(api.calls[0]).toEqual({ op: 'exportBundle', input: { region: '141000', phase, passphrase: '夜查卡点2023临汾' } });
    expect(clicked).toHaveBeenCalledTimes(1);
    clicked.mockRestore();
  });

  it('合并督导回传 shows the core message on a wrong passphrase, then the report', async () => {
    let tries = 0;
    const report: MergeReport = {
      returnId: 'r',
      city: '晋中市',
      team: '第三督导组',
      alreadyMerged: false,
      findingsAdded: 4,
      findingsUpdated: 1,
      attachmentsAdded: 3,
      correctionsApplied: 2,
      correctionsSkipped: 0,
      conflicts: [
        {
          correction: 'c1',
          region_code: '140702',
          region_name: '榆次区',
          indicator: '交警/查处酒驾醉驾',
          day: '2023-07-05',
          bundle_value: 7,
          province_value: 9,
          corrected_value: 6,
        },
      ],
      batchId: 42,
    };
    const { ApiError } = await import('../../renderer/api/client');
    const api = fakeApi((op) => {
      if (op !== 'mergeReturn') throw new Error(op);
      tries += 1;
      if (tries === 1) throw new ApiError('口令错误，或文件已损坏', true);
      return { ...report, changed: ['facts', 'batches', 'findings'] };
    });
    mount(api, <MergeReturnDialog onClose={() => undefined} />);
    fireEvent.change(screen.getByTestId('merge-file'), { target: { files: [new File([new Uint8Array([1, 2, 3])], '晋中回传.cwr')] } });
    fireEvent.change(screen.getByTestId('merge-pass-1'), { target: { value: 'wrong-passphrase' } });
    fireEvent.click(screen.getByTestId('merge-submit'));
    expect((await screen.findByTestId('merge-error')).textContent).toBe('口令错误，或文件已损坏');
    fireEvent.click(screen.getByTestId('merge-submit'));
    const shown = await screen.findByTestId('merge-report');
    expect(screen.getByTestId('merge-added').textContent).toBe('4');
    expect(screen.getByTestId('merge-applied').textContent).toContain('导入批次 #42');
    const conflict = within(screen.getByTestId('merge-conflict-table')).getByText('榆次区').closest('tr')!;
    expect([...conflict.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '榆次区',
      '交警/查处酒驾醉驾',
      '2023-07-05',
      '7',
      '9',
      '6',
    ]);
    expect(shown.dataset.already).toBe('false');
    const input = api.calls[1]!.input as OperationInput<'mergeReturn'>;
    expect(input.file.name).toBe('晋中回传.cwr');
    expect([...input.file.bytes]).toEqual([1, 2, 3]);
  });

  it('a return merged before says 已合并过', () => {
    render(
      <MergeReportView
        report={{
          returnId: 'r',
          city: '朔州市',
          team: 't',
          alreadyMerged: true,
          findingsAdded: 0,
          findingsUpdated: 0,
          attachmentsAdded: 0,
          correctionsApplied: 0,
          correctionsSkipped: 2,
          conflicts: [],
          batchId: null,
        }}
      />,
    );
    expect(screen.getByTestId('merge-already').textContent).toContain('已合并过');
  });
});
