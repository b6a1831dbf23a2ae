// The unit a finding or a correction concerns: grouped by city (on a bundle, only its city).
import { useMemo } from 'react';
import { useWorkstation } from '../../state/workstation-context';
import { unitGroups } from '../../logic/inspection';

interface Props {
  value: string;
  onChange(value: string): void;
  /** Findings may concern a whole city; corrections only a reporting unit. */
  withCity: boolean;
  onlyCity: string | null;
  testId: string;
}

export function UnitSelect({ value, onChange, withCity, onlyCity, testId }: Props) {
  const { catalogue } = useWorkstation();
  const groups = useMemo(() => unitGroups(catalogue, { withCity, onlyCity }), [catalogue, withCity, onlyCity]);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">请选择单位</option>
      {groups.map((g) => (
        <optgroup key={g.cityCode} label={g.cityName}>
          {g.units.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
