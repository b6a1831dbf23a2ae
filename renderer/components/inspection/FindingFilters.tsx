// The findings list's filters (地区, 状态, 仅看逾期) and how many findings they leave.
import { FINDING_STATUSES, type FindingStatus } from '../../../shared/api/inspection';
import type { CitySummaryRow, FindingFilter } from '../../logic/inspection';

interface Props {
  filter: FindingFilter;
  onChange(filter: FindingFilter): void;
  cities: CitySummaryRow[];
  /** On a bundle: 本市 for no city chosen, else 全省. */
  onlyCity: string | null;
  shown: number;
  all: number;
}

export function FindingFilters({ filter, onChange, cities, onlyCity, shown, all }: Props) {
  return (
    <div className="insp-filters">
      <label className="inline-field">
        地区
        <select
          value={filter.city ?? ''}
          onChange={(e) => onChange({ ...filter, city: e.target.value || null })}
          data-testid="findings-city"
        >
          <option value="">{onlyCity ? '本市' : '全省'}</option>
          {cities.map((c) => (
            <option key={c.cityCode} value={c.cityCode}>
              {c.cityName}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        状态
        <select
          value={filter.status ?? ''}
          onChange={(e) => onChange({ ...filter, status: FINDING_STATUSES.find((s): s is FindingStatus => s === e.target.value) ?? null })}
          data-testid="findings-status"
        >
          <option value="">全部</option>
          {FINDING_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={filter.overdueOnly}
          onChange={(e) => onChange({ ...filter, overdueOnly: e.target.checked })}
          data-testid="findings-overdue"
        />
        仅看逾期
      </label>
      <span className="muted small push-right" data-testid="findings-count">
        共 {shown} 条{shown !== all ? `（全部 ${all} 条）` : ''}
      </span>
    </div>
  );
}
