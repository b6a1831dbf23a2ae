// The real catalogue (from the demo database, opened read-only) for renderer logic tests.
import { inject } from 'vitest';
import { openWorkspace } from '../../electron/store/workspace';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { FilterState } from '../../shared/api/views';

let cached: Catalogue | null = null;

export function demoCatalogue(): Catalogue {
  if (!cached) {
    const ws = openWorkspace(inject('demoDb'), { readonly: true });
    cached = ws.catalogue;
    ws.close();
  }
  return cached;
}

export function filterOf(patch: Partial<FilterState> = {}): FilterState {
  return {
    from: '2023-07-07',
    to: '2023-07-09',
    preset: '第一次集中统一行动',
    regions: [],
    departments: [],
    indicators: [],
    compare: null,
    ...patch,
  };
}
