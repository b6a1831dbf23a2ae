// 异常数据: unit-days far outside that unit's own history (the city dossier's median/MAD list),
// one city at a time or all together; sortable, with an empty state that says what was checked.
import { useMemo, useState } from 'react';
import type { AnomaliesResult } from '../../shared/api/anomalies';
import { formatGridNumber } from '../../shared/format';
import { sortAnomalies, type AnomalySortKey, type SortDir } from '../logic/completeness';
import { EmptyState } from './feedback';
import { SortHeader } from './SortHeader';

const ALL = '';

export function AnomalyPanel({ result }: { result: AnomaliesResult }) {
  const [city, setCity] = useState<string>(ALL);
  const [sort, setSort] = useState<{ key: AnomalySortKey; dir: SortDir }>({ key: 'score', dir: 'desc' });
  const shown = result.cities.find((c) => c.city_code === city) ? city : ALL;
  const rows = useMemo(() => {
    const list =
      shown === ALL ? result.cities.flatMap((c) => c.anomalies) : (result.cities.find((c) => c.city_code === shown)?.anomalies ?? []);
    return sortAnomalies(list, sort);
  }, [result, shown, sort]);
  const onSort = (key: AnomalySortKey) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'score' || key === 'value' ? 'desc' : 'asc' },
    );
  const head = { sort, onSort };
  const multiCity = result.cities.length > 1;
  return (
    <div className="anomaly-panel" data-testid="anomalies">
      {multiCity && (
        <div className="city-chips" role="tablist" aria-label="按市查看">
          <button
            type="button"
            role="tab"
            aria-selected={shown === ALL}
            className={shown === ALL ? 'active' : ''}
            onClick={() => setCity(ALL)}
          >
            全部 <span className="chip-count">{result.total}</span>
          </button>
          {result.cities.map((c) => (
            <button
              type="button"
              role="tab"
              key={c.city_code}
              aria-selected={shown === c.city_code}
              className={`${shown === c.city_code ? 'active' : ''}${c.anomalies.length === 0 ? ' none' : ''}`}
              data-city={c.city_code}
              onClick={() => setCity(c.city_code)}
            >
              {c.city_name} <span className="chip-count">{c.anomalies.length}</span>
            </button>
          ))}
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyState
          title="未发现异常数据"
          hint={`所选时段内${shown === ALL ? '' : (result.cities.find((c) => c.city_code === shown)?.city_name ?? '')}没有偏离本单位历史水平超过 ${result.threshold} 倍稳健标准差的数据。`}
        />
      ) : (
        <div className="unit-table-scroll">
          <table className="data-table" data-testid="anomaly-table">
            <thead>
              <tr>
                <SortHeader column="unit" {...head}>
                  单位
                </SortHeader>
                <SortHeader column="day" {...head}>
                  日期
                </SortHeader>
                <SortHeader column="indicator" {...head}>
                  指标
                </SortHeader>
                <SortHeader column="value" numeric {...head}>
                  数值
                </SortHeader>
                <th>计量单位</th>
                <th className="num">预期范围</th>
                <SortHeader column="score" numeric {...head}>
                  偏离倍数
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={`${a.region_code}|${a.day}|${a.indicator_key}`}>
                  <td>
                    {a.region_name}
                    {multiCity && <span className="muted">（{a.city_name}）</span>}
                  </td>
                  <td className="nowrap">{a.day}</td>
                  <td>
                    <span className="muted">{a.department}／</span>
                    {a.indicator}
                  </td>
                  <td className="num">{formatGridNumber(a.value, a.unit)}</td>
                  <td>{a.unit}</td>
                  <td className="num nowrap">
                    {formatGridNumber(a.expected_low, a.unit)} – {formatGridNumber(a.expected_high, a.unit)}
                  </td>
                  <td className="num">{a.score.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="panel-footnote">
        参照各单位 {result.window.from} 至 {result.window.to}{' '}
        间其他各日的数据（扣除全省当日整体水平后取中位数和中位数绝对偏差），预期范围为中位数 ± {result.threshold}{' '}
        倍稳健标准差；与城市督导报告“异常数据”一节相同。
      </div>
    </div>
  );
}
