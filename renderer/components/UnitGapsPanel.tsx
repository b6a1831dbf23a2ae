// One unit's gaps over the period: the days it did not report (as ranges) and, for each day it
// reported only in part, which indicators are missing.
import type { CompletenessResult, UnitReportingRate } from '../../shared/api/slice';
import { dayRanges, gapsOfUnit, missingText } from '../logic/completeness';
import { EmptyState } from './feedback';

export function UnitGapsPanel({ result, unit }: { result: CompletenessResult; unit: UnitReportingRate | null }) {
  if (!unit) {
    return <EmptyState title="未选择单位" hint="点击左侧表格或报送矩阵中的单位，查看该单位的缺报日期和缺报指标。" />;
  }
  const gaps = gapsOfUnit(result, unit.region_code);
  const ranges = dayRanges(gaps.missing);
  return (
    <div className="unit-gaps" data-testid="unit-gaps" data-code={unit.region_code}>
      <div className="unit-gaps-title">
        <strong>{unit.region_name}</strong>
        <span className="muted">
          {unit.city_name} · 代码 {unit.region_code} · 报送率 {(unit.rate * 100).toFixed(1)}%
        </span>
      </div>
      {gaps.missing.length === 0 && gaps.partial.length === 0 ? (
        <p className="muted">所选时段内每天都已足项报送（{result.indicators} 项指标）。</p>
      ) : null}
      {gaps.missing.length > 0 && (
        <section>
          <h4>
            缺报 <span className="tone-bad-text">{gaps.missing.length}</span> 天
          </h4>
          <ul className="day-chips" data-testid="unit-missing-days">
            {ranges.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {gaps.partial.length > 0 && (
        <section>
          <h4>
            部分报送 <span className="tone-warn-text">{gaps.partial.length}</span> 天
          </h4>
          <table className="data-table" data-testid="unit-partial-days">
            <thead>
              <tr>
                <th>日期</th>
                <th className="num">缺报项数</th>
                <th>缺报指标</th>
              </tr>
            </thead>
            <tbody>
              {gaps.partial.map((g) => (
                <tr key={g.day}>
                  <td className="nowrap">{g.day}</td>
                  <td className="num">{g.expected - g.reported}</td>
                  <td className="wrap">{missingText(g)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
