// The API and its cache for the whole renderer. Every call goes through one place: when a result
// says what it changed (a write's `changed`), the cached answers of the operations that read it are
// dropped and their keys move on, so the views showing them ask again; the rest stay cached.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DataDomain, WorkstationApi } from '../../shared/api/operations';
import { QueryCache } from './query-cache';
import { bumped, changedBy, FIRST_VERSIONS, isStale, operationOfKey, type DomainVersions } from './invalidation';

export interface ApiContextValue {
  /** The transport, wrapped: a write's result invalidates what it changed before the caller sees it. */
  api: WorkstationApi;
  cache: QueryCache;
  /** Part of every cache key (the domains its operation reads): answers from before a write are not reused. */
  versions: DomainVersions;
  /** Drops the cached answers that read any of `domains` (e.g. all of them when another process wrote). */
  invalidate(domains: readonly DataDomain[]): void;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ api: transport, children }: { api: WorkstationApi; children: ReactNode }) {
  const [versions, setVersions] = useState<DomainVersions>(FIRST_VERSIONS);
  const cache = useMemo(() => new QueryCache(), []);
  const invalidate = useCallback(
    (domains: readonly DataDomain[]) => {
      if (domains.length === 0) return;
      cache.drop((key) => {
        const op = operationOfKey(key);
        return op === null || isStale(op, domains);
      });
      setVersions((v) => bumped(v, domains));
    },
    [cache],
  );
  const api = useMemo<WorkstationApi>(
    () => ({
      call: async (op, input) => {
        const result = await transport.call(op, input);
        invalidate(changedBy(result));
        return result;
      },
    }),
    [transport, invalidate],
  );
  const value = useMemo(() => ({ api, cache, versions, invalidate }), [api, cache, versions, invalidate]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApiContext(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('ApiProvider missing');
  return v;
}
