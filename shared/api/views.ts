// Saved views: the workstation's filter and view, named and stored in the database.
import * as z from 'zod';
import { CompareSchema, GroupKeySchema, IsoDaySchema, type GroupKey } from './slice';

export const VIEW_KINDS = ['overview', 'grid', 'charts', 'completeness', 'import'] as const;

/** The workstation's one filter state: what the filter bar shows and every view queries. */
export const FilterStateSchema = z.object({
  from: IsoDaySchema,
  to: IsoDaySchema,
  /** The preset the dates came from (a phase or campaign name), for display; null when custom. */
  preset: z.string().nullable().default(null),
  regions: z.array(z.string()).default([]),
  departments: z.array(z.string()).default([]),
  indicators: z.array(z.string()).default([]),
  compare: CompareSchema.nullable().default(null),
});
export type FilterState = z.infer<typeof FilterStateSchema>;

/** The grid's county × day listing: one row per unit and day. */
export const COUNTY_DAY_ROWS = 'region:county+day';

/** How the grid lays out rows: one grouping key, or the county × day listing. */
export const RowsLayoutSchema = z.union([GroupKeySchema, z.literal(COUNTY_DAY_ROWS)]);
export type RowsLayout = z.infer<typeof RowsLayoutSchema>;

/** The slice query's grouping keys for the grid's rows (the grid adds 'indicator' for its columns). */
export function rowKeys(layout: RowsLayout): GroupKey[] {
  return layout === COUNTY_DAY_ROWS ? ['region:county', 'day'] : layout === 'indicator' ? [] : [layout];
}

export const ViewStateSchema = z.object({
  view: z.enum(VIEW_KINDS),
  filter: FilterStateSchema,
  /** How the grid lays out rows: by city, county, department, date or ISO week, county × day, or indicators as rows. */
  rowsBy: RowsLayoutSchema.default('region:city'),
  /** View-specific settings (chosen chart, hidden columns ...). */
  options: z.record(z.string(), z.unknown()).default({}),
});
export type ViewState = z.infer<typeof ViewStateSchema>;

export interface SavedView {
  id: number;
  name: string;
  state: ViewState;
  createdAt: string;
  updatedAt: string;
}

export const SaveViewInputSchema = z.object({ name: z.string().trim().min(1, '视图名称不能为空').max(60), state: ViewStateSchema });
export const DeleteViewInputSchema = z.object({ id: z.number().int().positive() });
