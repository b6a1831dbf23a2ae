// Two grids, one per layout (GridPane): the one for the answer shown gets it; the other keeps
// what it was last given. While a new answer loads, the grid keeps showing the previous one,
// laid out as it was asked. The other layout's answer is drawn ahead into the hidden grid.
import { useCallback, useRef, useState, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Catalogue, Indicator } from '../../../shared/api/catalogue-types';
import type { SliceQuery, SliceResult } from '../../../shared/api/slice';
import { useReady } from '../../data/render-tracker';
import { usePrefetch, type OperationState } from '../../data/use-operation';
import type { GridRow } from '../../logic/pivot';
import type { PaneContent, PaneKind, SortState } from '../GridPane';
import { paneContent, type ByPane } from './pane-content';

/** Rows up to which the other layout is drawn ahead into the hidden grid. */
const DRAW_AHEAD_MAX_ROWS = 5_000;

interface Answers {
  catalogue: Catalogue;
  indicators: Indicator[];
  hidden: string[];
  /** A county × day listing too large to ask for: no grid. */
  tooLarge: boolean;
  data: OperationState<SliceResult, SliceQuery>;
  totals: OperationState<SliceResult, SliceQuery>;
  /** The other layout's two queries (同比 on, or off again): rows and totals. */
  other: SliceQuery[];
}

export interface GridPanes {
  activeKind: PaneKind;
  /** What each grid shows (the active one: the answer; the other: what it was last given). */
  shown: ByPane<PaneContent | null>;
  /** The active grid's rows, null before the first answer. */
  rows: GridRow[] | null;
  onDrawn(kind: PaneKind, key: string | null): void;
  onApi(kind: PaneKind, api: GridApi<GridRow>): void;
  apis: RefObject<ByPane<GridApi<GridRow> | null>>;
  /** The sort, shared by both grids. */
  sort: RefObject<SortState>;
}

export function useGridPanes({ catalogue, indicators, hidden, tooLarge, data, totals, other }: Answers): GridPanes {
  const dataCompare = data.dataInput?.compare ?? null;
  const activeKind: PaneKind = dataCompare ? 'compare' : 'plain';
  const [held, setHeld] = useState<ByPane<PaneContent | null>>({ plain: null, compare: null });
  const content =
    !tooLarge && data.data && data.dataInput
      ? paneContent(catalogue, indicators, hidden, data.data, data.dataInput, totals.data, data.dataKey, held[activeKind])
      : null;
  if (content && held[activeKind] !== content) setHeld({ ...held, [activeKind]: content });
  const shown: ByPane<PaneContent | null> = { ...held, [activeKind]: content };
  const rows = content?.rows ?? null;

  // Which answer each grid has drawn (set when ag-grid has taken the rows).
  const [drawn, setDrawn] = useState<ByPane<string | null>>({ plain: null, compare: null });
  const onDrawn = useCallback((kind: PaneKind, key: string | null) => setDrawn((d) => (d[kind] === key ? d : { ...d, [kind]: key })), []);
  const apis = useRef<ByPane<GridApi<GridRow> | null>>({ plain: null, compare: null });
  const onApi = useCallback((kind: PaneKind, api: GridApi<GridRow>) => {
    apis.current[kind] = api;
  }, []);
  const sort = useRef<SortState>([]);
  useReady(tooLarge || data.error !== null || totals.error !== null || (data.current && totals.current && drawn[activeKind] === data.key));

  // The other layout is the usual next step (同比 on, or off again): its answer for this filter is
  // fetched and drawn into the hidden grid while the browser is idle; switching then only swaps
  // the grids. Not for long listings: drawing those ahead would hold up the next click.
  const otherInputs = data.current && totals.current && rows !== null && rows.length <= DRAW_AHEAD_MAX_ROWS ? other : null;
  const drawAhead = ([answer, totalsAnswer]: SliceResult[], [key]: string[]) => {
    const input = otherInputs?.[0];
    if (!answer || !input || key === undefined) return;
    const kind: PaneKind = input.compare ? 'compare' : 'plain';
    setHeld((h) => {
      const next = paneContent(catalogue, indicators, hidden, answer, input, totalsAnswer, key, h[kind]);
      return next === h[kind] ? h : { ...h, [kind]: next };
    });
  };
  usePrefetch('query', otherInputs, drawAhead);

  return { activeKind, shown, rows, onDrawn, onApi, apis, sort };
}
