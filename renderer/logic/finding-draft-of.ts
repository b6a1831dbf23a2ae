// What a right-clicked grid cell concerns, for 记一条督导发现: the row's unit (else the filter's one
// region), the cell's indicator (else the row's, else the filter's one indicator), the row's day
// (else the filter's dates).
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { FilterState } from '../../shared/api/views';
import type { FindingDraft } from '../state/finding-draft';
import type { RowsBy } from '../state/view-state';
import type { GridRow } from './pivot';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a right-clicked chart point concerns: its region (a bar or map area) else the filter's one
 * region, the chart's indicator, its day (a point of the daily line) else the filter's dates.
 */
export function chartPointDraft(
  catalogue: Catalogue,
  point: { code: string | null; day: string | null },
  indicatorKey: string,
  filter: FilterState,
): { draft: FindingDraft; label: string } {
  const byCode = new Map(catalogue.regions.map((r) => [r.code, r]));
  const code =
    point.code && byCode.get(point.code)?.level !== 'province' && byCode.has(point.code)
      ? point.code
      : filter.regions.length === 1
        ? filter.regions[0]!
        : '';
  const region = byCode.has(code) ? code : '';
  const day = point.day && DAY.test(point.day) ? point.day : null;
  const from = day ?? filter.from;
  const to = day ?? filter.to;
  const label = [byCode.get(region)?.name ?? '（未定单位）', indicatorKey || null, day ?? `${from} 至 ${to}`].filter(Boolean).join(' · ');
  return { draft: { region, indicator: indicatorKey, from, to }, label };
}

export function gridRowDraft(
  catalogue: Catalogue,
  row: GridRow,
  colId: string,
  rowsBy: RowsBy,
  filter: FilterState,
): { draft: FindingDraft; label: string } {
  const byCode = new Map(catalogue.regions.map((r) => [r.code, r]));
  let region = '';
  let regionName = '';
  if (row.regionCode && byCode.get(row.regionCode)?.level !== 'province') {
    const r = byCode.get(row.regionCode);
    // 市本级 rows carry their city's code; the unit is named (太原市本级), as the resolver takes it.
    region = r?.level === 'city' && row.label.endsWith('本级') ? row.label : row.regionCode;
    regionName = row.label;
  } else if (filter.regions.length === 1 && byCode.has(filter.regions[0]!)) {
    region = filter.regions[0]!;
    regionName = byCode.get(region)?.name ?? '';
  }

  const columnIndicator = /^[vbcp](\d+)$/.exec(colId);
  const indicatorId = row.indicatorId ?? (columnIndicator ? Number(columnIndicator[1]) : null);
  const fromColumn = indicatorId !== null ? catalogue.indicators.find((i) => i.id === indicatorId) : undefined;
  const indicator = fromColumn?.key ?? (filter.indicators.length === 1 ? filter.indicators[0]! : '');

  const day = row.day && DAY.test(row.day) ? row.day : rowsBy === 'day' && DAY.test(row.id) ? row.id : null;
  const from = day ?? filter.from;
  const to = day ?? filter.to;
  const label = [regionName || '（未定单位）', indicator || null, day ?? `${from} 至 ${to}`].filter(Boolean).join(' · ');
  return { draft: { region, indicator, from, to }, label };
}
