// The region picker's list when not searching: 山西省（全省）, then each city, expandable to its counties.
import type { RegionNode } from '../state/regions';
import type { RegionSelection } from './use-region-selection';

export function RegionTree({ selection }: { selection: RegionSelection }) {
  const { selected, tree, set } = selection;
  return (
    <>
      <label className="tree-item">
        <input type="checkbox" checked={selected.length === 0} onChange={() => set([])} />
        <strong>山西省（全省）</strong>
      </label>
      {tree.map((node) => (
        <RegionCity key={node.region.code} node={node} selection={selection} />
      ))}
    </>
  );
}

/** One city's row (half-checked when only some of its counties are chosen) and, expanded, its counties. */
function RegionCity({ node: { region, children }, selection }: { node: RegionNode; selection: RegionSelection }) {
  const { expanded, toggleExpanded, isOn, viaCity, toggle } = selection;
  const open = expanded.has(region.code);
  const some = children.some((c) => isOn(c.code));
  return (
    <div>
      <div className="tree-item tree-city">
        <button type="button" className="tree-toggle" aria-label={open ? '收起' : '展开'} onClick={() => toggleExpanded(region.code)}>
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
            <input type="checkbox" checked={isOn(c.code) || viaCity(c.code)} disabled={viaCity(c.code)} onChange={() => toggle(c.code)} />
            <span>{c.name}</span>
          </label>
        ))}
    </div>
  );
}
