// The filter bar: always visible, one FilterState.
import { useWorkstation } from '../state/workstation-context';
import { Breadcrumbs } from './Breadcrumbs';
import { DateRangeControl } from './DateRangeControl';
import { DepartmentChips } from './DepartmentChips';
import { IndicatorPicker } from './IndicatorPicker';
import { RegionPicker } from './RegionPicker';
import { Segmented } from './Segmented';
import type { Compare } from '../../shared/api/slice';

type CompareChoice = Compare | 'none';

export function FilterBar() {
  const { state, dispatch } = useWorkstation();
  const { compare } = state.filter;
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <div className="filter-row">
        <DateRangeControl />
        <RegionPicker />
        <IndicatorPicker />
        <div className="filter-field">
          <span className="field-label">对比</span>
          <Segmented<CompareChoice>
            label="对比"
            testId="compare"
            value={compare ?? 'none'}
            options={[
              { value: 'none', label: '无' },
              { value: 'yoy', label: '同比' },
              { value: 'prev', label: '环比' },
            ]}
            onChange={(v) => dispatch({ type: 'filter', action: { type: 'setCompare', compare: v === 'none' ? null : v } })}
          />
        </div>
      </div>
      <div className="filter-row filter-row-2">
        <DepartmentChips />
        <Breadcrumbs />
      </div>
    </div>
  );
}
