// 数据表: the slice the grid shows (the request's filter, grouping and comparison) as one table.
import type { SliceRow } from '../../shared/api/slice';
import { dateRangeText, provenanceOf, type ReportContext } from './context';
import { cell, type Cell, type Column, type ReportDocument, type ReportTable } from './model';

const KEY_FIELDS: { field: keyof SliceRow; header: string }[] = [
  { field: 'region_code', header: '地区代码' },
  { field: 'region_name', header: '地区' },
  { field: 'city_name', header: '所属市' },
  { field: 'department', header: '部门' },
  { field: 'indicator', header: '指标' },
  { field: 'unit', header: '单位' },
  { field: 'day', header: '日期' },
  { field: 'week', header: '周' },
  { field: 'month', header: '月' },
  { field: 'phase', header: '阶段' },
];

export function buildDataTable(ctx: ReportContext): ReportDocument {
  // The data table compares only when asked ('none' and absent both mean no comparison).
  const compare = ctx.request.compare === 'none' ? undefined : ctx.request.compare;
  const result = ctx.slice({ by: ctx.request.by, ...(compare ? { compare } : {}) });
  const keys = KEY_FIELDS.filter((k) => k.field === 'unit' || result.rows.some((r) => r[k.field] !== undefined));
  const unitOf = (r: { unit?: string | null }) => r.unit ?? undefined;
  const columns: Column[] = [
    ...keys.map((k): Column => ({ header: k.header, kind: 'text' })),
    { header: '数值', kind: 'number' },
    ...(compare
      ? ([
          { header: compare === 'yoy' ? '上年同期' : '上一时段', kind: 'number' },
          { header: '增减', kind: 'number' },
          { header: compare === 'yoy' ? '同比%' : '环比%', kind: 'percent' },
        ] as Column[])
      : []),
  ];
  const valueCells = (
    v: { value: number | null; base?: number | null; change?: number | null; change_pct?: number | null },
    unit: string | undefined,
  ): Cell[] => {
    const u = unit !== undefined ? { unit } : {};
    return [
      cell(v.value, u),
      ...(compare
        ? [cell(v.base ?? null, u), cell(v.change ?? null, u), cell(v.change_pct == null ? null : Math.round(v.change_pct * 10) / 10)]
        : []),
    ];
  };
  const rows: Cell[][] = result.rows.map((r) => [
    ...keys.map((k) => cell((r[k.field] as string | undefined) ?? null)),
    ...valueCells(r, unitOf(r)),
  ]);
  const total = result.total;
  const totals: Cell[] | undefined =
    total.unit !== null
      ? [...keys.map((k, i) => cell(i === 0 ? '合计' : k.field === 'unit' ? total.unit : null)), ...valueCells(total, total.unit)]
      : undefined;
  const period = dateRangeText(result.period.from, result.period.to);
  const title = `数据表（${period}）`;
  const table: ReportTable = {
    title,
    sheetName: '数据',
    columns,
    rows,
    ...(totals ? { totals } : {}),
    keyColumns: keys.length,
    ...(total.unit === null && result.rows.length > 1 ? { note: '注：各行单位不同，不能相加，未列合计。' } : {}),
  };
  return {
    title,
    fileStem: `数据表（${result.period.from}至${result.period.to}）`,
    blocks: [
      { kind: 'title', text: '数据表' },
      {
        kind: 'subtitle',
        text: `（${period}${result.period.base ? `；对比 ${dateRangeText(result.period.base.from, result.period.base.to)}` : ''}）`,
      },
      { kind: 'table', table },
    ],
    provenance: provenanceOf(ctx, '数据表'),
  };
}
