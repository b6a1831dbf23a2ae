// Saved views: the workstation's filter and view, named and stored in the database.
import * as z from 'zod';
import { CompareSchema, GroupKeySchema, IsoDaySchema, type GroupKey } from './slice';
import {
  FILTER_MAX_DEPARTMENTS,
  FILTER_MAX_INDICATORS,
  FILTER_MAX_REGIONS,
  FILTER_NAME_MAX_CHARS,
  VIEW_NAME_MAX_CHARS,
  VIEW_OPTION_MAX_KEYS,
  VIEW_STATE_MAX_CHARS,
} from './stored-text';

export const VIEW_KINDS = ['overview', 'grid', 'charts', 'completeness', 'import', 'inspection', 'review', 'filing'] as const;

/** A list of names in a filter: at most `max` of them, each a name's length. */
function boundedNames(field: string, max: number) {
  return z
    .array(z.string().max(FILTER_NAME_MAX_CHARS, `${field}名称过长（上限 ${FILTER_NAME_MAX_CHARS} 字）`))
    .max(max, `选择的${field}过多（上限 ${max} 个）`);
}

/** The workstation's one filter state: what the filter bar shows and every view queries. */
export const FilterStateSchema = z.object({
  from: IsoDaySchema,
  to: IsoDaySchema,
  /** The preset the dates came from (a phase or campaign name), for display; null when custom. */
  preset: z.string().nullable().default(null),
  regions: boundedNames('地区', FILTER_MAX_REGIONS).default([]),
  departments: boundedNames('部门', FILTER_MAX_DEPARTMENTS).default([]),
  indicators: boundedNames('指标', FILTER_MAX_INDICATORS).default([]),
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
  options: z
    .record(z.string().max(FILTER_NAME_MAX_CHARS), z.unknown())
    .refine((o) => Object.keys(o).length <= VIEW_OPTION_MAX_KEYS, `视图设置项过多（上限 ${VIEW_OPTION_MAX_KEYS} 项）`)
    .default({}),
});
export type ViewState = z.infer<typeof ViewStateSchema>;

export interface SavedView {
  id: number;
  name: string;
  state: ViewState;
  createdAt: string;
  updatedAt: string;
}

/**
 * Whether a value's JSON is longer than `max` characters, found without writing it out: the walk
 * stops as soon as the count passes `max`, so a 100 MB state costs no more than a small one.
 * Counts what JSON.stringify writes but the commas, so never more than it: the store, which
 * writes the JSON, checks the exact length again.
 */
export function jsonLongerThan(value: unknown, max: number): boolean {
  let chars = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') chars += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') chars += String(v).length;
    else if (v === null) chars += 4;
    else if (typeof v === 'object') {
      if (seen.has(v)) return true; // a cycle cannot be stored at all
      seen.add(v);
      chars += 2;
      if (Array.isArray(v)) {
        for (const x of v) if (walk(x)) return true;
      } else {
        for (const [k, x] of Object.entries(v)) {
          if (x === undefined) continue; // left out of the JSON
          chars += k.length + 3;
          if (walk(x)) return true;
        }
      }
    }
    return chars > max;
  };
  return walk(value);
}

/** The stored size is looked at first: a huge state is refused before its parts are parsed. */
export const BoundedViewStateSchema = z
  .unknown()
  .superRefine((state, ctx) => {
    if (jsonLongerThan(state, VIEW_STATE_MAX_CHARS)) {
      ctx.addIssue({ code: 'custom', message: `视图内容过长：超过上限 ${VIEW_STATE_MAX_CHARS.toLocaleString('en-US')} 字` });
    }
  })
  .pipe(ViewStateSchema);

export const SaveViewInputSchema = z.object({
  name: z.string().trim().min(1, '视图名称不能为空').max(VIEW_NAME_MAX_CHARS, `视图名称过长（上限 ${VIEW_NAME_MAX_CHARS} 字）`),
  state: BoundedViewStateSchema,
});
export const DeleteViewInputSchema = z.object({ id: z.number().int().positive() });
