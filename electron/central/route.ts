// What a route of the provincial server's API is — its body bound and kind, its handler — and what
// a handler gets and gives back, with the helpers every route file uses. The route files
// (api-routes.ts, submission-routes.ts, sync-routes.ts) depend on this, never on each other; userOf is sessions.ts'.
import type { z } from 'zod';
import { UserError } from '../../shared/errors';
import { ApiError } from './http-errors';
import type { Pool } from './pg-pool';
import type { Session } from './sessions';

export interface CallContext {
  pool: Pool;
  now: Date;
  address: string;
  /** Null only for the public endpoints (login, health). */
  session: Session | null;
  /** The parsed JSON body ({} for a file route or none). */
  body: unknown;
  /** A file route's upload: its name (X-File-Name, percent-decoded) and raw bytes. */
  file: { name: string; bytes: Buffer } | null;
  query: URLSearchParams;
}

export interface Handled {
  status?: number;
  body: Record<string, unknown>;
  /** What the call acted on, for the audit log. */
  target?: string | null;
}

export interface Route {
  /** Largest request body accepted (0: none expected). */
  bodyLimit: number;
  /** 'file': the body is a raw upload named by X-File-Name, not JSON. */
  bodyKind?: 'json' | 'file';
  /** The handler writes its own audit rows (login: the account is known only inside). */
  auditsItself?: boolean;
  handle(ctx: CallContext): Promise<Handled>;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `字段 ${issue.path.join('.')}` : '请求内容';
    throw new ApiError(400, `请求内容不符合要求：${where}${issue ? `（${issue.message}）` : ''}`);
  }
  return parsed.data;
}

/** A user's error from the domain (name taken, bad region) is a 400 with its message. */
export async function asBadRequest<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UserError) throw new ApiError(400, e.message);
    throw e;
  }
}
