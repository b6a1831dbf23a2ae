// The figures above the matrix: units, days, indicators, the overall rate, the unit-days missing and partly reported.
import type { CompletenessResult } from '../../../shared/api/slice';

export function CompletenessSummary({ result: r }: { result: CompletenessResult }) {
  const totalExpected = r.cities.reduce((s, c) => s + c.expected_pairs, 0);
  const totalReported = r.cities.reduce((s, c) => s + c.reported_pairs, 0);
  return (
    <div className="summary-strip">
      <Summary label="报送单位" value={r.units.toLocaleString('en-US')} />
      <Summary label="天数" value={String(r.days)} />
      <Summary label="指标" value={String(r.indicators)} />
      <Summary label="整体报送率" value={totalExpected ? `${((totalReported / totalExpected) * 100).toFixed(1)}%` : '—'} />
      <Summary label="缺报（单位·天）" value={r.missing.length.toLocaleString('en-US')} tone={r.missing.length ? 'bad' : 'good'} />
      <Summary label="部分报送（单位·天）" value={r.partial.length.toLocaleString('en-US')} tone={r.partial.length ? 'warn' : 'good'} />
    </div>
  );
}

function Summary({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'warn' | 'bad' }) {
  return (
    <div className={`summary-item${tone ? ` tone-${tone}` : ''}`}>
      <div className="summary-label">{label}</div>
      <div className="summary-value num">{value}</div>
    </div>
  );
}
