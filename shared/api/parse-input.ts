// The one place an operation's input is validated: where a call enters (Electron IPC, the web
// mode's HTTP, the CLI). What zod returns (defaults filled, strings trimmed) is what goes inward;
// the handlers take that parsed value and never parse again. One message style for every
// transport: `字段: 原因；字段: 原因`.
import type * as z from 'zod';
import { UserError } from '../errors';
import type { CallOutcome } from './call-outcome';
import { OperationInputs, type OperationName } from './operations';

/** An operation's input as the handlers receive it: validated, defaults filled. */
export type OperationParsed<K extends OperationName> = z.output<(typeof OperationInputs)[K]>;

/** Field names in the analyst's words; a field not listed is shown by its path. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  from: '起始日期',
  to: '截止日期',
  phase: '行动阶段',
  regions: '地区',
  region: '地区',
  departments: '部门',
  indicators: '指标',
  by: '分组',
  compare: '对比',
  type: '报告类型',
  format: '文档格式',
  rankBy: '排名依据',
  files: '文件',
  replace: '替换',
  rejects: '退回文件',
  batchId: '批次号',
  id: '编号',
  name: '名称',
  state: '视图内容',
  path: '数据库路径',
  // 督导
  department: '部门',
  indicator: '指标',
  category: '问题类别',
  severity: '严重程度',
  text: '问题描述',
  due: '整改时限',
  owner: '责任单位',
  attachments: '附件',
  status: '状态',
  note: '整改情况说明',
  overdue: '逾期',
  findingId: '督导发现编号',
  sha256: '附件摘要',
  day: '日期',
  value: '更正值',
  reason: '更正原因',
  finding: '督导发现编号',
  passphrase: '口令',
  file: '文件',
};

function fieldOf(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  const [head, ...rest] = path.map(String);
  const label = FIELD_LABELS[head!] ?? head!;
  return rest.length === 0 ? label : `${label}.${rest.join('.')}`;
}

/** `字段: 原因；…` (a rule about the whole input, such as 二者选一, has no field). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = fieldOf(issue.path);
      return field === null ? issue.message : `${field}: ${issue.message}`;
    })
    .join('；');
}

/** Validates `raw` (undefined: no arguments) as `op`'s input; a UserError names every problem. */
export function parseOperationInput<K extends OperationName>(op: K, raw: unknown): OperationParsed<K> {
  const result = OperationInputs[op].safeParse(raw ?? {});
  if (!result.success) throw new UserError(describeIssues(result.error.issues));
  // The table's schema for `op` returned it; TypeScript cannot follow a generic index into the union.
  return result.data as OperationParsed<K>;
}

/** A refused input as transports answer it (the failure half of a call's outcome). */
export type RefusedInput = Extract<CallOutcome, { ok: false }> & { error: { user: true } };

/** parseOperationInput for a transport that answers a refusal rather than throwing it. */
export function tryParseOperationInput<K extends OperationName>(
  op: K,
  raw: unknown,
): { ok: true; input: OperationParsed<K> } | RefusedInput {
  try {
    return { ok: true, input: parseOperationInput(op, raw) };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: { message: e.message, user: true } };
    throw e;
  }
}
