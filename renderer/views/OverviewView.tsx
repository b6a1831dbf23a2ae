// 总览: a card per indicator — value, change against the comparison, a daily sparkline.
import { useMemo } from 'react';
import type { Indicator } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import { formatGridNumber as gridNumber } from '../../shared/format';
import { ChangeText } from '../components/ChangeText';
import { EMPTY_HINT, EmptyState, ErrorBanner, LoadingBar, Skeleton, useSlow } from '../components/feedback';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { compareLabel, overviewIndicators, sliceFilterOf } from '../state/filter';
import { useWorkstation } from '../state/workstation-context';
import { daysBetween, sparklinePath } from '../logic/sparkline';
import { indicatorKeyOf } from '../logic/pivot';

export function OverviewView() {
  const { catalogue, state, dispatch } = useWorkstation();
  const { filter } = state;
  const { indicators: chosenIndicators, departments: chosenDepartments } = filter;
  const indicators = useMemo(
    () => overviewIndicators(catalogue, { ...filter, indicators: chosenIndicators, departments: chosenDepartments }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogue, chosenIndicators, chosenDepartments],
  );
  const base = { ...sliceFilterOf(filter), indicators: indicators.map((i) => i.key) };
  const totals = useOperation('query', { ...base, by: ['indicator'], ...(filter.compare ? { compare: filter.compare } : {}) });
  const stale = useSlow(totals.loading);
  const daily = useOperation('query', { ...base, by: ['day', 'indicator'] });
  useReady((totals.current || totals.error !== null) && (daily.current || daily.error !== null));

  const days = useMemo(() => daysBetween(filter.from, filter.to), [filter.from, filter.to]);
  const series = useMemo(() => {
    const m = new Map<string, (number | null)[]>();
    if (!daily.data) return m;
    const index = new Map(days.map((d, i) => [d, i]));
    for (const r of daily.data.rows) {
      const k = indicatorKeyOf(r);
      let s = m.get(k);
      if (!s) {
        s = new Array<number | null>(days.length).fill(null);
        m.set(k, s);
      }
      const i = index.get(r.day ?? '');
      if (i !== undefined) s[i] = r.value;
    }
    return m;
  }, [daily.data, days]);
  const byKey = useMemo(() => new Map((totals.data?.rows ?? []).map((r) => [indicatorKeyOf(r), r])), [totals.data]);

  const error = totals.error ?? daily.error;
  const empty = totals.current && totals.data !== undefined && totals.data.rows.every((r) => r.value === null);
  return (
    <div className="view overview-view" data-testid="overview">
      <LoadingBar active={totals.loading || daily.loading} />
      <div className="view-header">
        <h2>总览</h2>
        <span className="muted">
          {indicators.length} 项指标 · {filter.from} 至 {filter.to}
          {filter.compare ? ` · ${compareLabel(filter.compare)}` : ''}
          {totals.data?.period.base ? `（基期 ${totals.data.period.base.from} 至 ${totals.data.period.base.to}）` : ''}
        </span>
        <span className="muted small push-right">点击卡片查看该指标的图表</span>
      </div>
      {error && <ErrorBanner error={error} />}
      {!totals.data && !error ? (
        <div className="card-grid">
          {indicators.slice(0, 12).map((i) => (
            <div key={i.key} className="stat-card">
              <Skeleton lines={3} />
            </div>
          ))}
        </div>
      ) : empty ? (
        <EmptyState hint={EMPTY_HINT} />
      ) : (
        <div className={`card-grid${stale ? ' is-stale' : ''}`}>
          {indicators.map((ind) => (
            <StatCard
              key={ind.key}
              indicator={ind}
              row={byKey.get(ind.key)}
              series={series.get(ind.key) ?? []}
              compareName={filter.compare ? compareLabel(filter.compare) : null}
              onOpen={() => {
                dispatch({ type: 'setOptions', options: { chartIndicator: ind.key } });
                dispatch({ type: 'setView', view: 'charts' });
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function StatCard({
  indicator,
  row,
  series,
  compareName,
  onOpen,
}: {
  indicator: Indicator;
  row: SliceRow | undefined;
  series: (number | null)[];
  compareName: string | null;
  onOpen: () => void;
}) {
  const value = row?.value ?? null;
  const path = sparklinePath(series, 200, 36);
  return (
    <button type="button" className="stat-card" onClick={onOpen} data-indicator={indicator.key}>
      <div className="stat-head">
        <span className="dept-tag">{indicator.department}</span>
        <span className="stat-name" title={indicator.name}>
          {indicator.name}
        </span>
      </div>
      <div className="stat-value">
        <span className="num">{gridNumber(value, indicator.unit)}</span>
        <span className="unit">{indicator.unit}</span>
      </div>
      <div className="stat-change">
        {compareName ? (
          <>
            <ChangeText pct={row?.change_pct ?? null} change={row?.change ?? null} prefix={compareName} />
            {row?.base !== undefined && row.base !== null && (
              <span className="muted small">基期 {gridNumber(row.base, indicator.unit)}</span>
            )}
          </>
        ) : (
          <span className="muted small">选择“同比”或“环比”查看增减</span>
        )}
      </div>
      <svg className="sparkline" viewBox="0 0 200 36" preserveAspectRatio="none" aria-label={`${indicator.name}每日走势`}>
        {path && <path d={path} />}
      </svg>
    </button>
  );
}
