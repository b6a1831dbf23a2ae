// 数据完整性: the unit × day matrix, each city's 报送率, each unit's record (sortable; a click shows
// its gaps), the 催报清单 to send to the cities, and the anomalies the city dossier lists.
import { useMemo, useState } from 'react';
import type { ReportFormat } from '../../shared/api/report';
import { AnomalyPanel } from '../components/AnomalyPanel';
import { CompletenessMatrix } from '../components/CompletenessMatrix';
import { ErrorBanner, LoadingBar, Skeleton, Spinner, errorMessage } from '../components/feedback';
import { UnitGapsPanel } from '../components/UnitGapsPanel';
import { UnitRateTable } from '../components/UnitRateTable';
import { useApiContext } from '../data/api-context';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { completenessMatrix } from '../logic/completeness';
import { downloadFile } from '../logic/csv';
import { sliceFilterOf } from '../state/filter';
import { useWorkstation } from '../state/workstation-context';

export function CompletenessView() {
  const { state, dispatch } = useWorkstation();
  const { filter } = state;
  const input = sliceFilterOf(filter);
  const result = useOperation('completeness', input);
  const anomalies = useOperation('anomalies', input);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  useReady((result.current || result.error !== null) && (anomalies.current || anomalies.error !== null));
  const r = result.data;
  const matrix = useMemo(() => (r ? completenessMatrix(r, onlyGaps) : null), [r, onlyGaps]);
  const unitRows = useMemo(() => (r ? (onlyGaps ? r.unit_rates.filter((u) => u.missing_days + u.partial_days > 0) : r.unit_rates) : []), [r, onlyGaps]);
  const selectedUnit = r?.unit_rates.find((u) => u.region_code === selected) ?? null;

  const totalExpected = r?.cities.reduce((s, c) => s + c.expected_pairs, 0) ?? 0;
  const totalReported = r?.cities.reduce((s, c) => s + c.reported_pairs, 0) ?? 0;
  const multiCity = (r?.cities.length ?? 0) > 1;
  return (
    <div className="view completeness-view" data-testid="completeness-view">
      <LoadingBar active={result.loading || anomalies.loading} />
      <div className="view-toolbar">
        <h2>数据完整性</h2>
        <span className="muted">
          {filter.from} 至 {filter.to} · 所选指标每天每个报送单位都应报送
        </span>
        <label className="inline-field">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} /> 只看有缺报的单位
        </label>
        <ReminderExport />
      </div>
      {result.error && <ErrorBanner error={result.error} />}
      {!r && !result.error ? (
        <Skeleton lines={6} />
      ) : r && matrix ? (
        <>
          <div className="summary-strip">
            <Summary label="报送单位" value={r.units.toLocaleString('en-US')} />
            <Summary label="天数" value={String(r.days)} />
            <Summary label="指标" value={String(r.indicators)} />
            <Summary label="整体报送率" value={totalExpected ? `${((totalReported / totalExpected) * 100).toFixed(1)}%` : '—'} />
            <Summary label="缺报（单位·天）" value={r.missing.length.toLocaleString('en-US')} tone={r.missing.length ? 'bad' : 'good'} />
            <Summary label="部分报送（单位·天）" value={r.partial.length.toLocaleString('en-US')} tone={r.partial.length ? 'warn' : 'good'} />
          </div>
          <div className={`completeness-top${multiCity ? ' with-cities' : ''}`}>
            <section className="panel matrix-panel">
              <header className="panel-header">
                <h3>
                  报送矩阵（{matrix.units.length} 个单位 × {matrix.days.length} 天）
                </h3>
              </header>
              {matrix.units.length === 0 ? (
                <p className="pad muted">{onlyGaps ? '所选范围内没有缺报的单位。' : '所选范围内没有报送单位。'}</p>
              ) : (
                <CompletenessMatrix matrix={matrix} selected={selected} onSelect={setSelected} />
              )}
            </section>
            {multiCity && (
              <section className="panel rate-panel">
                <header className="panel-header">
                  <h3>各市报送率</h3>
                </header>
                <table className="data-table" data-testid="city-rates">
                  <thead>
                    <tr>
                      <th>市</th>
                      <th className="num">单位</th>
                      <th className="num">缺报</th>
                      <th className="num">部分</th>
                      <th>报送率</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.cities.map((c) => (
                      <tr key={c.city_code}>
                        <td>
                          <button type="button" className="link" onClick={() => dispatch({ type: 'filter', action: { type: 'drill', code: c.city_code } })}>
                            {c.city_name}
                          </button>
                        </td>
                        <td className="num">{c.units}</td>
                        <td className={`num${c.missing_pairs > 0 ? ' tone-bad-text' : ''}`}>{c.missing_pairs.toLocaleString('en-US')}</td>
                        <td className={`num${c.partial_pairs > 0 ? ' tone-warn-text' : ''}`}>{c.partial_pairs.toLocaleString('en-US')}</td>
                        <td>
                          <div className="rate-bar">
                            <div className={`rate-fill${c.rate < 0.9 ? ' low' : ''}`} style={{ width: `${(c.rate * 100).toFixed(1)}%` }} />
                            <span className="num">{(c.rate * 100).toFixed(1)}%</span>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </div>
          <div className="completeness-units">
            <section className="panel">
              <header className="panel-header">
                <h3>各单位报送情况</h3>
                <span className="muted small">点击表头排序，点击单位查看缺报明细</span>
              </header>
              <UnitRateTable rows={unitRows} selected={selected} onSelect={setSelected} />
            </section>
            <section className="panel gaps-panel">
              <header className="panel-header">
                <h3>单位缺报明细</h3>
              </header>
              <UnitGapsPanel result={r} unit={selectedUnit} />
            </section>
          </div>
          <section className="panel">
            <header className="panel-header">
              <h3>异常数据</h3>
              <span className="muted small">明显偏离本单位历史水平的数据，请核实</span>
            </header>
            {anomalies.error ? <ErrorBanner error={anomalies.error} /> : anomalies.data ? <AnomalyPanel result={anomalies.data} /> : <Skeleton lines={3} />}
          </section>
        </>
      ) : null}
    </div>
  );
}

/** 催报清单 for the current filter, as Excel or CSV, written by the core (as `campaign completeness --format csv`). */
function ReminderExport() {
  const { api } = useApiContext();
  const { state } = useWorkstation();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const f = state.filter;
  const run = async (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const file = await api.call('report', {
        type: 'reminders',
        format,
        ...sliceFilterOf(f),
      });
      downloadFile(file.fileName, file.bytes as BlobPart, file.mime);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="reminder-export push-right">
      <span className="muted">催报清单</span>
      {(['xlsx', 'csv'] as const).map((fmt) => (
        <button key={fmt} type="button" className="btn btn-small" disabled={busy !== null} data-testid={`reminders-${fmt}`} onClick={() => void run(fmt)}>
          {busy === fmt ? <Spinner label="正在生成…" /> : fmt === 'xlsx' ? '导出 Excel' : '导出 CSV'}
        </button>
      ))}
      {error && <span className="status-error">导出失败：{error}</span>}
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
