// Indicators grouped by department, multi-select, with search.
import { useState } from 'react';
import { useWorkstation } from '../state/workstation-context';
import { Popover } from './Popover';

export function IndicatorPicker() {
  const { catalogue, state, dispatch } = useWorkstation();
  const { indicators: chosen, departments } = state.filter;
  const [query, setQuery] = useState('');
  const set = (indicators: string[]) => dispatch({ type: 'filter', action: { type: 'setIndicators', indicators } });
  const q = query.trim();
  const visibleDeps = catalogue.departments.filter((d) => departments.length === 0 || departments.includes(d.name));
  const summary =
    chosen.length === 0
      ? departments.length === 0
        ? `全部（${catalogue.indicators.length}）`
        : `所选部门全部`
      : chosen.length === 1
        ? (chosen[0] ?? '').split('/')[1]
        : `已选 ${chosen.length} 项`;
  return (
    <div className="filter-field">
      <span className="field-label">指标</span>
      <Popover label={<span className="picker-value">{summary}</span>} testId="indicator-picker" panelClassName="indicator-panel">
        {(close) => (
          <div>
            <input className="search-input" placeholder="搜索指标" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
            <div className="indicator-groups">
              {visibleDeps.map((d) => {
                const inds = catalogue.indicators.filter(
                  (i) => i.department === d.name && (!q || i.name.includes(q) || i.aliases.some((a) => a.includes(q))),
                );
                if (inds.length === 0) return null;
                const keys = inds.map((i) => i.key);
                const all = keys.every((k) => chosen.includes(k));
                return (
                  <fieldset key={d.name} className="indicator-group">
                    <legend>
                      <label>
                        <input
                          type="checkbox"
                          checked={all}
                          onChange={() => set(all ? chosen.filter((k) => !keys.includes(k)) : [...chosen, ...keys])}
                        />
                        {d.name}
                      </label>
                    </legend>
                    {inds.map((i) => (
                      <label key={i.key} className="tree-item">
                        <input
                          type="checkbox"
                          checked={chosen.includes(i.key)}
                          onChange={() => set(chosen.includes(i.key) ? chosen.filter((k) => k !== i.key) : [...chosen, i.key])}
                        />
                        <span>{i.name}</span>
                        <span className="muted small">{i.unit}</span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
            </div>
            <div className="popover-footer">
              <span className="muted small">不选即为全部指标</span>
              <button type="button" className="btn btn-small" onClick={() => set([])}>
                清除
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
