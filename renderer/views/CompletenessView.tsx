// 数据完整性: a unit × day matrix of reported / partial / missing, and each city's 报送率.
import { useMemo, useState } from 'react';
import type { EChartsOption } from 'echarts';
import { ChartPanel } from '../components/ChartPanel';
import { ErrorBanner, LoadingBar, Skeleton } from '../components/feedback';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { STATUS_MISSING, STATUS_PARTIAL, completenessMatrix, reportingUnits, type CompletenessMatrix } from '../logic/completeness';
import { FONT, MUTED, TEXT } from '../logic/theme';
import { sliceFilterOf } from '../state/filter';
import { useWorkstation } from '../state/workstation-context';

const STATUS_LABEL = ['已报送', '部分报送', '未报送'];

function matrixOption(m: CompletenessMatrix, gapsOf: (unit: number, day: number) => string): EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: TEXT },
    grid: { left: 8, right: 12, top: 56, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value?: [number, number, number] }).value;
        if (!v) return '';
        const u = m.units[v[1]];
        return `${u?.name ?? ''} · ${m.days[v[0]] ?? ''}<br/>${STATUS_LABEL[v[2]] ?? ''}${gapsOf(v[1], v[0])}`;
      },
    },
    xAxis: { type: 'category', position: 'top', data: m.days, axisLabel: { color: MUTED, fontSize: 10, formatter: (d: string) => d.slice(5) }, splitArea: { show: false }, axisTick: { show: false } },
    yAxis: { type: 'category', data: m.units.map((u) => u.name), inverse: true, axisLabel: { color: TEXT, fontSize: 10, interval: 0 }, axisTick: { show: false } },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      right: 8,
      top: 0,
      itemWidth: 12,
      itemHeight: 10,
      textStyle: { color: MUTED, fontSize: 11 },
      pieces: [
        { value: 0, label: '已报送', color: '#cfe8d5' },
        { value: STATUS_PARTIAL, label: '部分报送', color: '#f0b429' },
        { value: STATUS_MISSING, label: '未报送', color: '#d64545' },
      ],
      dimension: 2,
    },
    series: [{ type: 'heatmap', data: m.cells, itemStyle: { borderColor: '#fff', borderWidth: 0.5 }, progressive: 0 }],
  };
}

export function CompletenessView() {
  const { catalogue, state, dispatch } = useWorkstation();
  const { filter } = state;
  const result = useOperation('completeness', sliceFilterOf(filter));
  const [onlyGaps, setOnlyGaps] = useState(false);
  useReady(result.current || result.error !== null);
  const units = useMemo(() => reportingUnits(catalogue, filter.regions), [catalogue, filter.regions]);
  const matrix = useMemo(() => {
    if (!result.data) return null;
    const m = completenessMatrix(units, result.data);
    if (!onlyGaps) return m;
    const gapUnits = new Set(m.cells.filter((c) => c[2] !== 0).map((c) => c[1]));
    const kept = m.units.filter((_, i) => gapUnits.has(i));
    return completenessMatrix(kept, result.data);
  }, [units, result.data, onlyGaps]);
  const gapDetail = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of result.data?.partial ?? []) m.set(`${g.region_code}|${g.day}`, `：已报 ${g.reported}/${g.expected} 项`);
    return m;
  }, [result.data]);
  const option = useMemo(
    () => (matrix ? matrixOption(matrix, (u, d) => gapDetail.get(`${matrix.units[u]?.code}|${matrix.days[d]}`) ?? '') : null),
    [matrix, gapDetail],
  );
  const r = result.data;
  const totalExpected = r?.cities.reduce((s, c) => s + c.expected_pairs, 0) ?? 0;
  const totalReported = r?.cities.reduce((s, c) => s + c.reported_pairs, 0) ?? 0;
  const height = Math.max(160, (matrix?.units.length ?? 0) * 11 + 70);
  return (
    <div className="view completeness-view" data-testid="completeness-view">
      <LoadingBar active={result.loading} />
      <div className="view-toolbar">
        <h2>数据完整性</h2>
        <span className="muted">
          {filter.from} 至 {filter.to} · 所选指标每天每个报送单位都应报送
        </span>
        <label className="inline-field push-right">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} /> 只看有缺报的单位
        </label>
      </div>
      {result.error && <ErrorBanner error={result.error} />}
      {!r && !result.error ? (
        <Skeleton lines={6} />
      ) : r ? (
        <>
          <div className="summary-strip">
            <Summary label="报送单位" value={r.units.toLocaleString('en-US')} />
            <Summary label="天数" value={String(r.days)} />
            <Summary label="指标" value={String(r.indicators)} />
            <Summary label="整体报送率" value={totalExpected ? `${((totalReported / totalExpected) * 100).toFixed(1)}%` : '—'} />
            <Summary label="未报送（单位·天）" value={r.missing.length.toLocaleString('en-US')} tone={r.missing.length ? 'bad' : 'good'} />
            <Summary label="部分报送（单位·天）" value={r.partial.length.toLocaleString('en-US')} tone={r.partial.length ? 'warn' : 'good'} />
          </div>
          <div className="completeness-layout">
            <div className="matrix-scroll">
              <div style={{ height }}>
                <ChartPanel
                  name="completeness"
                  title={`报送矩阵（${matrix?.units.length ?? 0} 个单位 × ${matrix?.days.length ?? 0} 天）`}
                  option={option}
                  optionKey={result.dataKey === null ? null : `${result.dataKey}|${onlyGaps}`}
                  current={result.current}
                  loading={result.loading}
                  error={null}
                  empty={matrix !== null && matrix.units.length === 0}
                  className="fill"
                />
              </div>
            </div>
            <section className="panel rate-panel">
              <header className="panel-header">
                <h3>各市报送率</h3>
              </header>
              <table className="data-table" data-testid="city-rates">
                <thead>
                  <tr>
                    <th>市</th>
                    <th className="num">单位</th>
                    <th className="num">应报（单位·天）</th>
                    <th className="num">已报</th>
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
                      <td className="num">{c.expected_pairs.toLocaleString('en-US')}</td>
                      <td className="num">{c.reported_pairs.toLocaleString('en-US')}</td>
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
          </div>
        </>
      ) : null}
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
