// 整改台账 at a glance: findings by city (问题数, 待整改, 整改中, 已销号, 逾期; a click on a city filters
// the list) and by category.
import type { CitySummaryRow, FindingCounts } from '../../logic/inspection';
import type { FindingCategory } from '../../../shared/api/inspection';

interface Props {
  cities: CitySummaryRow[];
  categories: { category: FindingCategory; counts: FindingCounts }[];
  total: FindingCounts;
  selectedCity: string | null;
  onCity(code: string | null): void;
}

function Cells({ c }: { c: FindingCounts }) {
  return (
    <>
      <td className="num">{c.total}</td>
      <td className="num">{c.待整改}</td>
      <td className="num">{c.整改中}</td>
      <td className="num">{c.已销号}</td>
      <td className={c.overdue > 0 ? 'num insp-overdue-text' : 'num'}>{c.overdue}</td>
    </>
  );
}

const HEAD = ['问题数', '待整改', '整改中', '已销号', '逾期'];

export function FindingsSummary({ cities, categories, total, selectedCity, onCity }: Props) {
  return (
    <div className="insp-summary">
      <table className="insp-table insp-summary-table" data-testid="findings-by-city">
        <thead>
          <tr>
            <th>地市</th>
            {HEAD.map((h) => (
              <th key={h} className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cities.map((r) => (
            <tr
              key={r.cityCode}
              className={`insp-clickable${selectedCity === r.cityCode ? ' selected' : ''}`}
              data-city={r.cityName}
              onClick={() => onCity(selectedCity === r.cityCode ? null : r.cityCode)}
              title={selectedCity === r.cityCode ? '再次点击取消筛选' : `只看${r.cityName}的督导发现`}
            >
              <td>{r.cityName}</td>
              <Cells c={r} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>合计</td>
            <Cells c={total} />
          </tr>
        </tfoot>
      </table>
      <table className="insp-table insp-summary-table" data-testid="findings-by-category">
        <thead>
          <tr>
            <th>问题类别</th>
            {HEAD.map((h) => (
              <th key={h} className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map(({ category, counts }) => (
            <tr key={category}>
              <td>{category}</td>
              <Cells c={counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
