// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { OperationInput, OperationName, OperationResults, WorkstationApi } from '../../shared/api/operations';
import type { SliceResult } from '../../shared/api/slice';
import type { ViewState } from '../../shared/api/views';
import { ApiProvider } from '../../renderer/data/api-context';
import { useOperation } from '../../renderer/data/use-operation';
import { Breadcrumbs } from '../../renderer/components/Breadcrumbs';
import { RegionPicker } from '../../renderer/components/RegionPicker';
import { ErrorBanner } from '../../renderer/components/feedback';
import { ApiError } from '../../renderer/api/client';
import { WorkstationContext, type Workstation } from '../../renderer/state/workstation-context';
import { datePresets } from '../../renderer/state/presets';
import type { ViewAction } from '../../renderer/state/view-state';
import { OverviewView } from '../../renderer/views/OverviewView';
import { demoCatalogue, filterOf } from './fixtures';

afterEach(cleanup);

function fakeApi(answer: (op: OperationName, input: unknown) => Promise<unknown>): WorkstationApi {
  return { call: <K extends OperationName>(op: K, input: OperationInput<K>) => answer(op, input) as Promise<OperationResults[K]> };
}

function workstation(state: Partial<ViewState>, dispatch: (a: ViewAction) => void = () => undefined): Workstation {
  const catalogue = demoCatalogue();
  return {
    catalogue,
    info: null,
    state: { view: 'overview', filter: filterOf(), rowsBy: 'region:city', options: {}, ...state },
    dispatch,
    presets: datePresets(catalogue, '2023-09-30'),
    refreshInfo: () => undefined,
  };
}

function withWorkstation(ws: Workstation, api: WorkstationApi, children: ReactNode) {
  return (
    <ApiProvider api={api}>
      <WorkstationContext.Provider value={ws}>{children}</WorkstationContext.Provider>
    </ApiProvider>
  );
}

const noApi = fakeApi(() => new Promise(() => undefined));

describe('breadcrumbs', () => {
  it('shows the path and steps back up on a click', () => {
    const dispatch = vi.fn();
    render(withWorkstation(workstation({ filter: filterOf({ regions: ['140105'] }) }, dispatch), noApi, <Breadcrumbs />));
    expect(screen.getByTestId('breadcrumbs').textContent).toMatch(/山西省›太原市›小店区/);
    fireEvent.click(screen.getByRole('button', { name: '太原市' }));
    expect(dispatch).toHaveBeenCalledWith({ type: 'filter', action: { type: 'drill', code: '140100' } });
    fireEvent.click(screen.getByRole('button', { name: '山西省' }));
    expect(dispatch).toHaveBeenLastCalledWith({ type: 'filter', action: { type: 'drill', code: '140000' } });
    expect(screen.queryByRole('button', { name: '小店区' })).toBeNull();
  });
});

describe('region picker', () => {
  it('search: typing 小店 finds 小店区; ticking it selects it', () => {
    const dispatch = vi.fn();
    render(withWorkstation(workstation({}, dispatch), noApi, <RegionPicker />));
    fireEvent.click(screen.getByTestId('region-picker'));
    fireEvent.change(screen.getByTestId('region-search'), { target: { value: '小店' } });
    const item = screen.getByText('小店区');
    fireEvent.click(item.closest('label')!.querySelector('input')!);
    expect(dispatch).toHaveBeenCalledWith({ type: 'filter', action: { type: 'setRegions', regions: ['140105'] } });
  });

  it('choosing a city replaces its counties in the selection', () => {
    const dispatch = vi.fn();
    render(withWorkstation(workstation({ filter: filterOf({ regions: ['140105', '140200'] }) }, dispatch), noApi, <RegionPicker />));
    fireEvent.click(screen.getByTestId('region-picker'));
    fireEvent.click(screen.getByText('太原市').closest('label')!.querySelector('input')!);
    expect(dispatch).toHaveBeenCalledWith({ type: 'filter', action: { type: 'setRegions', regions: ['140200', '140100'] } });
  });
});

describe('useOperation', () => {
  it('a stale answer never overwrites a newer one; the previous answer stays while loading', async () => {
    const pending = new Map<string, (v: unknown) => void>();
    const api = fakeApi((_op, input) => new Promise((resolve) => pending.set(JSON.stringify(input), resolve)));
    const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
    const q = (from: string) => ({ from, to: '2023-07-09', by: ['indicator' as const] });
    const { result, rerender } = renderHook(({ from }: { from: string }) => useOperation('query', q(from)), {
      wrapper,
      initialProps: { from: '2023-07-01' },
    });
    expect(result.current.loading).toBe(true);
    rerender({ from: '2023-07-02' });
    await waitFor(() => expect(pending.size).toBe(2));
    const answer = (n: number): SliceResult => ({ rows: [], total: { unit: null, value: n }, period: { from: 'x', to: 'y' } });
    await act(async () => pending.get(JSON.stringify(q('2023-07-02')))!(answer(2)));
    expect(result.current.data?.total.value).toBe(2);
    expect(result.current.current).toBe(true);
    await act(async () => pending.get(JSON.stringify(q('2023-07-01')))!(answer(1)));
    expect(result.current.data?.total.value).toBe(2);
    rerender({ from: '2023-07-03' });
    expect(result.current.loading).toBe(true);
    expect(result.current.current).toBe(false);
    expect(result.current.data?.total.value).toBe(2);
    // Going back is answered from the cache.
    rerender({ from: '2023-07-02' });
    await waitFor(() => expect(result.current.current).toBe(true));
    expect(result.current.data?.total.value).toBe(2);
  });

  it('an error is reported for its own input only', async () => {
    const api = fakeApi(() => Promise.reject(new ApiError('请给出日期范围', true)));
    const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
    const { result } = renderHook(() => useOperation('query', { from: '2023-07-01', to: '2023-07-09' }), { wrapper });
    await waitFor(() => expect(result.current.error?.message).toBe('请给出日期范围'));
    expect(result.current.loading).toBe(false);
  });
});

describe('feedback', () => {
  it('a user error is shown as it is', () => {
    render(<ErrorBanner error={new ApiError('起始日期晚于截止日期', true)} />);
    expect(screen.getByRole('alert').textContent).toContain('起始日期晚于截止日期');
  });
});

describe('overview', () => {
  it('a card per indicator: value with unit, 同比 change, a sparkline', async () => {
    const ws = workstation({ filter: filterOf({ indicators: ['综合/出动民警辅警', '综合/出动车辆'], compare: 'yoy' }) });
    const api = fakeApi(async (op, input) => {
      const by = (input as { by?: string[] }).by ?? [];
      if (op !== 'query') throw new Error(op);
      if (by.includes('day')) {
        return {
          rows: ['2023-07-07', '2023-07-08', '2023-07-09'].map((day, i) => ({
            day,
            department: '综合',
            indicator: '出动民警辅警',
            unit: '人次',
            value: 100 + i,
          })),
          total: { unit: '人次', value: 303 },
          period: { from: '2023-07-07', to: '2023-07-09' },
        };
      }
      return {
        rows: [
          {
            department: '综合',
            indicator: '出动民警辅警',
            unit: '人次',
            value: 65512,
            base: 56133,
            change: 9379,
            change_pct: 16.708531523346338,
          },
          { department: '综合', indicator: '出动车辆', unit: '辆次', value: 15148, base: 0, change: 15148, change_pct: null },
        ],
        total: { unit: null, value: null },
        period: { from: '2023-07-07', to: '2023-07-09', base: { from: '2022-07-07', to: '2022-07-09' } },
      };
    });
    const { container } = render(withWorkstation(ws, api, <OverviewView />));
    await waitFor(() => expect(container.querySelectorAll('.stat-card[data-indicator]')).toHaveLength(2));
    const police = container.querySelector('[data-indicator="综合/出动民警辅警"]')!;
    expect(police.textContent).toContain('65,512');
    expect(police.textContent).toContain('人次');
    expect(police.textContent).toContain('同比上升16.7%');
    expect(police.querySelector('.trend-up')).not.toBeNull();
    await waitFor(() => expect(police.querySelector('.sparkline path')?.getAttribute('d')).toMatch(/^M/));
    const cars = container.querySelector('[data-indicator="综合/出动车辆"]')!;
    expect(cars.textContent).toContain('基期为0');
    expect(screen.getByText(/基期 2022-07-07 至 2022-07-09/)).toBeTruthy();
  });

  it('没有数据 with a hint when nothing was reported', async () => {
    const ws = workstation({});
    const api = fakeApi(async () => ({
      rows: [{ department: '综合', indicator: '出动民警辅警', unit: '人次', value: null }],
      total: { unit: '人次', value: null },
      period: { from: 'a', to: 'b' },
    }));
    render(withWorkstation(ws, api, <OverviewView />));
    await waitFor(() => expect(screen.getByText('没有数据')).toBeTruthy());
  });
});
