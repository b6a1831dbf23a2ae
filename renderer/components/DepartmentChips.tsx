// Departments as toggles; none chosen means all.
import { useWorkstation } from '../state/workstation-context';

export function DepartmentChips() {
  const { catalogue, state, dispatch } = useWorkstation();
  const chosen = state.filter.departments;
  const set = (departments: string[]) => dispatch({ type: 'filter', action: { type: 'setDepartments', departments } });
  return (
    <div className="filter-field">
      <span className="field-label">部门</span>
      <div className="chips" role="group" aria-label="部门">
        <button type="button" className={chosen.length === 0 ? 'chip active' : 'chip'} onClick={() => set([])}>
          全部
        </button>
        {catalogue.departments.map((d) => {
          const on = chosen.includes(d.name);
          return (
            <button
              key={d.name}
              type="button"
              title={d.fullName}
              className={on ? 'chip active' : 'chip'}
              aria-pressed={on}
              onClick={() => set(on ? chosen.filter((x) => x !== d.name) : [...chosen, d.name])}
            >
              {d.name}
            </button>
          );
        })}
      </div>
    </div>
  );
}
