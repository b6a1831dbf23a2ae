// What the demo campaign reproduces. Article figures (../shared/reference/published-figures.md)
// are exact totals chosen inside the range each printed form allows: 6.55万 → 65,450..65,549,
// 3700余 → 3,701..3,799, 超1600万 → 16,000,001..16,099,999. Window 'phase' is 2023-07-07..09;
// window 'toPress' is the campaign start up to the press conference, 2023-06-25..07-12.
// Indicators not in the article have a plausible ordinary-day province level instead.

export type Calibration =
  { window: 'phase' | 'toPress'; total: number; spike: number } | { window: 'none'; dailyLevel: number; spike: number };

const phase = (total: number, spike = 3): Calibration => ({ window: 'phase', total, spike });
const toPress = (total: number, spike = 1.6): Calibration => ({ window: 'toPress', total, spike });
const level = (dailyLevel: number, spike = 1.5): Calibration => ({ window: 'none', dailyLevel, spike });

export const PHASE_WINDOW = { from: '2023-07-07', to: '2023-07-09' };
export const TO_PRESS_WINDOW = { from: '2023-06-25', to: '2023-07-12' };

/** Keyed by 部门/指标. */
export const CALIBRATION: Record<string, Calibration> = {
  '综合/出动民警辅警': phase(65_512, 2.6),
  '综合/出动车辆': phase(15_148, 2.6),
  '综合/设立卡点': phase(1_135, 3.2),
  '综合/盘查人员': phase(200_318),
  '综合/检查车辆': phase(162_947),
  '综合/检查行业场所': phase(35_688),
  '综合/巡查重点部位': phase(9_709),
  '综合/排查整改安全隐患': phase(4_948),
  '综合/抓获现行违法犯罪人员': phase(1_023, 2.2),
  '综合/抓获在逃人员': phase(98, 2),
  '综合/发动群防群治力量': phase(32_716),
  '综合/设立网下宣防点': phase(2_183, 3.5),
  '综合/设立网上宣防点': phase(383, 3.5),
  '综合/发放宣传资料': phase(425_163),
  '综合/播发宣传视频': phase(3_746),
  '综合/新媒体发布宣传品': phase(1_536, 2.5),
  '综合/宣传品阅读量': phase(16_038_275, 2.5),
  '禁毒/出动警力': phase(3_382, 2.8),
  '禁毒/排查重点场所': phase(3_744),
  '禁毒/涉毒检测': phase(15_098),
  '禁毒/破获毒品刑事案件': phase(4, 1.5),
  '禁毒/抓获毒品犯罪嫌疑人': phase(5, 1.5),
  '禁毒/查获吸毒人员': phase(61, 2),
  '禁毒/缴获毒品': phase(27.3, 1.5),
  '禁毒/抓获上网逃犯': phase(2, 1.5),
  '交警/查处酒驾醉驾': toPress(3_381),
  '交警/查处严重超载': toPress(686),
  '交警/查处疲劳驾驶': toPress(471),
  '交警/摸排飙车炸街线索': toPress(52),
  '交警/查处飙车炸街非法改装': toPress(146),
  '交警/捣毁非法改装窝点': toPress(1, 1),
  '治安/查处聚众斗殴案件': level(12),
  '治安/查处寻衅滋事案件': level(18),
  '治安/查处涉黄案件': level(9),
  '治安/查处涉赌案件': level(14),
  '治安/打掉黄赌违法犯罪团伙': level(0.8),
  '治安/收缴非法枪支': level(1.5),
  '治安/收缴管制刀具': level(40),
  '刑侦/破获刑事案件': level(130),
  '刑侦/抓获犯罪嫌疑人': level(160),
  '刑侦/破获命案': level(0.3, 1),
  '刑侦/打掉犯罪团伙': level(1.2),
  '刑侦/破获电信网络诈骗案件': level(25),
  '食药侦/破获食药环案件': level(6),
  '食药侦/抓获犯罪嫌疑人': level(9),
  '食药侦/捣毁制售窝点': level(1),
  '食药侦/涉案金额': level(35.5),
  '网安/侦办涉网案件': level(20),
  '网安/抓获犯罪嫌疑人': level(28),
  '网安/清理违法有害信息': level(900),
  '网安/检查网络服务单位': level(150),
};

/** 2020 census population of each city (万人): the demo's size weights. */
export const CITY_POPULATION: Record<string, number> = {
  '140100': 530.4,
  '140200': 310.6,
  '140300': 131.8,
  '140400': 318.1,
  '140500': 219.5,
  '140600': 159.3,
  '140700': 337.9,
  '140800': 477.4,
  '140900': 268.9,
  '141000': 397.6,
  '141100': 339.9,
};

/** The 2022 edition ran at this share of 2023's level (a rough +10% 同比), varied per indicator. */
export const PREVIOUS_YEAR_LEVEL = 0.9;
