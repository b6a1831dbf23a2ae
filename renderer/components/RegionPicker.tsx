// Regions: 山西省 → cities → counties, multi-select, with search (小店 → 小店区).
import { useMemo, useState } from 'react';
import { useWorkstation } from '../state/workstation-context';
import { regionIndex, regionSummary, regionTree, searchRegions } from '../state/regions';
import { Popover } from './Popover';

export function RegionPicker() {
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
  const matches = searchRegions(catalogue, query);
  const isOn = (code: string) => selected.includes(code);
  const viaCity = (code: string) => {
    const p = byCode.get(code)?.parent;
    return p !== undefined && p !== null && selected.includes(p);
  };
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
              {query.trim() ? (
                matches.length === 0 ? (
                  <div className="muted pad">没有匹配“{query}”的地区</div>
                ) : (
                  matches.map((r) => (
                    <label key={r.code} className="tree-item">
                      <input
                        type="checkbox"
                        checked={isOn(r.code) || viaCity(r.code)}
                        disabled={viaCity(r.code)}
                        onChange={() => toggle(r.code)}
                      />
                      <span>{r.name}</span>
                      {r.level === 'county' && <span className="muted small">{byCode.get(r.parent ?? '')?.name}</span>}
                    </label>
                  ))
                )
              ) : (
                <>
                  <label className="tree-item">
                    <input type="checkbox" checked={selected.length === 0} onChange={() => set([])} />
                    <strong>山西省（全省）</strong>
                  </label>
                  {tree.map(({ region, children }) => {
                    const open = expanded.has(region.code);
                    const some = children.some((c) => isOn(c.code));
                    return (
                      <div key={region.code}>
                        <div className="tree-item tree-city">
                          <button
                            type="button"
                            className="tree-toggle"
                            aria-label={open ? '收起' : '展开'}
                            onClick={() => {
                              const next = new Set(expanded);
                              if (open) next.delete(region.code);
                              else next.add(region.code);
                              setExpanded(next);
                            }}
                          >
                            {open ? '▾' : '▸'}
                          </button>
                          <label>
                            <input
                              type="checkbox"
                              checked={isOn(region.code)}
                              ref={(el) => {
                                if (el) el.indeterminate = !isOn(region.code) && some;
                              }}
                              onChange={() => toggle(region.code)}
                            />
                            <span>{region.name}</span>
                          </label>
                          <span className="muted small">{children.length} 个县区</span>
                        </div>
                        {open &&
                          children.map((c) => (
                            <label key={c.code} className="tree-item tree-county">
                              <input
                                type="checkbox"
                                checked={isOn(c.code) || viaCity(c.code)}
                                disabled={viaCity(c.code)}
                                onChange={() => toggle(c.code)}
                              />
                              <span>{c.name}</span>
                            </label>
                          ))}
                      </div>
                    );
                  })}
                </>
              )}
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
