// The slice query: the one query operation the grid, charts, reports and CLI all use.
import * as z from 'zod';
import { parseIsoDay } from '../dates';

export const IsoDaySchema = z.string().refine((s) => parseIsoDay(s) !== null, { message: '日期须为 YYYY-MM-DD 格式的有效日期' });

export const GROUP_KEYS = [
  'region:province',
  'region:city',
  'region:county',
  'department',
  'indicator',
  'day',
  'week',
  'month',
  'phase',
] as const;
export const GroupKeySchema = z.enum(GROUP_KEYS);
export type GroupKey = z.infer<typeof GroupKeySchema>;

export const CompareSchema = z.enum(['yoy', 'prev']);
export type Compare = z.infer<typeof CompareSchema>;

export const SliceFilterSchema = z
  .object({
    from: IsoDaySchema.optional(),
    to: IsoDaySchema.optional(),
    /** A phase or a whole campaign, by name; instead of from/to. */
    phase: z.string().min(1).optional(),
    /** Codes or names at any level; a city includes its counties and its own units. */
    regions: z.array(z.string().min(1)).default([]),
    departments: z.array(z.string().min(1)).default([]),
    /** Names, aliases or 部门/指标. */
    indicators: z.array(z.string().min(1)).default([]),
  })
  .refine((q) => (q.phase !== undefined) !== (q.from !== undefined || q.to !== undefined), {
    message: '请给出日期范围（from 和 to）或行动阶段（phase），二者选一',
  })
  .refine((q) => q.phase !== undefined || (q.from !== undefined && q.to !== undefined), {
    message: '日期范围须同时给出起止日期',
  })
  .refine((q) => q.phase !== undefined || q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '起始日期晚于截止日期',
  });
export type SliceFilter = z.input<typeof SliceFilterSchema>;
/** A filter as validated where the call entered (defaults filled). */
export type ParsedSliceFilter = z.output<typeof SliceFilterSchema>;

export const SliceQuerySchema = SliceFilterSchema.and(
  z.object({
    by: z.array(GroupKeySchema).default([]),
    compare: CompareSchema.optional(),
  }),
);
export type SliceQuery = z.input<typeof SliceQuerySchema>;
export type ParsedSliceQuery = z.output<typeof SliceQuerySchema>;

export interface SliceValues {
  /** null: nothing was reported for this group in the period (absent, not 0). */
  value: number | null;
  base?: number | null;
  change?: number | null;
  /** Percent; null when the base is 0 or absent. */
  change_pct?: number | null;
}

export interface SliceRow extends SliceValues {
  region_code?: string;
  /** The region's name, or the part of it the filter selects: 太原市（小店区）, 山西省（吕梁市、小店区）. */
  region_name?: string;
  /**
   * Only on rows that hold part of their region: the selected regions inside the row, as the
   * region filter takes them (codes; 太原市本级 / 省厅直属 for own units).
   */
  region_scope?: string[];
  /** Rows at county level: the city the unit belongs to (none for 省厅直属). */
  city_code?: string;
  city_name?: string;
  department?: string;
  indicator?: string;
  unit?: string;
  day?: string;
  week?: string;
  month?: string;
  phase?: string;
}

export interface SliceTotal extends SliceValues {
  /** null when the rows have different units, which are never summed. */
  unit: string | null;
  /**
   * Only when the filter narrows the province: what the total holds (吕梁市, 太原市（小店区）,
   * 山西省（吕梁市、小店区）) and the selected regions, as on a row.
   */
  region_name?: string;
  region_scope?: string[];
}

export interface SliceResult {
  rows: SliceRow[];
  total: SliceTotal;
  period: { from: string; to: string; base?: { from: string; to: string } };
}

export const CompletenessQuerySchema = SliceFilterSchema;

export interface CompletenessGap {
  region_code: string;
  /** 小店区, 太原市本级; a short name two cities share is written with its city (阳泉市城区). */
  region_name: string;
  city_code: string;
  city_name: string;
  day: string;
  /** Indicators reported that day by that unit, out of `expected`; 0 means nothing at all. */
  reported: number;
  expected: number;
  /** Partial days only: the indicators (部门/指标 keys, catalogue order) that were not reported. */
  missing_indicators?: string[];
}

/** One reporting unit's record over the period (the per-unit table of 数据完整性). */
export interface UnitReportingRate {
  region_code: string;
  /** As in CompletenessGap. */
  region_name: string;
  city_code: string;
  city_name: string;
  /** Days in the period: the unit-days it owes. */
  expected_days: number;
  /** Days with every expected indicator reported. */
  reported_days: number;
  /** Days with nothing reported. */
  missing_days: number;
  /** Days with some, not all, indicators reported. */
  partial_days: number;
  /** reported_days / expected_days, 0..1. */
  rate: number;
  /** Last day of the period with anything reported; null when nothing was. */
  last_reported_day: string | null;
}

export interface CityReportingRate {
  city_code: string;
  city_name: string;
  units: number;
  expected_pairs: number;
  reported_pairs: number;
  /** (unit, day) pairs with nothing reported. */
  missing_pairs: number;
  /** (unit, day) pairs with some, not all, indicators reported. */
  partial_pairs: number;
  /** Share of (unit, day) pairs with every expected indicator reported, 0..1. */
  rate: number;
}

export interface CompletenessResult {
  period: { from: string; to: string };
  units: number;
  days: number;
  indicators: number;
  /** (unit, day) pairs with no report at all. */
  missing: CompletenessGap[];
  /** (unit, day) pairs with some indicators missing. */
  partial: CompletenessGap[];
  cities: CityReportingRate[];
  /** Every reporting unit in scope, each city's counties then its 市本级 (the engine's order). */
  unit_rates: UnitReportingRate[];
}
