// The server's answers to the sync feed, checked against their schemas (shared/api/sync-feed.ts)
// before anything is written: a server is as untrusted as any file, and a wrong answer must stop
// the sync with a message, not write a half-typed row or fail deep inside SQLite.
import * as z from 'zod';
import { UserError } from '../../shared/errors';
import { BatchFactsSchema, ChangesSchema, type BatchFactsJson, type ChangesJson } from '../../shared/api/sync-feed';

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
