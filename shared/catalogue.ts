// The built-in catalogue: departments, indicators and campaigns, as people read and review it.
// Databases get it from the frozen migrations (electron/store/migrations), never from here: a
// change here must also be written as a new migration; test/migrations/catalogue.test.ts fails
// until the two agree.
import type { DisplayStyle } from './format';

export interface DepartmentDef {
  name: string; // canonical short name, the contract used by import and query
  fullName: string;
  aliases: string[];
}

export const DEPARTMENTS: readonly DepartmentDef[] = [
  { name: '综合', fullName: '全警综合', aliases: ['全警', '综合', '合计', '全部警种'] },
  { name: '治安', fullName: '治安部门', aliases: ['治安总队', '治安支队', '治安大队', '治安部门'] },
  { name: '交警', fullName: '交通管理部门', aliases: ['交警总队', '交警支队', '交警大队', '交管', '交管部门', '公安交管'] },
  { name: '刑侦', fullName: '刑事侦查部门', aliases: ['刑侦总队', '刑侦支队', '刑侦大队', '刑侦部门'] },
  { name: '禁毒', fullName: '禁毒部门', aliases: ['禁毒总队', '禁毒支队', '禁毒大队', '禁毒部门'] },
  { name: '食药侦', fullName: '食品药品与环境犯罪侦查部门', aliases: ['食药侦总队', '食药侦支队', '食药环侦', '食药侦部门'] },
  { name: '网安', fullName: '网络安全保卫部门', aliases: ['网安总队', '网安支队', '网安大队', '网安部门'] },
];

export interface IndicatorDef {
  department: string;
  name: string; // canonical name, the contract used by import and query
  unit: string;
  /** How a report words it; {v} is the formatted figure with its unit ("设立{v}网下宣防点"). */
  phrase: string;
  display: DisplayStyle;
  /** True when the article reports this indicator; false for the other departments' usual returns. */
  fromArticle: boolean;
  aliases: string[];
}

const exact: DisplayStyle = { kind: 'exact' };
const wan: DisplayStyle = { kind: 'wan', sig: 3 };

function ind(
  department: string,
  name: string,
  unit: string,
  phrase: string,
  display: DisplayStyle = exact,
  aliases: string[] = [],
  fromArticle = true,
): IndicatorDef {
  return { department, name, unit, phrase, display, fromArticle, aliases };
}

export const INDICATORS: readonly IndicatorDef[] = [
  // 综合: the whole-force figures every bureau reports (article, table A).
  ind('综合', '出动民警辅警', '人次', '出动民警辅警{v}', wan, ['出动警力（民警辅警）', '民警辅警']),
  ind('综合', '出动车辆', '辆次', '出动车辆{v}', exact, ['出动警车']),
  ind('综合', '设立卡点', '个', '设立卡点{v}', exact, ['设卡', '设立检查卡点']),
  ind('综合', '盘查人员', '人次', '盘查人员{v}', wan),
  ind('综合', '检查车辆', '台次', '检查车辆{v}', wan, ['盘查车辆']),
  ind('综合', '检查行业场所', '家次', '检查行业场所{v}', wan, ['检查重点行业场所']),
  ind('综合', '巡查重点部位', '处', '巡查重点部位{v}'),
  ind('综合', '排查整改安全隐患', '处', '排查整改各类安全隐患{v}', exact, ['排查整改各类安全隐患']),
  ind('综合', '抓获现行违法犯罪人员', '名', '抓获现行违法犯罪人员{v}'),
  ind('综合', '抓获在逃人员', '名', '抓获在逃人员{v}'),
  ind('综合', '发动群防群治力量', '人次', '发动组织群防群治力量{v}', wan, ['发动组织群防群治力量']),
  ind('综合', '设立网下宣防点', '个', '设立{v}网下宣防点'),
  ind('综合', '设立网上宣防点', '个', '设立{v}网上宣防点'),
  ind('综合', '发放宣传资料', '份', '发放宣传资料{v}', wan),
  ind('综合', '播发宣传视频', '条', '播发宣传视频{v}', { kind: 'floorApprox', sig: 2 }),
  ind('综合', '新媒体发布宣传品', '条', '全省公安新媒体矩阵发布宣传品{v}', exact, [
    '公安新媒体矩阵发布宣传品',
    '全省公安新媒体矩阵发布宣传品',
  ]),
  ind('综合', '宣传品阅读量', '次', '阅读量{v}', { kind: 'over', sig: 3 }, ['阅读量']),
  // 禁毒 (article, table B).
  ind('禁毒', '出动警力', '人次', '出动警力{v}'),
  ind('禁毒', '排查重点场所', '个', '排查重点场所{v}'),
  ind('禁毒', '涉毒检测', '人', '开展涉毒检测{v}', exact, ['开展涉毒检测']),
  ind('禁毒', '破获毒品刑事案件', '起', '破获毒品刑事案件{v}'),
  ind('禁毒', '抓获毒品犯罪嫌疑人', '名', '抓获毒品犯罪嫌疑人{v}'),
  ind('禁毒', '查获吸毒人员', '名', '查获吸毒人员{v}'),
  ind('禁毒', '缴获毒品', '克', '缴获各类毒品{v}', exact, ['缴获各类毒品']),
  ind('禁毒', '抓获上网逃犯', '名', '抓获上网逃犯{v}'),
  // 交警 (article, table C).
  ind('交警', '查处酒驾醉驾', '起', '查处酒驾醉驾违法{v}', exact, ['查处酒驾醉驾违法', '酒驾醉驾']),
  ind('交警', '查处严重超载', '起', '查处严重超载{v}', exact, ['严重超载']),
  ind('交警', '查处疲劳驾驶', '起', '查处疲劳驾驶{v}', exact, ['疲劳驾驶']),
  ind('交警', '摸排飙车炸街线索', '条', '摸排“飙车炸街”线索{v}', exact, ['摸排涉及飙车炸街线索']),
  ind('交警', '查处飙车炸街非法改装', '起', '查处“飙车炸街”非法改装{v}', exact, ['查处涉及飙车炸街非法改装']),
  ind('交警', '捣毁非法改装窝点', '处', '捣毁{v}摩托车非法改装销售窝点', exact, ['捣毁摩托车非法改装销售窝点']),
  // The other departments' usual daily returns; the article names their work but prints no figures.
  ind('治安', '查处聚众斗殴案件', '起', '查处聚众斗殴案件{v}', exact, [], false),
  ind('治安', '查处寻衅滋事案件', '起', '查处寻衅滋事案件{v}', exact, [], false),
  ind('治安', '查处涉黄案件', '起', '查处涉黄案件{v}', exact, [], false),
  ind('治安', '查处涉赌案件', '起', '查处涉赌案件{v}', exact, [], false),
  ind('治安', '打掉黄赌违法犯罪团伙', '个', '打掉黄赌违法犯罪团伙{v}', exact, [], false),
  ind('治安', '收缴非法枪支', '支', '收缴非法枪支{v}', exact, [], false),
  ind('治安', '收缴管制刀具', '把', '收缴管制刀具{v}', exact, [], false),
  ind('刑侦', '破获刑事案件', '起', '破获刑事案件{v}', exact, [], false),
  ind('刑侦', '抓获犯罪嫌疑人', '名', '抓获犯罪嫌疑人{v}', exact, [], false),
  ind('刑侦', '破获命案', '起', '破获命案{v}', exact, [], false),
  ind('刑侦', '打掉犯罪团伙', '个', '打掉犯罪团伙{v}', exact, [], false),
  ind('刑侦', '破获电信网络诈骗案件', '起', '破获电信网络诈骗案件{v}', exact, [], false),
  ind('食药侦', '破获食药环案件', '起', '破获食品药品环境领域案件{v}', exact, ['破获食品药品环境领域案件'], false),
  ind('食药侦', '抓获犯罪嫌疑人', '名', '抓获犯罪嫌疑人{v}', exact, [], false),
  ind('食药侦', '捣毁制售窝点', '个', '捣毁制售假劣窝点{v}', exact, ['捣毁制售假劣窝点'], false),
  ind('食药侦', '涉案金额', '万元', '涉案金额{v}', exact, [], false),
  ind('网安', '侦办涉网案件', '起', '侦办涉网案件{v}', exact, [], false),
  ind('网安', '抓获犯罪嫌疑人', '名', '抓获犯罪嫌疑人{v}', exact, [], false),
  ind('网安', '清理违法有害信息', '条', '清理违法有害信息{v}', exact, [], false),
  ind('网安', '检查网络服务单位', '家次', '检查网络服务单位{v}', exact, [], false),
];

export interface PhaseDef {
  name: string; // unique across campaigns: --phase NAME
  from: string;
  to: string;
}

export interface CampaignDef {
  name: string;
  year: number;
  from: string;
  to: string;
  phases: PhaseDef[];
}

// The article (press conference of 12 July 2023) gives no window; 公安部's summer campaigns of these
// years ran from late June to the end of September, so both editions use 25 June .. 30 September.
export const CAMPAIGNS: readonly CampaignDef[] = [
  {
    name: '2022年夏季治安打击整治行动',
    year: 2022,
    from: '2022-06-25',
    to: '2022-09-30',
    phases: [{ name: '2022年第一次集中统一行动', from: '2022-07-07', to: '2022-07-09' }],
  },
  {
    name: '2023年夏季治安打击整治行动',
    year: 2023,
    from: '2023-06-25',
    to: '2023-09-30',
    phases: [{ name: '第一次集中统一行动', from: '2023-07-07', to: '2023-07-09' }],
  },
];

/** Folds the spellings people type into one key: width, quotes, spaces and brackets. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s"'“”‘’「」『』《》]/g, '')
    .trim();
}
