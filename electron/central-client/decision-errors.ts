// A refusal of 采用 that lists problems (409: the submission's figures conflict with accepted ones)
// crosses to the page as one message: the server's sentence, then each problem on its own line
// located as 导入 locates them, so the analyst sees what conflicts, not only how many.
import { UserError } from '../../shared/errors';
import { CentralApiError } from './http-client';

/** Problems written out at most (the server lists a bounded number and says how many more). */
const LISTED_MAX = 20;

function problemLine(p: Record<string, unknown>): string | null {
  const reason = typeof p.reason === 'string' ? p.reason : null;
  if (!reason) return null;
  const where: string[] = [];
  if (typeof p.sheet === 'string' && p.sheet) where.push(`工作表“${p.sheet}”`);
  if (typeof p.row === 'number') where.push(`第 ${p.row} 行`);
  if (typeof p.column === 'string' && p.column) where.push(`“${p.column}”列`);
  if (typeof p.value === 'string' && p.value) where.push(`值 ${p.value}`);
  return `· ${where.length > 0 ? `${where.join('，')}：` : ''}${reason}`;
}

/** The error to show for a failed decision: a 409 with problems gains them, line by line. */
export function decisionError(e: unknown): unknown {
  if (!(e instanceof CentralApiError) || e.status !== 409 || !Array.isArray(e.body.problems)) return e;
  const lines = e.body.problems
    .slice(0, LISTED_MAX)
    .map((p: unknown) => (typeof p === 'object' && p !== null ? problemLine(p as Record<string, unknown>) : null))
    .filter((l): l is string => l !== null);
  if (lines.length === 0) return e;
  return new UserError([e.message, ...lines].join('\n'));
}
