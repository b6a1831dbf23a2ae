// Dates: a preset (campaign, phase, 最近7天) or a custom from/to typed as YYYY-MM-DD.
import { useEffect, useState } from 'react';
import { useWorkstation } from '../state/workstation-context';
import { findPreset } from '../state/presets';
import { parseIsoDay } from '../../shared/dates';

const CUSTOM = '__custom';

/** A day typed as YYYY-MM-DD (ISO, as everywhere else in the workstation); applied on Enter or blur. */
function DayInput({ value, label, onCommit, testId }: { value: string; label: string; onCommit: (day: string) => boolean; testId: string }) {
  const [text, setText] = useState(value);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(value);
    setInvalid(false);
  }, [value]);
  const commit = () => {
    if (text === value) return;
    const ok = parseIsoDay(text.trim()) !== null && onCommit(text.trim());
    setInvalid(!ok);
  };
  return (
    <input
      className={`day-input${invalid ? ' invalid' : ''}`}
      aria-label={label}
      title={invalid ? '请输入有效日期（YYYY-MM-DD），起始不晚于截止' : label}
      value={text}
      placeholder="YYYY-MM-DD"
      maxLength={10}
      data-testid={testId}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setText(value);
          setInvalid(false);
        }
      }}
    />
  );
}

export function DateRangeControl() {
  const { state, dispatch, presets } = useWorkstation();
  const { from, to, preset } = state.filter;
  const current = findPreset(presets, preset, from, to);
  const selected = current && current.from === from && current.to === to ? presets.indexOf(current) : -1;
  const groups = [...new Set(presets.map((p) => p.group))];
  const setRange = (f: string, t: string): boolean => {
    if (parseIsoDay(f) === null || parseIsoDay(t) === null || f > t) return false;
    dispatch({ type: 'filter', action: { type: 'setRange', from: f, to: t, preset: null } });
    return true;
  };
  const days = (parseIsoDay(to) ?? 0) - (parseIsoDay(from) ?? 0) + 1;
  return (
    <div className="filter-field date-range">
      <label className="field-label" htmlFor="date-preset">
        日期
      </label>
      <select
        id="date-preset"
        data-testid="date-preset"
        value={selected >= 0 ? String(selected) : CUSTOM}
        onChange={(e) => {
          const p = presets[Number(e.target.value)];
          if (p) dispatch({ type: 'filter', action: { type: 'setRange', from: p.from, to: p.to, preset: p.id } });
        }}
      >
        {groups.map((g) => (
          <optgroup key={g} label={g}>
            {presets.map((p, i) =>
              p.group === g ? (
                <option key={i} value={String(i)}>
                  {p.label}
                </option>
              ) : null,
            )}
          </optgroup>
        ))}
        <option value={CUSTOM} disabled={selected >= 0}>
          自定义日期
        </option>
      </select>
      <DayInput value={from} label="起始日期" testId="date-from" onCommit={(d) => setRange(d, to)} />
      <span className="range-sep">至</span>
      <DayInput value={to} label="截止日期" testId="date-to" onCommit={(d) => setRange(from, d)} />
      <span className="muted small nowrap">{days} 天</span>
    </div>
  );
}
