// 各市报送率: each city's units, unit-days missing and partly reported, and its rate; a click on a city drills to it.
import type { CompletenessResult } from '../../../shared/api/slice';
import type { ViewAction } from '../../state/view-state';

export function CityRatesPanel({ cities, dispatch }: { cities: CompletenessResult['cities']; dispatch: (action: ViewAction) => void }) {
  return (
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
          {cities.map((c) => (
            <tr key={c.city_code}>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => dispatch({ type: 'filter', action: { type: 'drill', code: c.city_code } })}
                >
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
  );
}
