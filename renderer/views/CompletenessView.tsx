// 数据完整性: the unit × day matrix, each city's 报送率, each unit's record (sortable; a click shows
// its gaps), the 催报清单 to send to the cities, and the anomalies the city dossier lists.
// The view's own parts are in views/completeness/.
import { useMemo, useState } from 'react';
import { AnomalyPanel } from '../components/AnomalyPanel';
import { CompletenessMatrix } from '../components/CompletenessMatrix';
import { ErrorBanner, LoadingBar, Skeleton } from '../components/feedback';
import { UnitGapsPanel } from '../components/UnitGapsPanel';
import { UnitRateTable } from '../components/UnitRateTable';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { completenessMatrix } from '../logic/completeness';
import { sliceFilterOf } from '../state/filter';
import { useWorkstation } from '../state/workstation-context';
import { CityRatesPanel } from './completeness/CityRatesPanel';
import { CompletenessSummary } from './completeness/CompletenessSummary';
import { ReminderExport } from './completeness/ReminderExport';

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
  const unitRows = useMemo(
    () => (r ? (onlyGaps ? r.unit_rates.filter((u) => u.missing_days + u.partial_days > 0) : r.unit_rates) : []),
    [r, onlyGaps],
  );
  const selectedUnit = r?.unit_rates.find((u) => u.region_code === selected) ?? null;
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
          <CompletenessSummary result={r} />
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
            {multiCity && <CityRatesPanel cities={r.cities} dispatch={dispatch} />}
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
            {anomalies.error ? (
              <ErrorBanner error={anomalies.error} />
            ) : anomalies.data ? (
              <AnomalyPanel result={anomalies.data} />
            ) : (
              <Skeleton lines={3} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
