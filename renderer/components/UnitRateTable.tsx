// 各单位报送情况: each reporting unit's 应报 / 已报 unit-days, 报送率, 缺报 and 部分报送 days and
// last reported day; sortable by any column; a click on a row shows that unit's gaps.
import { useMemo, useState } from 'react';
import type { UnitReportingRate } from '../../shared/api/slice';
import { nextSort, sortUnits, type UnitSort, type UnitSortKey } from '../logic/completeness';
import { SortHeader } from './SortHeader';

interface Props {
  rows: UnitReportingRate[];
  selected: string | null;
  onSelect: (code: string) => void;
}

export function UnitRateTable({ rows, selected, onSelect }: Props) {
  const [sort, setSort] = useState<UnitSort>({ key: 'unit', dir: 'asc' });
  const sorted = useMemo(() => sortUnits(rows, sort), [rows, sort]);
  const onSort = (key: UnitSortKey) => setSort((s) => nextSort(s, key));
  const head = { sort, onSort };
  return (
    <div className="unit-table-scroll">
      <table className="data-table unit-table" data-testid="unit-rates">
        <thead>
          <tr>
            <th>市</th>
            <SortHeader column="unit" {...head}>
              单位
            </SortHeader>
            <SortHeader column="expected_days" numeric {...head}>
              应报（天）
            </SortHeader>
            <SortHeader column="reported_days" numeric {...head}>
              已报（天）
            </SortHeader>
            <SortHeader column="rate" {...head}>
              报送率
            </SortHeader>
            <SortHeader column="missing_days" numeric {...head}>
              缺报天数
            </SortHeader>
            <SortHeader column="partial_days" numeric {...head}>
              部分报送天数
            </SortHeader>
            <SortHeader column="last_reported_day" {...head}>
              最后报送日期
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((u) => (
            <tr
              key={u.region_code}
              data-code={u.region_code}
              className={`clickable${u.region_code === selected ? ' selected' : ''}`}
              onClick={() => onSelect(u.region_code)}
            >
              <td className="muted">{u.city_name}</td>
              <td>
                <button type="button" className="link" onClick={(e) => (e.stopPropagation(), onSelect(u.region_code))}>
                  {u.region_name}
                </button>
              </td>
              <td className="num">{u.expected_days}</td>
              <td className="num">{u.reported_days}</td>
              <td>
                <div className="rate-bar">
                  <div className={`rate-fill${u.rate < 0.9 ? ' low' : ''}`} style={{ width: `${(u.rate * 100).toFixed(1)}%` }} />
                  <span className="num">{(u.rate * 100).toFixed(1)}%</span>
                </div>
              </td>
              <td className={`num${u.missing_days > 0 ? ' tone-bad-text' : ''}`}>{u.missing_days}</td>
              <td className={`num${u.partial_days > 0 ? ' tone-warn-text' : ''}`}>{u.partial_days}</td>
              <td className="num">{u.last_reported_day ?? '从未报送'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
