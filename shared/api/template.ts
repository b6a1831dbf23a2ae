// 填报模板: the XLSX a city fills in and sends back — the wide import format, one row per unit
// (the city's counties and its 市本级) per day. The request names the city, the period and
// optionally departments; the answer is a file like a report's (shared/api/report.ts ReportFile).
import * as z from 'zod';
import { IsoDaySchema } from './slice';

/** Days a template may cover: a whole summer campaign is about 100. */
export const TEMPLATE_MAX_DAYS = 366;

export const TemplateRequestSchema = z
  .object({
    /** A city (its counties and 市本级), or one county or 市本级. */
    region: z.string().min(1, '请指定一个地市'),
    from: IsoDaySchema.optional(),
    to: IsoDaySchema.optional(),
    /** A phase or a whole campaign, by name; instead of from/to. */
    phase: z.string().min(1).optional(),
    /** Only these departments' indicators; all when empty. */
    departments: z.array(z.string().min(1)).default([]),
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

export type TemplateRequest = z.input<typeof TemplateRequestSchema>;
export type ParsedTemplateRequest = z.output<typeof TemplateRequestSchema>;
