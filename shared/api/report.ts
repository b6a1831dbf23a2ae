// Report exports: the provincial briefing (全省通报), the city inspection dossier (城市督导报告) and
// the data table (数据表), each as DOCX, XLSX, PDF or CSV. The request is the slice filter plus
// what to write and how; electron/reports/index.ts buildReport() validates it with this schema.
import * as z from 'zod';
import { CompareSchema, GroupKeySchema, IsoDaySchema } from './slice';
import { FINDING_STATUSES } from './inspection';

export const REPORT_TYPES = ['briefing', 'city', 'table', 'reminders', 'rectification'] as const;
export const ReportTypeSchema = z.enum(REPORT_TYPES);
export type ReportType = z.infer<typeof ReportTypeSchema>;

export const REPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'csv'] as const;
export const ReportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** A report's comparison: as the slice query's, or none at all. */
export const ReportCompareSchema = z.enum([...CompareSchema.options, 'none']);
export type ReportCompare = z.infer<typeof ReportCompareSchema>;

/**
 * The default ranking indicators, in order of preference: results of the work (people caught,
 * cases solved), never inputs such as 出动民警辅警 (which merely names the small cities last).
 * The first one the report's indicators include is used; else the report's first indicator.
 */
export const RANK_BY_DEFAULTS = [
  '综合/抓获现行违法犯罪人员',
  '综合/抓获在逃人员',
  '禁毒/抓获毒品犯罪嫌疑人',
  '禁毒/破获毒品刑事案件',
  '刑侦/抓获犯罪嫌疑人',
  '刑侦/破获刑事案件',
  '交警/查处酒驾醉驾',
  '食药侦/抓获犯罪嫌疑人',
  '网安/抓获犯罪嫌疑人',
  '治安/查处聚众斗殴案件',
] as const;

/** The default ranking indicator among a report's indicators (the UI shows what the core will use). */
export function defaultRankBy<T extends { key: string }>(indicators: readonly T[]): T | null {
  for (const key of RANK_BY_DEFAULTS) {
    const found = indicators.find((i) => i.key === key);
    if (found) return found;
  }
  return indicators[0] ?? null;
}

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  briefing: '全省通报',
  city: '城市督导报告',
  table: '数据表',
  reminders: '催报清单',
  rectification: '整改台账',
};

/** Report types about findings, not figures: a period is optional (and not used). */
const PERIOD_OPTIONAL: ReadonlySet<ReportType> = new Set(['rectification']);

export const REPORT_MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

export const ReportRequestSchema = z
  .object({
    type: ReportTypeSchema,
    format: ReportFormatSchema,
    from: IsoDaySchema.optional(),
    to: IsoDaySchema.optional(),
    /** A phase or a whole campaign, by name; instead of from/to. */
    phase: z.string().min(1).optional(),
    /** For 'city': exactly one city. Otherwise the scope, as in the slice query. */
    regions: z.array(z.string().min(1)).default([]),
    departments: z.array(z.string().min(1)).default([]),
    indicators: z.array(z.string().min(1)).default([]),
    /** For 'table': what the grid shows. Ignored by the other types. */
    by: z.array(GroupKeySchema).default([]),
    /**
     * 同比 / 环比, or 'none' (对比 无: no comparison anywhere in the report). The briefing and the
     * dossier compare with the same period a year before when not given.
     */
    compare: ReportCompareSchema.optional(),
    /**
     * What the cities are ranked by (全省通报's ranking; the dossier's headline rank): a name, an
     * alias or 部门/指标, resolved like `indicators`. Default: the first of RANK_BY_DEFAULTS the
     * report covers — a result such as 抓获现行违法犯罪人员, not an input such as 出动民警辅警.
     */
    rankBy: z.string().min(1).optional(),
    /** For 'rectification' (整改台账): only the findings in this status. */
    status: z.enum(FINDING_STATUSES, `状态只能是 ${FINDING_STATUSES.join('、')}`).optional(),
  })
  .refine(
    (q) =>
      (q.phase !== undefined) !== (q.from !== undefined || q.to !== undefined) ||
      (PERIOD_OPTIONAL.has(q.type) && q.phase === undefined && q.from === undefined && q.to === undefined),
    { message: '请给出日期范围（from 和 to）或行动阶段（phase），二者选一' },
  )
  .refine((q) => q.phase !== undefined || (q.from !== undefined && q.to !== undefined) || (q.from === undefined && q.to === undefined), {
    message: '日期范围须同时给出起止日期',
  })
  .refine((q) => q.status === undefined || q.type === 'rectification', { message: '状态筛选只用于整改台账（rectification）' })
  .refine((q) => q.phase !== undefined || q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '起始日期晚于截止日期',
  });

export type ReportRequest = z.input<typeof ReportRequestSchema>;
export type ParsedReportRequest = z.output<typeof ReportRequestSchema>;

/** A written report: what a save dialog or a download needs. */
export interface ReportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** Where a report's numbers came from; printed in every export (说明). */
export interface ReportProvenance {
  /** The request's filter in words: [label, value] pairs (时段, 地区, 部门, 指标, 分组, 对比). */
  filters: [string, string][];
  facts: number;
  latestBatch: { id: number; source: string; importedAt: string } | null;
  /** ISO time the report was made. */
  generatedAt: string;
  appVersion: string;
  /** The database holds demo facts: every format says 演示数据（非真实数据） first. */
  demo?: boolean;
}
