// The API and its cache for the whole renderer, plus a data version that bumps after import/undo.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { WorkstationApi } from '../../shared/api/operations';
import { QueryCache } from './query-cache';

export interface ApiContextValue {
  api: WorkstationApi;
  cache: QueryCache;
  /** Part of every cache key: results from before an import or undo are not reused. */
  dataVersion: number;
  dataChanged(): void;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ api, children }: { api: WorkstationApi; children: ReactNode }) {
  const [dataVersion, setDataVersion] = useState(0);
  const cache = useMemo(() => new QueryCache(), []);
  const dataChanged = useCallback(() => {
    cache.clear();
    setDataVersion((v) => v + 1);
  }, [cache]);
  const value = useMemo(() => ({ api, cache, dataVersion, dataChanged }), [api, cache, dataVersion, dataChanged]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApiContext(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('ApiProvider missing');
  return v;
}
