// `campaign submit | submissions | accept | return`: a city user's 报送 and an analyst's 审核 from the
// command line, through central-client/review-client.ts (the same calls the workstation makes).
// `--format json` prints the server's contract (shared/api/central.ts) key for key.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SUBMISSION_KIND_LABELS, SUBMISSION_STATUSES, type SubmissionProblem, type SubmissionStatus } from '../../../shared/api/central';
import { UserError } from '../../../shared/errors';
import { CentralApiError, type CentralClient } from '../../central-client/http-client';
import { decideSubmission, listSubmissions, submitFiles } from '../../central-client/review-client';
import type { Options } from '../args';
import { formatTable, out, terminalText } from '../print';
import { loggedInClient } from '../server-client';

function problemsTable(problems: readonly SubmissionProblem[]): string {
  return formatTable(
    ['文件', '工作表', '行', '列', '值', '原因'],
    problems.map((p) => [p.file, p.sheet, p.row, p.column, p.value, p.reason]),
  );
}

function jsonWanted(options: Options): boolean {
  if (options.format === undefined || options.format === 'table') return false;
  if (options.format === 'json') return true;
  throw new UserError(`--format 只能是 table 或 json（收到 ${options.format}）`);
}

/** The submission number given on the command line. */
function submissionId(args: string[], usage: string): number {
  if (args.length !== 1) throw new UserError(`请给出一个报送编号：${usage}`);
  const id = Number(args[0]);
  if (!/^\d{1,15}$/.test(args[0]!) || !Number.isSafeInteger(id) || id < 1)
    throw new UserError(`报送编号须是正整数（收到 ${args[0]}）：${usage}`);
  return id;
}

/** Logged in for the command, logged out after it (the token is revoked on the server). */
async function withClient<T>(options: Options, fn: (client: CentralClient) => Promise<T>): Promise<T> {
  const client = await loggedInClient(options);
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => {});
  }
}

const STATUS_WORDS: Record<SubmissionStatus | '已拒收', string> = {
  待审核: '已报送，待审核',
  校验未通过: '校验未通过，未报送成功（请按下列问题修改后重新报送）',
  已退回: '已退回',
  已采用: '已采用',
  已拒收: '被服务器拒收，未保存',
};

async function submit(args: string[], options: Options): Promise<number> {
  const usage = 'campaign submit --server 地址 --user 用户名 --password-file 密码文件 [--replace] [--format json] 文件...';
  if (args.length === 0) throw new UserError(`请给出要报送的文件：${usage}`);
  const json = jsonWanted(options);
  const files = args.map((path) => {
    try {
      return { name: basename(path), bytes: readFileSync(path) };
    } catch (e) {
      throw new UserError(`无法读取文件 ${path}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
    }
  });
  return withClient(options, async (client) => {
    const role = client.user?.role;
    if (role !== 'city' && role !== 'inspector') {
      throw new UserError(
        `账号 ${client.user?.name ?? options.user} 不能报送：只有地市报送员和督导组账号可以报送（督导组账号报送督导回传）`,
      );
    }
    const results = await submitFiles(client, files, { replace: options.replace ?? false });
    if (json) out(JSON.stringify({ submissions: results }));
    else {
      const kind = SUBMISSION_KIND_LABELS[role === 'inspector' ? 'inspection_return' : 'return'];
      for (const r of results) {
        const id = r.id === null ? '' : `报送编号 ${r.id}，`;
        const rows = r.status === '待审核' ? `，${kind} ${r.rows} 条` : '';
        out(`${terminalText(r.file)}: ${id}${STATUS_WORDS[r.status]}${rows}`);
      }
      const problems = results.flatMap((r) => r.problems);
      if (problems.length > 0) process.stderr.write(problemsTable(problems) + '\n');
    }
    return results.every((r) => r.status === '待审核') ? 0 : 1;
  });
}

function statusOption(options: Options): SubmissionStatus | undefined {
  if (options.status === undefined) return undefined;
  const found = SUBMISSION_STATUSES.find((s) => s === options.status);
  if (!found) throw new UserError(`--status 只能是 ${SUBMISSION_STATUSES.join('、')}（收到 ${options.status}）`);
  return found;
}

async function submissions(options: Options): Promise<number> {
  const json = jsonWanted(options);
  const status = statusOption(options);
  return withClient(options, async (client) => {
    const r = await listSubmissions(client, status ? { status } : {});
    if (json) {
      out(JSON.stringify({ submissions: r.submissions }));
      return 0;
    }
    if (r.submissions.length === 0) {
      out(status ? `没有“${status}”的报送` : '没有报送');
      return 0;
    }
    const time = (t: string | null) =>
      t === null ? '' : new Date(t).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
    out(
      formatTable(
        ['编号', '地市', '报送人', '类型', '文件', '状态', '条数', '报送时间', '审核时间', '退回原因'],
        r.submissions.map((s) => [
          s.id,
          s.city,
          s.user,
          SUBMISSION_KIND_LABELS[s.kind],
          s.file,
          s.status,
          s.rows,
          time(s.submitted_at),
          time(s.decided_at),
          s.reason,
        ]),
        [true, false, false, false, false, false, true],
      ),
    );
    return 0;
  });
}

async function decide(command: 'accept' | 'return', args: string[], options: Options): Promise<number> {
  const usage =
    command === 'accept'
      ? 'campaign accept --server 地址 --user 用户名 --password-file 密码文件 编号'
      : 'campaign return --server 地址 --user 用户名 --password-file 密码文件 编号 --reason 原因';
  const id = submissionId(args, usage);
  const json = jsonWanted(options);
  const reason = options.reason?.trim() ?? '';
  if (command === 'return' && reason === '') throw new UserError(`退回须写明原因：${usage}`);
  return withClient(options, async (client) => {
    let r;
    try {
      r = await decideSubmission(client, command === 'accept' ? { id, decision: 'accept' } : { id, decision: 'return', reason });
    } catch (e) {
      // A conflict found at acceptance: the server's reason, then where each conflict is.
      if (e instanceof CentralApiError && Array.isArray(e.body.problems) && e.body.problems.length > 0) {
        process.stderr.write(problemsTable(e.body.problems as SubmissionProblem[]) + '\n');
      }
      throw e;
    }
    if (json) out(JSON.stringify(r));
    else if (command === 'accept') {
      const s = r.submission;
      out(
        `报送 ${s.id}（${s.city}，${terminalText(s.file)}）已采用：批次 ${s.batch_id}，${s.rows} 条${r.replaced > 0 ? `，替换已有数据 ${r.replaced} 条` : ''}`,
      );
    } else {
      const s = r.submission;
      out(`报送 ${s.id}（${s.city}，${terminalText(s.file)}）已退回，原因：${terminalText(s.reason ?? '')}`);
    }
    return 0;
  });
}

export async function submissionCommand(
  command: 'submit' | 'submissions' | 'accept' | 'return',
  args: string[],
  options: Options,
): Promise<number> {
  if (command === 'submit') return submit(args, options);
  if (command === 'submissions') return submissions(options);
  return decide(command, args, options);
}
