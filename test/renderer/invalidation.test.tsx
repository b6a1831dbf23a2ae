// @vitest-environment jsdom
// After a write, the renderer drops exactly the cached answers that read what the write says it
// changed: views showing them ask the core again, the rest are still served from the cache.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  writesOf,
  type DataDomain,
  type OperationInput,
  type OperationName,
  type OperationResults,
  type WorkstationApi,
} from '../../shared/api/operations';
import { ApiProvider, useApiContext } from '../../renderer/data/api-context';
import { useOperation } from '../../renderer/data/use-operation';
import { bumped, changedBy, FIRST_VERSIONS, isStale, operationKey } from '../../renderer/data/invalidation';

afterEach(cleanup);

/** A core that counts the calls per operation and answers reads with the call's number. */
function countingApi(changedOnWrite: (op: OperationName) => DataDomain[]) {
  const calls = new Map<string, number>();
  const api: WorkstationApi = {
    call: async <K extends OperationName>(op: K, _input: OperationInput<K>) => {
      const n = (calls.get(op) ?? 0) + 1;
      calls.set(op, n);
      const answer =
        op === 'query'
          ? { rows: [], total: { unit: null, value: n }, period: { from: 'a', to: 'b' } }
          : op === 'listViews'
            ? [{ id: n, name: `视图${n}`, state: {}, createdAt: '', updatedAt: '' }]
            : { changed: changedOnWrite(op) };
      return answer as OperationResults[K];
    },
  };
  return { api, count: (op: OperationName) => calls.get(op) ?? 0 };
}

function useViews() {
  const ctx = useApiContext();
  const query = useOperation('query', { from: '2023-07-01', to: '2023-07-09', by: [] });
  const views = useOperation('listViews', {});
  return { ctx, query, views };
}

describe('invalidation from what a write changed', () => {
  it('an import drops the slice answers and keeps the saved-view list; saving a view does the opposite', async () => {
    const { api, count } = countingApi((op) => (op === 'import' ? ['facts', 'batches'] : op === 'saveView' ? ['views'] : []));
    const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
    const { result } = renderHook(useViews, { wrapper });
    await waitFor(() => expect(result.current.query.current && result.current.views.current).toBe(true));
    expect(result.current.query.data?.total.value).toBe(1);
    expect([count('query'), count('listViews')]).toEqual([1, 1]);

    await act(async () => {
      await result.current.ctx.api.call('import', { files: [{ name: 'x.csv', bytes: new Uint8Array([1]) }] });
    });
    await waitFor(() => expect(result.current.query.data?.total.value).toBe(2));
    expect(count('query')).toBe(2);
    // The saved views read nothing an import writes: still the cached answer, no second call.
    expect(count('listViews')).toBe(1);
    expect(result.current.views.current).toBe(true);

    await act(async () => {
      await result.current.ctx.api.call('saveView', {
        name: 'n',
        state: { view: 'grid', filter: { from: '2023-07-01', to: '2023-07-09' } },
      });
    });
    await waitFor(() => expect(result.current.views.data?.[0]?.name).toBe('视图2'));
    expect([count('query'), count('listViews')]).toEqual([2, 2]);
  });

  it('a write that changed nothing (a refused import) drops nothing', async () => {
    const { api, count } = countingApi(() => []);
    const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
    const { result } = renderHook(useViews, { wrapper });
    await waitFor(() => expect(result.current.query.current).toBe(true));
    await act(async () => {
      await result.current.ctx.api.call('import', { files: [{ name: 'x.csv', bytes: new Uint8Array([1]) }] });
    });
    expect(result.current.query.current).toBe(true);
    expect(count('query')).toBe(1);
  });

  it('invalidate() of every domain (another process wrote) asks everything again', async () => {
    const { api, count } = countingApi(() => []);
    const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
    const { result } = renderHook(useViews, { wrapper });
    await waitFor(() => expect(result.current.query.current && result.current.views.current).toBe(true));
    act(() => result.current.ctx.invalidate(['database']));
    await waitFor(() => expect([count('query'), count('listViews')]).toEqual([2, 2]));
    await waitFor(() => expect(result.current.views.data?.[0]?.name).toBe('视图2'));
  });

  it('keys move on only for the domains an operation reads', () => {
    const after = bumped(FIRST_VERSIONS, ['views']);
    expect(operationKey('query', { a: 1 }, after)).toBe(operationKey('query', { a: 1 }, FIRST_VERSIONS));
    expect(operationKey('listViews', {}, after)).not.toBe(operationKey('listViews', {}, FIRST_VERSIONS));
    expect(bumped(FIRST_VERSIONS, ['database'])).toEqual({ facts: 1, batches: 1, views: 1, findings: 1, server: 1, database: 1 });
    // 省厅服务器: a login or a decision drops the submissions and the board, not the queries; a sync
    // that pulled drops both.
    expect(isStale('listSubmissions', ['server'])).toBe(true);
    expect(isStale('filingStatus', ['server'])).toBe(true);
    expect(isStale('query', ['server'])).toBe(false);
    expect(isStale('query', writesOf('syncNow'))).toBe(true);
    // 督导: a finding written drops the findings list and its attachments, not the queries; a
    // correction (facts too) drops both, a merge as well.
    expect(isStale('listFindings', ['findings'])).toBe(true);
    expect(isStale('findingAttachment', ['findings'])).toBe(true);
    expect(isStale('query', ['findings'])).toBe(false);
    expect(isStale('listCorrections', ['batches'])).toBe(true);
    expect(isStale('report', ['findings'])).toBe(true);
    expect(isStale('info', ['batches'])).toBe(true);
    expect(isStale('template', ['facts'])).toBe(false);
    expect(isStale('template', ['database'])).toBe(true);
    expect(changedBy({ changed: ['facts', 'bogus'] })).toEqual(['facts']);
    expect(changedBy([{ changed: ['facts'] }])).toEqual([]);
  });
});
