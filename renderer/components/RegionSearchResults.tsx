// The region picker's list while searching: the matching cities and counties (a county with its city).
import type { RegionSelection } from './use-region-selection';

export function RegionSearchResults({ selection }: { selection: RegionSelection }) {
  const { query, matches, byCode, isOn, viaCity, toggle } = selection;
  if (matches.length === 0) return <div className="muted pad">没有匹配“{query}”的地区</div>;
  return (
    <>
      {matches.map((r) => (
        <label key={r.code} className="tree-item">
          <input type="checkbox" checked={isOn(r.code) || viaCity(r.code)} disabled={viaCity(r.code)} onChange={() => toggle(r.code)} />
          <span>{r.name}</span>
          {r.level === 'county' && <span className="muted small">{byCode.get(r.parent ?? '')?.name}</span>}
        </label>
      ))}
    </>
  );
}
