// Regions: 山西省 → cities → counties, multi-select, with search (小店 → 小店区).
// The selection and search state are in use-region-selection.ts; the lists in RegionSearchResults.tsx
// (searching) and RegionTree.tsx (browsing).
import { regionSummary } from '../state/regions';
import { Popover } from './Popover';
import { RegionSearchResults } from './RegionSearchResults';
import { RegionTree } from './RegionTree';
import { useRegionSelection } from './use-region-selection';

export function RegionPicker() {
  const selection = useRegionSelection();
  const { catalogue, selected, query, setQuery, set } = selection;
  return (
    <div className="filter-field">
      <span className="field-label">地区</span>
      <Popover
        label={<span className="picker-value">{regionSummary(catalogue, selected)}</span>}
        testId="region-picker"
        panelClassName="region-panel"
      >
        {(close) => (
          <div>
            <input
              className="search-input"
              placeholder="搜索市、县区名称或代码"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoFocus
              data-testid="region-search"
            />
            <div className="tree-list">
              {query.trim() ? <RegionSearchResults selection={selection} /> : <RegionTree selection={selection} />}
            </div>
            <div className="popover-footer">
              <button type="button" className="btn btn-small" onClick={() => set([])}>
                全省
              </button>
              <button type="button" className="btn btn-small btn-primary" onClick={close}>
                完成
              </button>
            </div>
          </div>
        )}
      </Popover>
    </div>
  );
}
