// `campaign`: the command line over the same operations the workstation uses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine, type Options } from './args';
import { formatCsv, formatTable, terminalText, type Cell } from './print';
import type { Workspace } from '../store/workspace';
import { oneAnswerCore } from './one-answer-core';
import { defaultDbPath, demoDbPath, REAL_DB_FILE, userDataFolder } from '../runtime/default-db';
import { DEMO_MARK, holdsDemoData } from '../demo/marker';
import { resolve as resolvePath, join as joinPath } from 'node:path';
import { UserError } from '../../shared/errors';
import { logBug } from '../core/error-log';
import { throwTestBugIfAsked } from '../core/test-faults';
import { GROUP_KEYS, type GroupKey, type SliceQuery, type SliceRow } from '../../shared/api/slice';
import { REPORT_FORMATS, REPORT_TYPES, type ReportRequest } from '../../shared/api/report';
import { reminderTable } from '../reports/reminders';
import { FINDING_STATUSES, type FindingStatus } from '../../shared/api/inspection';
import { IMPORT_ISSUE_KIND_LABELS, TEXT_ENCODING_LABELS, type ImportIssueKind, type ImportReport } from '../../shared/api/import';
import { beijingClock } from '../../shared/beijing-time';
import { asUserFacing } from '../store/sqlite-errors';
import { openCliWorkspace, withCliWorkspace } from './open-for-cli';
import { bundleCommand } from './bundle-commands';
import { PROGRAM_VERSION } from '../runtime/program-version';
import { correctCommand, findingCommand } from './finding-commands';

const HELP = `campaign — 专项行动统计分析工作站命令行

用法: campaign <命令> [选项]

命令:
  demo        生成演示数据库（2022、2023 年夏季治安打击整治行动）；不给 --db 时写入用户数据目录下的 demo.db
  import      导入各市报表（CSV/XLSX，长表或宽表）: campaign import [--replace] [--rejects 退回.xlsx] 文件...
  undo        撤销一个导入批次: campaign undo 批次号
  info        数据库概况: 数据条数、日期范围、导入批次
  catalogue   指标目录、部门、地区、行动阶段
  query       切片查询
  completeness  报送完整性: 哪些单位哪天未报送；--format csv 输出催报清单（与工作站导出的相同）
  anomalies   异常数据: 明显偏离本单位历史水平的数据（与城市督导报告相同的算法）
  report      导出报告: campaign report --type briefing|city|table|reminders|rectification --format docx|xlsx|pdf|csv --out 文件
  template    填报模板: campaign template --region 地市 (--from D --to D | --phase 名称) [--department X]... --out 文件.xlsx
  bundle      督导包: campaign bundle export --region 地市 (--from D --to D | --phase 名称) --out 文件.cwb --passphrase-file 口令文件
                      campaign bundle return --db 文件.cwb --out 文件.cwr --passphrase-file 口令文件
                      campaign bundle merge --file 文件.cwr --passphrase-file 口令文件
  finding     督导发现: campaign finding add --region 单位 --category 类别 --severity 程度 --text 描述 [--due D] [--owner X] [--attach 文件]...
                        campaign finding update 编号 [--status 待整改|整改中|已销号] [--note 说明] [--due D] [--attach 文件]...
                        campaign finding list [--region X] [--status X] [--overdue]
                        campaign finding attachments 编号 --out 文件夹
  correct     核实更正: campaign correct --region 单位 --indicator 指标 --day D --value N --reason 原因 [--finding 编号]
  server      省厅服务器（PostgreSQL）: campaign server init --pg 地址
                      campaign server user add --pg 地址 --name 用户名 --role admin|analyst|city|inspector [--region 地市] --password-file 密码文件
                      campaign server user list --pg 地址 [--format json]
                      campaign server user disable --pg 地址 --name 用户名
                      campaign server start --pg 地址 [--host 127.0.0.1] [--port 8443] [--tls-cert 证书 --tls-key 私钥] [--trust-proxy]
                      （--pg 也可用环境变量 CAMPAIGN_PG_URL）
  sync        从省厅服务器同步本机数据库: campaign sync --db 本地库 --server 地址 --user 用户名 --password-file 密码文件 [--format json]
  submit      地市报送（督导组账号报送督导回传）: campaign submit --server 地址 --user 用户名 --password-file 密码文件 [--replace] [--format json] 文件...
  submissions 报送审核列表: campaign submissions --server 地址 --user 用户名 --password-file 密码文件 [--status 待审核|已退回|已采用|校验未通过] [--format json]
  accept      采用一份报送: campaign accept --server 地址 --user 用户名 --password-file 密码文件 编号
  return      退回一份报送: campaign return --server 地址 --user 用户名 --password-file 密码文件 编号 --reason 原因
              （--server 也可用环境变量 CAMPAIGN_SERVER；自签名证书用 --ca 证书 或 CAMPAIGN_SERVER_CA 指定签发它的证书）

通用选项:
  --db PATH              数据库文件（默认: 环境变量 CAMPAIGN_DB，否则用户数据目录下的 campaign.db）；
                         也可以是督导包 文件.cwb（只在内存中解密，须给口令）
  --passphrase-file 文件  督导包、督导回传的口令（一行；或环境变量 CAMPAIGN_PASSPHRASE），至少 10 个字符
  --format table|csv|json

query / completeness / anomalies 选项:
  --from YYYY-MM-DD --to YYYY-MM-DD | --phase 名称
  --region X...          地区代码或名称（市含所辖县区及市本级）
  --department X...      部门
  --indicator X...       指标（同名时写成 部门/指标，如 禁毒/出动警力）
  --by K...              分组: ${GROUP_KEYS.join('|')}
  --compare yoy|prev     同比 / 环比

report 选项（另可用上面的筛选选项）:
  --type briefing|city|table|reminders|rectification   全省通报 | 城市督导报告（须 --region 一个地市）| 数据表（按 --by 分组）| 催报清单 | 整改台账（不需时段）
  --status 待整改|整改中|已销号  整改台账只列该状态的督导发现
  --format docx|xlsx|pdf|csv   文档格式（report 命令中 --format 指文档格式）
  --out 文件                   输出文件路径
  --rank-by 指标               各市排名依据（名称、别名或 部门/指标；默认 抓获现行违法犯罪人员）
  --compare yoy|prev|none      同比 | 环比 | 无对比（全省通报和城市督导报告默认同比）
`;

const FIELD_LABELS: Record<string, string> = {
  region_code: '地区代码',
  region_name: '地区',
  department: '部门',
  indicator: '指标',
  unit: '单位',
  day: '日期',
  week: '周',
  month: '月',
  phase: '阶段',
  value: '数值',
  base: '基期',
  change: '增减',
  change_pct: '增减%',
  id: '批次',
  source: '来源',
  facts: '条数',
  replaced: '替换',
  importedAt: '导入时间（北京时间）',
  undoneAt: '撤销时间（北京时间）',
  usual: '预期值',
  expected_range: '预期范围',
  score: '偏离倍数',
  aliases: '别名',
  city_code: '市代码',
  city_name: '市',
  units: '报送单位',
  expected_pairs: '应报单位日',
  reported_pairs: '齐全单位日',
  missing_pairs: '缺报单位日',
  partial_pairs: '部分报送单位日',
  rate: '报送率%',
  reported: '已报指标',
  expected: '应报指标',
};
const NUMERIC = new Set(['value', 'base', 'change', 'change_pct']);
const KEY_FIELDS = ['region_code', 'region_name', 'city_code', 'city_name', 'department', 'indicator', 'unit', 'day', 'week', 'month', 'phase'];

/** Commands that need an existing database; only `demo` and `import` may create a new file. */
const READ_COMMANDS = new Set(['info', 'catalogue', 'query', 'completeness', 'anomalies', 'report', 'template', 'undo', 'bundle', 'finding', 'correct']);

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function format(options: Options): 'table' | 'csv' | 'json' {
  const f = options.format ?? 'table';
  if (f !== 'table' && f !== 'csv' && f !== 'json') throw new UserError(`--format 只能是 table、csv 或 json（收到 ${f}）`);
  return f;
}

function sliceInput(options: Options): SliceQuery {
  const by = (options.by ?? []).flatMap((b) => b.split(','));
  const bad = by.filter((b) => !(GROUP_KEYS as readonly string[]).includes(b));
  if (bad.length > 0) throw new UserError(`无法识别分组 ${bad.join('、')}（可用：${GROUP_KEYS.join('、')}）`);
  const compare = options.compare;
  if (compare !== undefined && compare !== 'yoy' && compare !== 'prev') {
    throw new UserError(`--compare 只能是 yoy（同比）或 prev（环比），收到 ${compare}`);
  }
  return {
    ...(options.phase !== undefined ? { phase: options.phase } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    regions: options.region ?? [],
    departments: options.department ?? [],
    indicators: options.indicator ?? [],
    by: by as GroupKey[],
    ...(compare ? { compare } : {}),
  };
}

function printRows(fields: string[], rows: Record<string, Cell>[], fmt: 'table' | 'csv', footer?: Record<string, Cell>): void {
  const cells = rows.map((r) => fields.map((f) => r[f]));
  if (fmt === 'csv') return out(formatCsv(fields, cells));
  if (footer) cells.push(fields.map((f, i) => (i === 0 ? '合计' : footer[f])));
  out(formatTable(fields.map((f) => FIELD_LABELS[f] ?? f), cells, fields.map((f) => NUMERIC.has(f))));
}

function sliceFields(rows: SliceRow[], compare: boolean): string[] {
  const keys = KEY_FIELDS.filter((k) => rows.some((r) => k in r));
  return [...keys, 'value', ...(compare ? ['base', 'change', 'change_pct'] : [])];
}

/**
 * Figures from a demo database are said to be demo figures: the table's first line; for CSV, which
 * scripts read, a line on stderr, so that stdout stays the data alone (JSON: `campaign info` has
 * `demo`).
 */
function noteDemo(ws: Workspace, fmt: 'table' | 'csv'): void {
  if (!holdsDemoData(ws.db)) return;
  if (fmt === 'table') out(`【${DEMO_MARK}】`);
  else process.stderr.write(`注意：${terminalText(ws.path)} 为${DEMO_MARK}\n`);
}

async function run(argv: string[]): Promise<number> {
  throwTestBugIfAsked();
  const { command, args, options } = parseCommandLine(argv);
  // `campaign --version` alone names the version; with --help or no command, the help.
  if (options.version && !options.help) {
    out(PROGRAM_VERSION);
    return 0;
  }
  if (options.help || !command || command === 'help') {
    out(HELP);
    return 0;
  }
  // Loaded only for `server`: the PostgreSQL driver stays out of every other command's start-up.
  if (command === 'server') return (await import('./server-commands')).serverCommand(args, options);
  // 报送与审核 talk to the server only; sync also opens --db (cli/sync-command.ts).
  if (command === 'submit' || command === 'submissions' || command === 'accept' || command === 'return') {
    return (await import('./submission-commands')).submissionCommand(command, args, options);
  }
  if (command === 'sync') return (await import('./sync-command')).syncCommand(options.db ?? defaultDbPath(), options);
  // The demo never goes into the real database: without --db it has its own file, demo.db.
  const dbPath = options.db ?? (command === 'demo' ? demoDbPath() : defaultDbPath());
  if (command === 'demo' && resolvePath(dbPath) === resolvePath(joinPath(userDataFolder(), REAL_DB_FILE))) {
    throw new UserError(`演示数据不写入正式数据库 ${dbPath}：请不给 --db（写入 ${demoDbPath()}）或另给一个新文件路径。`);
  }
  // A read command never creates a file: a mistyped path is said to be missing, not made empty.
  if (command !== undefined && READ_COMMANDS.has(command) && dbPath !== ':memory:' && !existsSync(dbPath)) {
    throw new UserError(`数据库文件不存在：${dbPath}`);
  }
  if (command === 'report') return report(dbPath, options);
  if (command === 'template') return template(dbPath, options);
  if (command === 'bundle') return bundleCommand(dbPath, args, options);
  if (command === 'finding') return findingCommand(dbPath, args, options);
  if (command === 'correct') return correctCommand(dbPath, args, options);
  const fmt = format(options);

  const withWorkspace = <T>(fn: (ws: Workspace) => Promise<T> | T): Promise<T> => withCliWorkspace(dbPath, options, fn);

  switch (command) {
    case 'demo':
      return withWorkspace(async (ws) => {
        // Printed as before: what changed is for the window's cache, not the command line.
        const { changed: _changed, ...s } = oneAnswerCore(ws).buildDemo();
        out(fmt === 'json' ? JSON.stringify(s) : `演示数据已写入 ${terminalText(dbPath)}：${s.facts} 条（${s.units} 个报送单位 × ${s.indicators} 项指标 × ${s.days} 天），批次 ${s.batchId}`);
        return 0;
      });

    case 'import': {
      if (args.length === 0) throw new UserError('请给出要导入的文件：campaign import [--replace] 文件...');
      return withWorkspace(async (ws) => {
        const files = args.map((path) => {
          try {
            return { name: path, bytes: readFileSync(path) };
          } catch (e) {
            throw new UserError(`无法读取文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
          }
        });
        const report = await oneAnswerCore(ws).import({ files, replace: options.replace ?? false, rejects: options.rejects !== undefined });
        if (fmt === 'json') out(JSON.stringify({ ...report, changed: undefined, rejects: report.rejects && { ...report.rejects, bytes: undefined, path: options.rejects } }));
        else {
          for (const f of report.files) {
            const what =
              f.status === 'imported'
                ? `已导入为批次 ${f.batchId}：${f.facts} 条${f.replaced ? `，替换 ${f.replaced} 条` : ''}`
                : f.status === 'unchanged'
                  ? `内容与批次 ${f.duplicateOf} 相同，未做任何更改`
                  : '有错误，未导入';
            // Which encoding a CSV was read as: a wrong guess shows as garbled names, so it is said.
            out(`${terminalText(f.file)}: ${what}${f.encoding ? `（按 ${TEXT_ENCODING_LABELS[f.encoding]} 编码读取）` : ''}`);
          }
        }
        if (!report.ok) {
          const rows = report.errors.map((e) => [e.file, e.sheet, e.row, e.column, e.value, e.reason]);
          process.stderr.write(formatTable(['文件', '工作表', '行', '列', '值', '原因'], rows) + '\n');
          process.stderr.write(importFailureNotes(report, options.rejects).map((line) => terminalText(line)).join('\n') + '\n');
          return 1;
        }
        return 0;
      });
    }

    case 'undo': {
      const id = Number(args[0]);
      if (!Number.isInteger(id) || id <= 0) throw new UserError('请给出要撤销的批次号：campaign undo 批次号');
      return withWorkspace(async (ws) => {
        const { changed: _changed, ...r } = oneAnswerCore(ws).undo({ batchId: id });
        out(fmt === 'json' ? JSON.stringify(r) : `已撤销批次 ${r.batchId}：删除 ${r.removed} 条，恢复被替换的 ${r.restored} 条${r.backup ? `（撤销前备份：${r.backup}）` : ''}`);
        return 0;
      });
    }

    case 'info':
      return withWorkspace(async (ws) => {
        const info = oneAnswerCore(ws).info({});
        if (fmt === 'json') return out(JSON.stringify(info)), 0;
        out(`数据库: ${terminalText(info.path)}（结构版本 ${info.schemaVersion}）${info.demo ? `【${DEMO_MARK}】` : ''}`);
        if (info.bundle) out(`督导包: ${terminalText(info.bundle.cityName)} ${info.bundle.from} 至 ${info.bundle.to}，${terminalText(info.bundle.madeBy)} 于 ${beijingClock(info.bundle.madeAt)} 从全省数据库导出（内存中解密，写回时重新加密）`);
        if (info.engine.kind === 'sql') out(`查询方式: 数据库逐次计算（${info.engine.reason ?? ''}）`);
        out(`数据: ${info.facts} 条，${info.from ?? '—'} 至 ${info.to ?? '—'}，${info.reportingUnits} 个报送单位，${info.indicators} 项指标`);
        // Times in Beijing time (the JSON keeps the stored UTC instants).
        // origin: 省厅 (a batch of the provincial record, brought by `campaign sync`) or 本地 (imported here).
        const batches = info.batches.map((b) => ({ ...b, origin: b.origin === 'server' ? `省厅 ${b.serverBatchId}` : '本地', importedAt: beijingClock(b.importedAt), undoneAt: b.undoneAt === null ? null : beijingClock(b.undoneAt) }));
        printRows(['id', 'source', 'origin', 'facts', 'replaced', 'importedAt', 'undoneAt'], batches, fmt);
        return 0;
      });

    case 'catalogue':
      return withWorkspace(async (ws) => {
        const c = oneAnswerCore(ws).catalogue({});
        if (fmt === 'json') return out(JSON.stringify(c)), 0;
        const rows = c.indicators.map((i) => ({
          department: i.department,
          indicator: i.name,
          unit: i.unit,
          source: i.fromArticle ? '新闻稿' : '补充（非新闻稿）',
          aliases: i.aliases.join('、'),
        }));
        printRows(['department', 'indicator', 'unit', 'source', 'aliases'], rows, fmt);
        if (fmt === 'table') {
          const levels = ['province', 'city', 'county'].map((l) => c.regions.filter((r) => r.level === l).length);
          out(`\n地区: ${levels[0]} 省、${levels[1]} 市、${levels[2]} 县级；部门: ${c.departments.map((d) => d.name).join('、')}`);
          for (const k of c.campaigns) out(`行动: ${k.name} ${k.from}..${k.to}；阶段: ${k.phases.map((p) => `${p.name} ${p.from}..${p.to}`).join('；')}`);
        }
        return 0;
      });

    case 'query':
      return withWorkspace(async (ws) => {
        const input = sliceInput(options);
        const result = oneAnswerCore(ws).query(input);
        if (fmt === 'json') return out(JSON.stringify({ rows: result.rows, total: result.total, period: result.period })), 0;
        noteDemo(ws, fmt);
        const fields = sliceFields(result.rows, input.compare !== undefined);
        // The table prints 增减% to one decimal, as reports do; CSV and JSON keep full precision.
        const pct = <T extends { change_pct?: number | null }>(r: T) =>
          fmt === 'table' && typeof r.change_pct === 'number' ? { ...r, change_pct: r.change_pct.toFixed(1) } : r;
        printRows(fields, result.rows.map(pct) as unknown as Record<string, Cell>[], fmt, pct(result.total) as unknown as Record<string, Cell>);
        return 0;
      });

    case 'completeness':
      return withWorkspace(async (ws) => {
        const input = sliceInput(options);
        if (fmt === 'csv') {
          // The 催报清单 exactly as the 数据完整性 view exports it (one builder), without the byte-order mark.
          const file = await oneAnswerCore(ws).report({ ...input, type: 'reminders', format: 'csv' });
          process.stdout.write(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''));
          return 0;
        }
        const r = oneAnswerCore(ws).completeness(input);
        if (fmt === 'json') return out(JSON.stringify(r)), 0;
        noteDemo(ws, fmt);
        if (fmt === 'table') out(`${r.period.from} 至 ${r.period.to}：${r.units} 个报送单位 × ${r.days} 天 × ${r.indicators} 项指标；未报送 ${r.missing.length} 个单位日，部分报送 ${r.partial.length} 个单位日`);
        printRows(
          ['city_code', 'city_name', 'units', 'expected_pairs', 'reported_pairs', 'missing_pairs', 'partial_pairs', 'rate'],
          r.cities.map((c) => ({ ...c, rate: Math.round(c.rate * 10000) / 100 })),
          fmt,
        );
        const gaps = reminderTable(r, '催报清单');
        if (gaps.rows.length > 0) {
          out('');
          out(formatTable(gaps.columns.map((c) => c.header), gaps.rows.map((row) => row.map((c) => c.value))));
        }
        return 0;
      });

    case 'anomalies':
      return withWorkspace(async (ws) => {
        const r = oneAnswerCore(ws).anomalies(sliceInput(options));
        if (fmt === 'json') return out(JSON.stringify(r)), 0;
        if (fmt === 'table') out(`${r.period.from} 至 ${r.period.to}：偏离本单位历史水平（${r.window.from} 至 ${r.window.to} 其他各日）超过 ${r.threshold} 倍稳健标准差的数据 ${r.total} 条`);
        const rows = r.cities.flatMap((c) => c.anomalies).map((a) => ({ ...a, usual: a.expected, expected_range: `${a.expected_low}–${a.expected_high}` }));
        printRows(['city_name', 'region_code', 'region_name', 'day', 'department', 'indicator', 'unit', 'value', 'usual', 'expected_range', 'score'], rows, fmt);
        return 0;
      });

    default:
      throw new UserError(`未知命令“${command}”；campaign --help 列出全部命令`);
  }
}

/**
 * The closing lines of a rejected import: counts by kind, the remedy for conflicts in this
 * transport's words, and the rejects file written (--rejects).
 */
function importFailureNotes(report: ImportReport, rejectsPath: string | undefined): string[] {
  const kinds = (Object.entries(report.errorKinds) as [ImportIssueKind, number][]).map(([k, n]) => `${IMPORT_ISSUE_KIND_LABELS[k]} ${n} 处`).join('、');
  const lines = [`导入失败：共 ${report.errorTotal} 处错误（${kinds}），数据库未做任何更改。`];
  const conflicts = report.errorKinds.conflict ?? 0;
  if (conflicts > 0) lines.push(`其中 ${conflicts} 处与已有数据冲突：如要以本次导入的文件为准，请改正其他错误后加 --replace 重新导入（可用 campaign undo 撤销）。`);
  if (rejectsPath !== undefined) {
    if (report.rejects) {
      try {
        writeFileSync(rejectsPath, report.rejects.bytes);
      } catch (e) {
        throw new UserError(`无法写入文件 ${rejectsPath}：${e instanceof Error ? e.message : String(e)}`);
      }
      lines.push(`被拒绝的 ${report.rejects.rows} 行已写入 ${rejectsPath}（原样保留各行，另加“原因”列）${report.rejects.truncated ? '；行数超过上限，其余的行未写入' : ''}。`);
    } else lines.push(`没有被拒绝的数据行（问题都在文件或表头），未写出 ${rejectsPath}。`);
  }
  return lines;
}

/** `campaign template`: the XLSX a city fills in (electron/ingest/template.ts). */
async function template(dbPath: string, options: Options): Promise<number> {
  const regions = options.region ?? [];
  if (regions.length !== 1) throw new UserError('请用 --region 指定一个地市（填报模板按地市生成）');
  if (!options.out) throw new UserError('请用 --out 指定输出文件路径（.xlsx）');
  const ws = openCliWorkspace(dbPath, options, { readonly: true });
  try {
    const file = await oneAnswerCore(ws).template({
      region: regions[0]!,
      ...(options.phase !== undefined ? { phase: options.phase } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      departments: options.department ?? [],
    });
    try {
      writeFileSync(options.out, file.bytes);
    } catch (e) {
      throw new UserError(`无法写入文件 ${options.out}：${e instanceof Error ? e.message : String(e)}`);
    }
    out(`已写入 ${terminalText(options.out)}（${terminalText(file.fileName)}，${file.bytes.length} 字节）`);
    return 0;
  } finally {
    ws.close();
  }
}

async function report(dbPath: string, options: Options): Promise<number> {
  const type = options.type;
  if (!type || !(REPORT_TYPES as readonly string[]).includes(type)) {
    throw new UserError(`请用 --type 指定报告类型：${REPORT_TYPES.join('、')}（收到 ${type ?? '无'}）`);
  }
  const docFormat = options.format;
  if (!docFormat || !(REPORT_FORMATS as readonly string[]).includes(docFormat)) {
    throw new UserError(`请用 --format 指定文档格式：${REPORT_FORMATS.join('、')}（收到 ${docFormat ?? '无'}）`);
  }
  if (!options.out) throw new UserError('请用 --out 指定输出文件路径');
  // --compare none (对比 无) is the report's own: no comparison is printed anywhere.
  const noCompare = options.compare === 'none';
  const request: ReportRequest = {
    ...sliceInput(noCompare ? { ...options, compare: undefined } : options),
    type: type as ReportRequest['type'],
    format: docFormat as ReportRequest['format'],
    ...(noCompare ? { compare: 'none' as const } : {}),
    ...(options['rank-by'] !== undefined ? { rankBy: options['rank-by'] } : {}),
    ...(options.status !== undefined ? { status: reportStatus(options.status) } : {}),
  };
  const ws = openCliWorkspace(dbPath, options, { readonly: true });
  try {
    const started = performance.now();
    const file = await oneAnswerCore(ws).report(request);
    try {
      writeFileSync(options.out, file.bytes);
    } catch (e) {
      throw new UserError(`无法写入文件 ${options.out}：${e instanceof Error ? e.message : String(e)}`);
    }
    out(`已写入 ${terminalText(options.out)}（${terminalText(file.fileName)}，${file.bytes.length} 字节，用时 ${((performance.now() - started) / 1000).toFixed(2)} 秒）`);
    return 0;
  } finally {
    ws.close();
  }
}

/** `--status` of the 整改台账: one of the findings' statuses. */
function reportStatus(text: string): FindingStatus {
  const found = FINDING_STATUSES.find((s) => s === text);
  if (!found) throw new UserError(`--status 只能是 ${FINDING_STATUSES.join('、')}（收到 ${text}）`);
  return found;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (caught) {
    // A locked database, a full disk or a read-only file is the user's to fix, not a bug.
    const e = asUserFacing(caught);
    if (e instanceof UserError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`错误: ${terminalText(e.message, { keepNewlines: true })}\n`);
      return 1;
    }
    // A bug: the stack goes to the per-user error log, the terminal gets its id (as the page does).
    process.stderr.write(`错误: ${logBug(userDataFolder(), e, { operation: `campaign ${argv[0] ?? ''}` }).message}\n`);
    return 1;
  }
}
