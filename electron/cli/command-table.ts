// Every `campaign` command: its name, its lines in `campaign --help`, the database it works on, and
// the module that runs it (electron/cli/commands/). main.ts dispatches on this table and help.ts
// prints it. The server's commands are loaded on use: the PostgreSQL driver and the HTTP client
// stay out of every other command's start-up.
import type { Options } from './args';
import { anomaliesCommand } from './commands/anomalies';
import { bundleCommand } from './commands/bundle';
import { catalogueCommand } from './commands/catalogue';
import { completenessCommand } from './commands/completeness';
import { demoCommand } from './commands/demo';
import { correctCommand, findingCommand } from './commands/finding';
import { importCommand } from './commands/import';
import { infoCommand } from './commands/info';
import { queryCommand } from './commands/query';
import { reportCommand } from './commands/report';
import { templateCommand } from './commands/template';
import { undoCommand } from './commands/undo';
import { demoDbPath } from '../runtime/default-db';

interface CommandEntry {
  name: string;
  /** What follows the name in `campaign --help`; further lines carry their own indent. */
  help: string;
}

/** A command of the provincial server (or one that only talks to it): no local database. */
export interface ServerSideCommand extends CommandEntry {
  database: 'none';
  run(args: string[], options: Options): Promise<number>;
}

/**
 * A command on a local database: --db, else `defaultDb` (the per-user campaign.db). 'existing'
 * refuses a path that names no file (a mistyped path is said to be missing, not made empty);
 * 'any' may create it.
 */
export interface DatabaseCommand extends CommandEntry {
  database: 'existing' | 'any';
  defaultDb?: () => string;
  run(dbPath: string, args: string[], options: Options): Promise<number>;
}

export type CliCommand = ServerSideCommand | DatabaseCommand;

type SubmissionCommandName = 'submit' | 'submissions' | 'accept' | 'return';

/** 报送与审核 talk to the server only (commands/submissions.ts). */
function submissionCommand(name: SubmissionCommandName, help: string): ServerSideCommand {
  return {
    name,
    help,
    database: 'none',
    run: async (args, options) => (await import('./commands/submissions')).submissionCommand(name, args, options),
  };
}

/** In the order `campaign --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'demo',
    help: '生成演示数据库（2022、2023 年夏季治安打击整治行动）；不给 --db 时写入用户数据目录下的 demo.db',
    database: 'any',
    defaultDb: () => demoDbPath(),
    run: demoCommand,
  },
  {
    name: 'import',
    help: '导入各市报表（CSV/XLSX，长表或宽表）: campaign import [--replace] [--rejects 退回.xlsx] 文件...',
    database: 'any',
    run: importCommand,
  },
  { name: 'undo', help: '撤销一个导入批次: campaign undo 批次号', database: 'existing', run: undoCommand },
  { name: 'info', help: '数据库概况: 数据条数、日期范围、导入批次', database: 'existing', run: infoCommand },
  { name: 'catalogue', help: '指标目录、部门、地区、行动阶段', database: 'existing', run: catalogueCommand },
  { name: 'query', help: '切片查询', database: 'existing', run: queryCommand },
  {
    name: 'completeness',
    help: '报送完整性: 哪些单位哪天未报送；--format csv 输出催报清单（与工作站导出的相同）',
    database: 'existing',
    run: completenessCommand,
  },
  {
    name: 'anomalies',
    help: '异常数据: 明显偏离本单位历史水平的数据（与城市督导报告相同的算法）',
    database: 'existing',
    run: anomaliesCommand,
  },
  {
    name: 'report',
    help: '导出报告: campaign report --type briefing|city|table|reminders|rectification --format docx|xlsx|pdf|csv --out 文件',
    database: 'existing',
    run: reportCommand,
  },
  {
    name: 'template',
    help: '填报模板: campaign template --region 地市 (--from D --to D | --phase 名称) [--department X]... --out 文件.xlsx',
    database: 'existing',
    run: templateCommand,
  },
  {
    name: 'bundle',
    help: `督导包: campaign bundle export --region 地市 (--from D --to D | --phase 名称) --out 文件.cwb --passphrase-file 口令文件
                      campaign bundle return --db 文件.cwb --out 文件.cwr --passphrase-file 口令文件
                      campaign bundle merge --file 文件.cwr --passphrase-file 口令文件`,
    database: 'existing',
    run: bundleCommand,
  },
  {
    name: 'finding',
    help: `督导发现: campaign finding add --region 单位 --category 类别 --severity 程度 --text 描述 [--due D] [--owner X] [--attach 文件]...
                        campaign finding update 编号 [--status 待整改|整改中|已销号] [--note 说明] [--due D] [--attach 文件]...
                        campaign finding list [--region X] [--status X] [--overdue]
                        campaign finding attachments 编号 --out 文件夹`,
    database: 'existing',
    run: findingCommand,
  },
  {
    name: 'correct',
    help: '核实更正: campaign correct --region 单位 --indicator 指标 --day D --value N --reason 原因 [--finding 编号]',
    database: 'existing',
    run: correctCommand,
  },
  {
    name: 'server',
    help: `省厅服务器（PostgreSQL）: campaign server init --pg 地址
                      campaign server user add --pg 地址 --name 用户名 --role admin|analyst|city|inspector [--region 地市] --password-file 密码文件
                      campaign server user list --pg 地址 [--format json]
                      campaign server user disable --pg 地址 --name 用户名
                      campaign server start --pg 地址 [--host 127.0.0.1] [--port 8443] [--tls-cert 证书 --tls-key 私钥] [--trust-proxy]
                      （--pg 也可用环境变量 CAMPAIGN_PG_URL）`,
    database: 'none',
    run: async (args, options) => (await import('./commands/server')).serverCommand(args, options),
  },
  {
    name: 'sync',
    help: '从省厅服务器同步本机数据库: campaign sync --db 本地库 --server 地址 --user 用户名 --password-file 密码文件 [--format json]',
    // A --db that does not exist is created: an empty database, filled by the sync.
    database: 'any',
    run: async (dbPath, _args, options) => (await import('./commands/sync')).syncCommand(dbPath, options),
  },
  submissionCommand(
    'submit',
    '地市报送（督导组账号报送督导回传）: campaign submit --server 地址 --user 用户名 --password-file 密码文件 [--replace] [--format json] 文件...',
  ),
  submissionCommand(
    'submissions',
    '报送审核列表: campaign submissions --server 地址 --user 用户名 --password-file 密码文件 [--status 待审核|已退回|已采用|校验未通过] [--format json]',
  ),
  submissionCommand('accept', '采用一份报送: campaign accept --server 地址 --user 用户名 --password-file 密码文件 编号'),
  submissionCommand(
    'return',
    `退回一份报送: campaign return --server 地址 --user 用户名 --password-file 密码文件 编号 --reason 原因
              （--server 也可用环境变量 CAMPAIGN_SERVER；自签名证书用 --ca 证书 或 CAMPAIGN_SERVER_CA 指定签发它的证书）`,
  ),
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
