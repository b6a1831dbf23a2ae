// The server's answers to the sync feed, checked before anything is written: a server is as
// untrusted as any file, and a wrong answer must stop the sync with a message, not write a
// half-typed row or fail deep inside SQLite.
import * as z from 'zod';
import { UserError } from '../../shared/errors';
import type { BatchFactsJson, ChangesJson } from '../../shared/api/central';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Iso = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)));

const ChangeSchema = z.object({
  seq: Id,
  kind: z.enum(['batch_accepted', 'batch_undone']),
  at: Iso,
  batch: z.object({
    id: Id,
    submission_id: Id.nullable(),
    city_code: z.number().int().min(100_000).max(999_999).nullable(),
    source: z.string().max(1000),
    sha256: z.string().max(128),
    fact_count: z.number().int().min(0),
    accepted_at: Iso,
    accepted_by: z.string().max(200),
  }),
});

const ChangesSchema = z.object({
  server_id: z.string().max(100),
  changes: z.array(ChangeSchema).max(1000),
  last_seq: z.number().int().min(0),
});

const FactSchema = z.tuple([
  z.number().int().min(-1_000_000).max(1_000_000),
  z.number().int().min(100_000).max(999_999),
  z.number().int().min(1).max(999),
  z.number().finite().min(0),
  z.string().max(2000).nullable(),
]);

const BatchFactsSchema = z.object({
  batch_id: Id,
  facts: z.array(FactSchema).max(50_000),
  next: z.string().max(100).nullable(),
});

function checked<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : '';
    throw new UserError(`服务器返回的${what}格式不对${where}，同步已停止：服务器版本是否与本程序一致？`);
  }
  return parsed.data;
}

export function checkChanges(answer: unknown): ChangesJson {
  return checked(ChangesSchema, answer, '变更列表');
}

export function checkBatchFacts(answer: unknown, batchId: number): BatchFactsJson {
  return checked(BatchFactsSchema, answer, `批次 ${batchId} 数据`);
}
