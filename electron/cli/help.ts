// `campaign --help`: the commands from the command table, then the options they share.
import { GROUP_KEYS } from '../../shared/api/slice';
import { COMMANDS } from './command-table';

/** The command names in a column: two spaces before a name, its help from the 13th column on. */
function commandLines(): string {
  return COMMANDS.map((c) => `  ${c.name.length < 12 ? c.name.padEnd(12) : `${c.name}  `}${c.help}`).join('\n');
}

export const HELP = `campaign — 专项行动统计分析工作站命令行

用法: campaign <命令> [选项]

命令:
${commandLines()}

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
