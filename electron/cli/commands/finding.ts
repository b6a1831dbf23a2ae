// `campaign finding add|update|list|attachments` and `campaign correct`: the 督导 records on the
// command line, through the same operations (and the same input validation) as the window.
import { UserError } from '../../../shared/errors';
import {
  FINDING_CATEGORIES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type CorrectionJson,
  type FindingJson,
  type FindingStatus,
} from '../../../shared/api/inspection';
import { beijingClock } from '../../../shared/beijing-time';
import type { Options } from '../args';
import { withCliWorkspace } from '../open-for-cli';
import { oneAnswerCore } from '../one-answer-core';
import { formatCsv, formatTable, out, terminalText, type Cell } from '../print';
import { readAttachmentFiles, safeAttachmentName, writeWithoutOverwrite } from '../attachment-files';
import { describeCorrection } from '../../inspection/corrections';

function format(options: Options, allowed: readonly string[] = ['table', 'csv', 'json']): string {
  const f = options.format ?? 'table';
  if (!allowed.includes(f)) throw new UserError(`--format 只能是 ${allowed.join('、')}（收到 ${f}）`);
  return f;
}

/** One value of an option the parser allows several times (--region, --department, --indicator). */
function single(values: string[] | undefined, flag: string): string | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw new UserError(`${flag} 只能给一个（收到 ${values.join('、')}）`);
  return values[0];
}

/** A flag whose value is one of a fixed list (--category, --severity, --status). */
function oneOf<T extends string>(list: readonly T[], text: string | undefined, flag: string, what: string): T {
  if (text === undefined) throw new UserError(`请用 ${flag} 给出${what}（${list.join('、')}）`);
  const v = list.find((x) => x === text.trim());
  if (!v) throw new UserError(`${flag} 只能是 ${list.join('、')}（收到 ${text}）`);
  return v;
}

function status(text: string | undefined): FindingStatus | undefined {
  return text === undefined ? undefined : oneOf(FINDING_STATUSES, text, '--status', '状态');
}

function onlyId(args: string[], usage: string): string {
  if (args.length !== 1) throw new UserError(`请给出一条督导发现的编号：${usage}`);
  return args[0]!;
}

const FINDING_COLUMNS = [
  '编号',
  '城市',
  '单位',
  '部门',
  '指标',
  '问题类别',
  '严重程度',
  '问题描述',
  '责任单位',
  '整改时限',
  '状态',
  '超期',
  '附件',
  '记录时间（北京时间）',
];

function findingCells(f: FindingJson): Cell[] {
  return [
    f.id,
    f.city_name,
    f.region_name,
    f.department,
    f.indicator,
    f.category,
    f.severity,
    f.text,
    f.owner,
    f.due,
    f.status,
    f.overdue ? '已超期' : '',
    f.attachments.length,
    beijingClock(f.created_at),
  ];
}

export async function findingCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return findingAdd(dbPath, rest, options);
    case 'update':
      return findingUpdate(dbPath, rest, options);
    case 'list':
      return findingList(dbPath, rest, options);
    case 'attachments':
      return findingAttachments(dbPath, rest, options);
    default:
      throw new UserError(
        `请给出 finding 的子命令：add（记录督导发现）、update（更新状态）、list（列出）或 attachments（导出附件），收到 ${sub ?? '无'}`,
      );
  }
}

async function findingAdd(dbPath: string, args: string[], options: Options): Promise<number> {
  if (args.length > 0) throw new UserError(`finding add 不接受位置参数：${args.join(' ')}（问题描述请写在 --text 后）`);
  const fmt = format(options, ['table', 'json']);
  const region = single(options.region, '--region');
  if (region === undefined) throw new UserError('请用 --region 给出被督导单位（区县、市本级或地市）');
  const department = single(options.department, '--department');
  const indicator = single(options.indicator, '--indicator');
  const category = oneOf(FINDING_CATEGORIES, options.category, '--category', '问题类别');
  const severity = oneOf(FINDING_SEVERITIES, options.severity, '--severity', '严重程度');
  // Read (size checked first) before the database is opened: a refused file changes nothing.
  const attachments = readAttachmentFiles(options.attach ?? []);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const { id, finding } = oneAnswerCore(ws).addFinding({
      region,
      ...(department === undefined ? {} : { department }),
      ...(indicator === undefined ? {} : { indicator }),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      category,
      severity,
      text: options.text ?? '',
      ...(options.due === undefined ? {} : { due: options.due }),
      ...(options.owner === undefined ? {} : { owner: options.owner }),
      attachments,
    });
    // Only the id on stdout, so that a script can capture it.
    out(fmt === 'json' ? JSON.stringify(finding) : id);
    return 0;
  });
}

async function findingUpdate(dbPath: string, args: string[], options: Options): Promise<number> {
  const id = onlyId(args, 'campaign finding update 编号 [--status 待整改|整改中|已销号] [--note 说明] [--due D] [--attach 文件]...');
  const fmt = format(options, ['table', 'json']);
  const s = status(options.status);
  const attachments = readAttachmentFiles(options.attach ?? []);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const { finding } = oneAnswerCore(ws).updateFinding({
      id,
      ...(s === undefined ? {} : { status: s }),
      ...(options.note === undefined ? {} : { note: options.note }),
      ...(options.due === undefined ? {} : { due: options.due }),
      attachments,
    });
    if (fmt === 'json') out(JSON.stringify(finding));
    else {
      const last = finding.history.at(-1)!;
      out(
        terminalText(
          `已更新督导发现 ${finding.id}（${finding.region_name}）：状态 ${finding.status}${finding.due ? `，整改时限 ${finding.due}` : ''}，附件 ${finding.attachments.length} 个，共 ${finding.history.length} 条记录（最近：${last.what}，${last.user}，${beijingClock(last.at)}）`,
        ),
      );
    }
    return 0;
  });
}

async function findingList(dbPath: string, args: string[], options: Options): Promise<number> {
  if (args.length > 0) throw new UserError(`finding list 不接受位置参数：${args.join(' ')}`);
  const fmt = format(options);
  const region = single(options.region, '--region');
  const s = status(options.status);
  return withCliWorkspace(
    dbPath,
    options,
    async (ws) => {
      const list = oneAnswerCore(ws).listFindings({
        ...(region === undefined ? {} : { region }),
        ...(s === undefined ? {} : { status: s }),
        overdue: options.overdue ?? false,
      });
      if (fmt === 'json') out(JSON.stringify(list));
      else if (fmt === 'csv') out(formatCsv(FINDING_COLUMNS, list.findings.map(findingCells)));
      else if (list.findings.length === 0) out('没有符合条件的督导发现');
      else {
        out(
          formatTable(
            FINDING_COLUMNS,
            list.findings.map(findingCells),
            FINDING_COLUMNS.map((c) => c === '附件'),
          ),
        );
        const overdue = list.findings.filter((f) => f.overdue).length;
        out(`共 ${list.findings.length} 条${overdue > 0 ? `，其中 ${overdue} 条已超期未销号` : ''}`);
      }
      return 0;
    },
    { readonly: true },
  );
}

async function findingAttachments(dbPath: string, args: string[], options: Options): Promise<number> {
  const id = onlyId(args, 'campaign finding attachments 编号 --out 文件夹');
  if (!options.out) throw new UserError('请用 --out 给出存放附件的文件夹');
  const folder = options.out;
  return withCliWorkspace(
    dbPath,
    options,
    async (ws) => {
      const core = oneAnswerCore(ws);
      const finding = core.listFindings({}).findings.find((f) => f.id === id.trim());
      if (!finding) throw new UserError(`没有编号为 ${id} 的督导发现（campaign finding list 列出全部编号）`);
      if (finding.attachments.length === 0) {
        out(`督导发现 ${finding.id} 没有附件`);
        return 0;
      }
      for (const a of finding.attachments) {
        const file = core.findingAttachment({ findingId: finding.id, sha256: a.sha256 });
        const path = writeWithoutOverwrite(folder, safeAttachmentName(file.name, a.sha256, file.mime), file.bytes);
        out(terminalText(`${path}（${a.bytes} 字节，sha256 ${a.sha256}）`));
      }
      return 0;
    },
    { readonly: true },
  );
}

function correctionLine(c: CorrectionJson): string {
  return `已更正：${describeCorrection(c)}，原因：${c.reason}${c.finding ? `，督导发现 ${c.finding}` : ''}`;
}

export async function correctCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  if (args.length > 0) throw new UserError(`correct 不接受位置参数：${args.join(' ')}`);
  const fmt = format(options, ['table', 'json']);
  const region = single(options.region, '--region');
  const indicator = single(options.indicator, '--indicator');
  if (region === undefined) throw new UserError('请用 --region 给出填报单位（区县或市本级）');
  if (indicator === undefined) throw new UserError('请用 --indicator 给出指标');
  if (options.day === undefined) throw new UserError('请用 --day 给出日期（YYYY-MM-DD）');
  const text = options.value?.trim() ?? '';
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UserError(`--value 须为数值（收到 ${options.value ?? '无'}）`);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const { correction } = oneAnswerCore(ws).correct({
      region,
      indicator,
      day: options.day!,
      value,
      reason: options.reason ?? '',
      ...(options.finding === undefined ? {} : { finding: options.finding }),
    });
    out(fmt === 'json' ? JSON.stringify(correction) : terminalText(correctionLine(correction)));
    return 0;
  });
}
