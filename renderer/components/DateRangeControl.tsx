// Dates: a preset (campaign, phase, 最近7天) or a custom from/to, typed as import accepts dates
// (2023-07-07, 2023/7/7, 2023年7月7日, 20230707) or picked from a calendar. A range that cannot be
// applied (a day that does not exist, from after to) is not applied: the boxes go back to the
// range in force and a message says why.
import { useEffect, useRef, useState } from 'react';
import { useWorkstation } from '../state/workstation-context';
import { findPreset } from '../state/presets';
import { isoDay, parseDateText, parseIsoDay } from '../../shared/dates';

const CUSTOM = '__custom';

/** A typed date as YYYY-MM-DD, or the reason it cannot be used. */
export function typedDay(text: string): { day: string } | { error: string } {
  const d = parseDateText(text);
  return typeof d === 'number' ? { day: isoDay(d) } : { error: d };
}

/** Why from..to cannot be applied, or null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  return from > to ? `起始日期 ${from} 晚于截止日期 ${to}` : null;
}

interface DayInputProps {
  value: string;
  label: string;
  testId: string;
  /** Applies the day; returns the reason when it was not applied. */
  onCommit: (day: string) => string | null;
  onProblem: (message: string | null) => void;
}

/** A day box: typed text applied on Enter or blur, and a calendar button beside it. */
function DayInput({ value, label, testId, onCommit, onProblem }: DayInputProps) {
  const [text, setText] = useState(value);
  const picker = useRef<HTMLInputElement>(null);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the box follows the day applied from elsewhere
  useEffect(() => setText(value), [value]);
  const commit = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === value) {
      setText(value);
      return;
    }
    const typed = typedDay(trimmed);
    const problem = 'error' in typed ? typed.error : typed.day === value ? null : onCommit(typed.day);
    // Never leave text on screen that looks applied but is not: back to the range in force.
    setText('error' in typed || problem ? value : typed.day);
    onProblem(problem ? `${label}未应用：${problem}。仍为原日期范围。` : null);
  };
  return (
    <span className="day-field">
      <input
        className="day-input"
        aria-label={label}
        title={`${label}（可输入 2023-07-07、2023/7/7、2023年7月7日、20230707）`}
        value={text}
        placeholder="YYYY-MM-DD"
        maxLength={16}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
          if (e.key === 'Escape') setText(value);
        }}
      />
      <input
        ref={picker}
        type="date"
        className="day-picker"
        aria-label={`${label}：从日历选择`}
        title={`${label}：从日历选择`}
        value={value}
        data-testid={`${testId}-picker`}
        onClick={(e) => {
          try {
            e.currentTarget.showPicker();
          } catch {
            // Without a user gesture the browser refuses; the calendar icon still opens it.
          }
        }}
        onChange={(e) => {
          if (e.target.value) commit(e.target.value);
        }}
      />
    </span>
  );
}

export function DateRangeControl() {
  const { state, dispatch, presets } = useWorkstation();
  const { from, to, preset } = state.filter;
  const [problem, setProblem] = useState<string | null>(null);
  const current = findPreset(presets, preset, from, to);
  const selected = current && current.from === from && current.to === to ? presets.indexOf(current) : -1;
  const groups = [...new Set(presets.map((p) => p.group))];
  const setRange = (f: string, t: string): string | null => {
    const why = rangeProblem(f, t);
    if (why) return why;
    dispatch({ type: 'filter', action: { type: 'setRange', from: f, to: t, preset: null } });
    return null;
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
          setProblem(null);
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
      <DayInput value={from} label="起始日期" testId="date-from" onCommit={(d) => setRange(d, to)} onProblem={setProblem} />
      <span className="range-sep">至</span>
      <DayInput value={to} label="截止日期" testId="date-to" onCommit={(d) => setRange(from, d)} onProblem={setProblem} />
      <span className="muted small nowrap">{days} 天</span>
      {problem && (
        <div className="date-problem" role="alert" data-testid="date-problem">
          <span>{problem}</span>
          <button type="button" className="date-problem-close" aria-label="关闭提示" onClick={() => setProblem(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
