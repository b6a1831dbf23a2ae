// How an error leaves the core: the user's own (UserError, or an environmental failure such as a
// locked or full disk) as its message; anything else is a bug, logged with an id (error-log.ts),
// and only the id and the log's name go to the page.
import { UserError } from '../../shared/errors';
import { asUserFacing } from '../store/sqlite-errors';
import type { CallError } from '../../shared/api/call-outcome';
import { logBug } from './error-log';

export function callError(caught: unknown, home: string, operation: string, input?: unknown): CallError {
  const e = asUserFacing(caught);
  if (e instanceof UserError) return { message: e.message, user: true };
  return { message: logBug(home, e, { operation, input }).message, user: false };
}
