// A table header cell that sorts its column when clicked (▲ ascending, ▼ descending).
import type { ReactNode } from 'react';

interface Props<K extends string> {
  column: K;
  sort: { key: K; dir: 'asc' | 'desc' };
  onSort: (key: K) => void;
  numeric?: boolean;
  children: ReactNode;
}

export function SortHeader<K extends string>({ column, sort, onSort, numeric, children }: Props<K>) {
  const active = sort.key === column;
  return (
    <th className={numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className={`sort-button${active ? ' active' : ''}`} data-sort={column} onClick={() => onSort(column)}>
        {children}
        <span className="sort-mark" aria-hidden>
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
