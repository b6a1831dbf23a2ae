// The region picker's state: the selection (in the workstation's filter), the search and which cities
// are expanded. Kept in the picker, not its panel, so the search and the expanded cities outlive
// closing the panel.
import { useMemo, useState } from 'react';
import type { Catalogue, Region } from '../../shared/api/catalogue-types';
import { useWorkstation } from '../state/workstation-context';
import { regionIndex, regionTree, searchRegions, type RegionNode } from '../state/regions';

export interface RegionSelection {
  catalogue: Catalogue;
  selected: string[];
  tree: RegionNode[];
  byCode: Map<string, Region>;
  query: string;
  setQuery(query: string): void;
  /** The search's matches (when query is not blank). */
  matches: Region[];
  expanded: Set<string>;
  toggleExpanded(code: string): void;
  set(regions: string[]): void;
  toggle(code: string): void;
  isOn(code: string): boolean;
  /** True for a county whose city is chosen (it is in, and not choosable alone). */
  viaCity(code: string): boolean;
}

export function useRegionSelection(): RegionSelection {
  const { catalogue, state, dispatch } = useWorkstation();
  const selected = state.filter.regions;
  const tree = useMemo(() => regionTree(catalogue), [catalogue]);
  const byCode = useMemo(() => regionIndex(catalogue), [catalogue]);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const set = (regions: string[]) => dispatch({ type: 'filter', action: { type: 'setRegions', regions } });
  const toggle = (code: string) => {
    if (selected.includes(code)) return set(selected.filter((c) => c !== code));
    const r = byCode.get(code);
    // A city includes its counties: choosing it drops them, choosing a county drops its city.
    const next = selected.filter((c) => {
      const s = byCode.get(c);
      if (r?.level === 'city') return s?.parent !== code;
      if (r?.level === 'county') return c !== r.parent;
      return true;
    });
    set([...next, code]);
  };
  const toggleExpanded = (code: string) => {
    const next = new Set(expanded);
    if (expanded.has(code)) next.delete(code);
    else next.add(code);
    setExpanded(next);
  };
  const matches = searchRegions(catalogue, query);
  const isOn = (code: string) => selected.includes(code);
  const viaCity = (code: string) => {
    const p = byCode.get(code)?.parent;
    return p !== undefined && p !== null && selected.includes(p);
  };
  return { catalogue, selected, tree, byCode, query, setQuery, matches, expanded, toggleExpanded, set, toggle, isOn, viaCity };
}
