// 山西省 › 太原市 › 小店区; a click on a crumb steps back up to it.
import { useWorkstation } from '../state/workstation-context';
import { breadcrumbPath } from '../state/regions';

export function Breadcrumbs() {
  const { catalogue, state, dispatch } = useWorkstation();
  const path = breadcrumbPath(catalogue, state.filter.regions);
  return (
    <nav className="breadcrumbs" aria-label="地区路径" data-testid="breadcrumbs">
      <span className="field-label">地区路径</span>
      {path.map((c, i) => {
        const last = i === path.length - 1;
        return (
          <span key={`${c.code ?? 'multi'}-${i}`} className="crumb-wrap">
            {i > 0 && <span className="crumb-sep">›</span>}
            {last || c.code === null ? (
              <span className="crumb current" aria-current="location">
                {c.label}
              </span>
            ) : (
              <button
                type="button"
                className="crumb"
                onClick={() => dispatch({ type: 'filter', action: { type: 'drill', code: c.code! } })}
              >
                {c.label}
              </button>
            )}
          </span>
        );
      })}
    </nav>
  );
}
