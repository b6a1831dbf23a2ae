// 催报清单: every (unit, day) of the filter's period that was not reported, or reported with some
// indicators missing (and which), ready to send to the cities. The one builder behind the
// 数据完整性 view's export and `campaign completeness --format csv`, so the two list the same rows.
import type { CompletenessGap, CompletenessResult } from '../../shared/api/slice';
import { runCompleteness } from '../query/completeness';
import { dateRangeText, provenanceOf, type ReportContext } from './context';
import { cell, type Column, type ReportDocument, type ReportTable } from './model';

export const REMINDER_COLUMNS: Column[] = [
  { header: '市', kind: 'text' },
  { header: '单位', kind: 'text' },
  { header: '单位代码', kind: 'text' },
  { header: '日期', kind: 'text' },
  { header: '情况', kind: 'text' },
  { header: '缺报指标数', kind: 'rank' },
  { header: '缺报指标', kind: 'text' },
];

export const GAP_MISSING = '缺报';
export const GAP_PARTIAL = '部分报送';

/** 综合：出动民警辅警、盘查人员；禁毒：出动警力 — the missing indicators by department. */
export function missingIndicatorsText(gap: CompletenessGap): string {
  if (gap.reported === 0) return `全部（${gap.expected}项）`;
  const byDept = new Map<string, string[]>();
  for (const key of gap.missing_indicators ?? []) {
    const at = key.indexOf('/');
    const dept = at < 0 ? '' : key.slice(0, at);
    const list = byDept.get(dept) ?? [];
    list.push(key.slice(at + 1));
    byDept.set(dept, list);
  }
  return [...byDept].map(([dept, names]) => `${dept ? `${dept}：` : ''}${names.join('、')}`).join('；');
}

/** Every gap, unit by unit in the result's order (each city's counties, then its 市本级), then by day. */
export function orderedGaps(result: CompletenessResult): CompletenessGap[] {
  const position = new Map(result.unit_rates.map((u, i) => [u.region_code, i]));
  return [...result.missing, ...result.partial].sort(
    (a, b) => (position.get(a.region_code) ?? 0) - (position.get(b.region_code) ?? 0) || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0),
  );
}

/** The 催报清单 as a table: one row per gap. */
export function reminderTable(result: CompletenessResult, title: string): ReportTable {
  return {
    title,
    sheetName: '催报清单',
    columns: REMINDER_COLUMNS,
    rows: orderedGaps(result).map((g) => [
      cell(g.city_name),
      cell(g.region_name),
      cell(g.region_code),
      cell(g.day),
      cell(g.reported === 0 ? GAP_MISSING : GAP_PARTIAL),
      cell(g.expected - g.reported),
      cell(missingIndicatorsText(g)),
    ]),
    keyColumns: 4,
  };
}

export function buildReminders(ctx: ReportContext): ReportDocument {
  const result = runCompleteness(ctx.ws.db, ctx.ws.resolver, ctx.sliceFilter);
  const scope =
    ctx.filter.regions.length > 0 && !ctx.filter.regions.some((r) => r.level === 'province')
      ? ctx.filter.regions.map((r) => ctx.ws.resolver.fullRegionName(r)).join('、')
      : '全省';
  const period = dateRangeText(result.period.from, result.period.to);
  const title = `${scope}催报清单`;
  const units = new Set([...result.missing, ...result.partial].map((g) => g.region_code)).size;
  const summary =
    result.missing.length + result.partial.length === 0
      ? `${period}，${result.units}个报送单位所选${result.indicators}项指标均已足项报送，无需催报。`
      : `${period}，${result.units}个报送单位应报${(result.units * result.days).toLocaleString('en-US')}个单位日（每个单位日${result.indicators}项指标），` +
        `其中${units}个单位缺报${result.missing.length}个单位日、部分报送${result.partial.length}个单位日，明细如下，请督促补报。`;
  // The comparison does not apply to a list of gaps: left out of the 说明.
  const provenance = provenanceOf(ctx, '催报清单');
  provenance.filters = provenance.filters.filter(([label]) => label !== '对比');
  return {
    title,
    fileStem: `${title}（${result.period.from}至${result.period.to}）`,
    blocks: [
      { kind: 'title', text: title },
      { kind: 'subtitle', text: `（${period}）` },
      { kind: 'paragraph', text: summary },
      { kind: 'table', table: reminderTable(result, `${title}（${period}）`) },
    ],
    provenance,
  };
}
