// 报送状态: for the filter bar's period, each reporting unit's state per day (未报 / 待审核 / 已退回 /
// 已采用) as the provincial server knows it, with a legend and totals (报送率). An analyst chooses a
// city or sees the province summarised per city (a click opens the city); a city or inspector
// account sees its own city.
import { useMemo, useState } from 'react';
import { FILING_STATES, type FilingState, type FilingStatusJson } from '../../shared/api/central';
import { useReady } from '../data/render-tracker';
import { useOperation } from '../data/use-operation';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../components/feedback';
import { NotConnected } from '../components/server/NotConnected';
import { useServer } from '../components/server/server-context';
import { byCity, countCells, FILING_COLOURS, filingRate, percentText } from '../logic/submissions';
import { useWorkstation } from '../state/workstation-context';

const PROVINCE = '';

export function FilingBoardView() {
  const { status } = useServer();
  if (!status?.connected) {
    return (
      <div className="view filing-view" data-testid="filing-view">
        <h2>报送状态</h2>
        <NotConnected what="查看各单位每天的报送状态（未报、待审核、已退回、已采用）" />
      </div>
    );
  }
  const user = status.user;
  return <Board analyst={user?.role === 'analyst'} ownCity={user?.region ?? null} />;
}

function Board({ analyst, ownCity }: { analyst: boolean; ownCity: string | null }) {
  const { catalogue, state } = useWorkstation();
  const { from, to } = state.filter;
  const cities = useMemo(() => catalogue.regions.filter((r) => r.level === 'city'), [catalogue]);
  const [chosen, setChosen] = useState<string>(PROVINCE);
  const city = analyst ? chosen : (ownCity ?? PROVINCE);
  const board = useOperation('filingStatus', city ? { from, to, city } : { from, to });
  useReady(board.current || board.error !== null);
  const data = board.data;
  const totals = useMemo(() => (data ? countCells(data) : null), [data]);

  return (
    <div className="view filing-view" data-testid="filing-view" data-city={city || '全省'}>
      <div className="view-toolbar">
        <h2>报送状态 · {city || '全省'}</h2>
        <span className="muted">{from === to ? from : `${from} 至 ${to}`}（在上方筛选栏选择行动阶段或日期）</span>
        {analyst && (
          <label className="filing-city">
            范围
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="filing-city">
              <option value={PROVINCE}>全省（按市汇总）</option>
              {cities.map((c) => (
                <option key={c.code} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {board.loading && <Spinner label="正在读取报送状态…" />}
      </div>
      {board.error && <ErrorBanner error={board.error} />}
      {data && totals && (
        <div className="panel filing-panel">
          <LoadingBar active={board.loading} />
          <Legend totals={totals} units={data.units.length} days={data.days.length} />
          {data.units.length === 0 ? (
            <EmptyState title="没有报送单位" />
          ) : city ? (
            <UnitMatrix board={data} />
          ) : (
            <CitySummary board={data} onOpen={(name) => setChosen(name)} />
          )}
        </div>
      )}
    </div>
  );
}

function Legend({ totals, units, days }: { totals: Record<FilingState, number>; units: number; days: number }) {
  return (
    <div className="filing-legend" data-testid="filing-legend">
      {FILING_STATES.map((s) => (
        <span key={s} className="cm-legend-item" data-state={s}>
          <span className="cm-swatch" style={{ background: FILING_COLOURS[s] }} />
          {s}{' '}
          <strong className="num" data-testid={`filing-total-${s}`}>
            {totals[s].toLocaleString('en-US')}
          </strong>
        </span>
      ))}
      <span className="filing-rate">
        报送率{' '}
        <strong className="num" data-testid="filing-rate">
          {percentText(filingRate(totals))}
        </strong>
      </span>
      <span className="muted small">
        {units} 个单位 × {days} 天；报送率 = （待审核 + 已采用）÷ 应报单位天数
      </span>
    </div>
  );
}

function CitySummary({ board, onOpen }: { board: FilingStatusJson; onOpen: (city: string) => void }) {
  const rows = useMemo(() => byCity(board), [board]);
  return (
    <div className="filing-scroll">
      <table className="data-table filing-cities" data-testid="filing-cities">
        <thead>
          <tr>
            <th>市</th>
            <th className="num">单位</th>
            {FILING_STATES.map((s) => (
              <th key={s} className="num">
                {s}
              </th>
            ))}
            <th className="num">报送率</th>
            <th className="filing-bar-head">单位天数构成</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.city}
              className="clickable"
              onClick={() => onOpen(r.city)}
              data-city={r.city}
              title={`查看${r.city}各单位每天的报送状态`}
            >
              <td className="nowrap">{r.city}</td>
              <td className="num">{r.units}</td>
              {FILING_STATES.map((s) => (
                <td key={s} className="num" data-state={s}>
                  {r.totals[s].toLocaleString('en-US')}
                </td>
              ))}
              <td className="num" data-testid="city-rate">
                {percentText(r.rate)}
              </td>
              <td className="filing-bar-cell">
                <div className="filing-bar">
                  {FILING_STATES.map((s) =>
                    r.totals[s] > 0 ? (
                      <span
                        key={s}
                        style={{ width: `${(r.totals[s] / r.cells) * 100}%`, background: FILING_COLOURS[s] }}
                        title={`${s} ${r.totals[s]}`}
                      />
                    ) : null,
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnitMatrix({ board }: { board: FilingStatusJson }) {
  // Cells as wide as the period allows: a week reads at a glance, a whole campaign still fits.
  const dense = board.days.length > 62;
  const wide = board.days.length <= 31;
  return (
    <div className="filing-scroll">
      <table className={`filing-matrix${dense ? ' dense' : ''}${wide ? ' wide' : ''}`} data-testid="filing-matrix">
        <thead>
          <tr>
            <th className="fm-unit">单位</th>
            {board.days.map((d, i) => {
              const day = d.slice(8);
              const monthStart = i === 0 || day === '01';
              return (
                <th key={d} className={monthStart ? 'fm-day month-start' : 'fm-day'} title={d}>
                  {monthStart ? <span className="fm-month">{Number(d.slice(5, 7))}月</span> : null}
                  {dense && !monthStart && Number(day) % 5 !== 0 ? '' : Number(day)}
                </th>
              );
            })}
            <th className="fm-sum">已采用</th>
            <th className="fm-sum">报送率</th>
          </tr>
        </thead>
        <tbody>
          {board.units.map((u) => {
            const t = { 未报: 0, 待审核: 0, 已退回: 0, 已采用: 0 } satisfies Record<FilingState, number>;
            for (const s of u.states) t[s] += 1;
            return (
              <tr key={u.code} data-unit={u.name}>
                <th className="fm-unit" title={`${u.city} ${u.name}`}>
                  {u.name}
                </th>
                {u.states.map((s, i) => (
                  <td
                    key={board.days[i]}
                    className="fm-cell"
                    data-state={s}
                    style={{ background: FILING_COLOURS[s] }}
                    title={`${u.name} ${board.days[i]}：${s}`}
                  />
                ))}
                <td className="fm-sum num">{t['已采用']}</td>
                <td className="fm-sum num">{percentText(filingRate(t))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
