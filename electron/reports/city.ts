// 城市督导报告: the dossier an inspection team takes to one city — its figures and rank among the
// cities for every indicator, its counties, its daily trend against the province average, its
// reporting gaps and anomalies, and its 督导发现 (findings and corrections recorded, else a blank table for the team).
import type { Region } from '../../shared/api/catalogue-types';
import { UserError } from '../../shared/errors';
import { runCompleteness } from '../query/completeness';
import { ANOMALY_THRESHOLD, anomalyWindow as anomalyHistoryWindow, detectAnomalies } from '../query/anomalies';
import { keyIndicators, reportTitle, trendWindow, daysBetween } from './briefing';
import { beijingDay } from '../../shared/beijing-time';
import { trendChart } from './charts';
import { dateRangeText, dateText, provenanceOf, type ReportContext } from './context';
import { cell, MARK_SYMBOL, type Block, type Cell, type ReportDocument } from './model';
import { chineseNumber, comparisonSentence, figuresText, rankValues, type Figure } from './narrative';
import { byRegion, indicatorKey, regionIndicatorTable } from './tables';
import { correctionTable, correctionsInScope, countsSentence, inspectionScope, ledgerEntries, ledgerTable, NO_FINDINGS } from './rectification';

export interface CityRank {
  indicatorKey: string;
  value: number | null;
  rank: number | null;
  of: number;
}

export function dossierCity(ctx: ReportContext): Region {
  const regions = ctx.filter.regions;
  if (regions.length !== 1 || regions[0]!.level !== 'city' || ctx.filter.ownUnits.size > 0) {
    throw new UserError('城市督导报告须指定且只指定一个地市（如 --region 太原市）');
  }
  return regions[0]!;
}

export function buildCityDossier(ctx: ReportContext): ReportDocument {
  const city = dossierCity(ctx);
  const period = dateRangeText(ctx.from, ctx.to);
  const title = reportTitle(ctx, '督导报告', city.name);
  // Every city, for ranks: the same filter without the region.
  const compare = ctx.compare;
  const allCities = ctx.slice({ regions: [], by: ['region:city', 'indicator'], ...(compare ? { compare } : {}) });
  const values = byRegion(allCities.rows);
  const own = new Map(allCities.rows.filter((r) => r.region_code === city.code).map((r) => [indicatorKey(r.department, r.indicator), r]));
  const province = ctx.slice({ regions: [], by: ['indicator'] });
  const provinceTotal = new Map(province.rows.map((r) => [indicatorKey(r.department, r.indicator), r.value]));
  const n = ctx.cities.length;

  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: `（${period}）` },
    { kind: 'subtitle', text: `省公安厅督导组　${dateText(beijingDay(ctx.now))}` },
  ];
  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', level: 1, text: `${chineseNumber(++section)}、${text}` });

  // 一、基本情况: the city's figures in the briefing's words, and how many are top or bottom three.
  const ranks = ctx.indicators.map((ind) => {
    const r = rankValues(ctx.cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(ind.key) ?? null })));
    return { ind, ...r.get(city.code)! };
  });
  heading('基本情况');
  const figures = (dept: string): Figure[] =>
    ctx.indicators
      .filter((i) => i.department === dept)
      .map((indicator) => {
        const r = own.get(indicator.key);
        return { indicator, value: r?.value ?? null, changePct: r?.change_pct ?? null };
      });
  for (const d of ctx.ws.catalogue.departments) {
    const f = figures(d.name);
    if (!f.some((x) => x.value !== null && x.value > 0)) continue;
    const lead = d.name === '综合' ? `统计期间，${city.name}共` : `${city.name}公安${d.fullName}共`;
    const base = allCities.period.base;
    const sentence = base && compare ? comparisonSentence(f, compare, dateRangeText(base.from, base.to)) : null;
    blocks.push({ kind: 'paragraph', text: `${lead}${figuresText(f, city.name, d.name === '综合')}。${sentence ?? ''}` });
  }
  const tops = ranks.filter((r) => r.mark === 'top');
  const bottoms = ranks.filter((r) => r.mark === 'bottom');
  blocks.push({
    kind: 'paragraph',
    text:
      `在全省${n}个地市中，${city.name}有${tops.length}项指标位列前三` +
      (tops.length > 0 ? `（${tops.slice(0, 8).map((r) => r.ind.name).join('、')}${tops.length > 8 ? '等' : ''}）` : '') +
      `，${bottoms.length}项指标位列后三` +
      (bottoms.length > 0 ? `（${bottoms.slice(0, 8).map((r) => r.ind.name).join('、')}${bottoms.length > 8 ? '等' : ''}）` : '') +
      '。' +
      headlineRank(ctx, city, ranks),
  });

  // 二、全省排名: every indicator.
  heading(`各项指标全省排名`);
  const rankRows: Cell[][] = ranks.map(({ ind, rank, mark }) => {
    const r = own.get(ind.key);
    const total = provinceTotal.get(ind.key) ?? null;
    const v = r?.value ?? null;
    return [
      cell(ind.department),
      cell(ind.name),
      cell(ind.unit),
      cell(v, { unit: ind.unit }),
      cell(total, { unit: ind.unit }),
      cell(v !== null && total ? Math.round((v / total) * 1000) / 10 : null),
      cell(rank, mark ? { mark } : {}),
      ...(compare ? [cell(r?.change_pct === undefined || r?.change_pct === null ? null : Math.round(r.change_pct * 10) / 10)] : []),
    ];
  });
  blocks.push({
    kind: 'table',
    table: {
      title: `表1　${city.name}各项指标及全省排名（${period}，共${n}个地市）`,
      sheetName: '全省排名',
      columns: [
        { header: '部门', kind: 'text' },
        { header: '指标', kind: 'text' },
        { header: '单位', kind: 'text' },
        { header: `${city.name}`, kind: 'number' },
        { header: '全省', kind: 'number' },
        { header: '占全省%', kind: 'decimal' },
        { header: '全省排名', kind: 'rank' },
        ...(compare ? [{ header: compare === 'yoy' ? '同比%' : '环比%', kind: 'percent' as const }] : []),
      ],
      rows: rankRows,
      keyColumns: 3,
      note: `注：排名按数值从高到低，并列同名次；${MARK_SYMBOL.top}为前三名，${MARK_SYMBOL.bottom}为后三名。`,
    },
  });

  // 三、所辖县区.
  const counties = ctx.slice({ regions: [city.code], by: ['region:county', 'indicator'] });
  const countyList = uniqueRegions(counties.rows);
  heading('所辖县（市、区）情况');
  let t = 2;
  for (const d of ctx.ws.catalogue.departments) {
    const inds = ctx.indicators.filter((i) => i.department === d.name);
    if (inds.length === 0) continue;
    blocks.push({
      kind: 'table',
      table: regionIndicatorTable({
        title: `表${t}　${city.name}各县（市、区）${d.name === '综合' ? '全警综合' : d.fullName}战果（${period}）`,
        sheetName: `县区 ${d.name}`,
        regionHeader: '县（市、区）',
        regions: countyList,
        rows: counties.rows.filter((r) => r.department === d.name),
        indicators: inds,
        mark: true,
        totalsLabel: `${city.name}合计`,
      }),
    });
    t++;
  }

  // 四、每日趋势 against the province's average city.
  const key = keyIndicators(ctx)[0];
  if (key) {
    heading('每日趋势');
    const w = trendWindow(ctx);
    const q = { from: w.from, to: w.to, phase: undefined, indicators: [key.key], departments: [], by: ['day' as const] };
    const cityDaily = ctx.slice({ ...q, regions: [city.code] });
    const provDaily = ctx.slice({ ...q, regions: [] });
    const dayList = daysBetween(w.from, w.to);
    const cv = new Map(cityDaily.rows.map((r) => [r.day!, r.value]));
    const pv = new Map(provDaily.rows.map((r) => [r.day!, r.value]));
    blocks.push({
      kind: 'paragraph',
      text: `${dateRangeText(w.from, w.to)}，${city.name}每日${key.name}与全省各市平均（全省合计除以${n}）对比见下图。`,
    });
    blocks.push({
      kind: 'chart',
      chart: trendChart(`${city.name}每日${key.name}与全省各市平均（${key.unit}）`, key.unit, dayList, [
        { name: city.name, values: dayList.map((d) => cv.get(d) ?? null) },
        { name: '全省各市平均', values: dayList.map((d) => (pv.get(d) == null ? null : Math.round(pv.get(d)! / n))), dashed: true },
      ], w.shades),
    });
  }

  // 五、报送缺失.
  heading('报送缺失情况');
  const completeness = runCompleteness(ctx.ws.db, ctx.ws.resolver, { ...ctx.sliceFilter, regions: [city.code] });
  const rate = completeness.cities.find((c) => c.city_code === city.code);
  const gaps = [...completeness.missing, ...completeness.partial].sort((a, b) =>
    a.day === b.day ? (a.region_code < b.region_code ? -1 : 1) : a.day < b.day ? -1 : 1,
  );
  blocks.push({
    kind: 'paragraph',
    text:
      `统计期间，${city.name}${completeness.units}个报送单位（含市本级）应报${completeness.units * completeness.days}个单位日，` +
      (gaps.length === 0
        ? '均已按时足项报送，无缺报。'
        : `未报送${completeness.missing.length}个单位日，部分指标未报${completeness.partial.length}个单位日，足项报送率${((rate?.rate ?? 0) * 100).toFixed(1)}%。明细见下表。`),
  });
  if (gaps.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        title: `表${t++}　${city.name}报送缺失明细`,
        sheetName: '报送缺失',
        columns: [
          { header: '报送单位', kind: 'text' },
          { header: '日期', kind: 'text' },
          { header: '情况', kind: 'text' },
          { header: '已报指标', kind: 'rank' },
          { header: '应报指标', kind: 'rank' },
        ],
        rows: gaps.map((g) => [
          cell(g.region_name),
          cell(g.day),
          cell(g.reported === 0 ? '未报送' : '部分未报'),
          cell(g.reported),
          cell(g.expected),
        ]),
        keyColumns: 2,
      },
    });
  }

  // 六、异常数据.
  heading('异常数据');
  const anomalyWindow = anomalyHistoryWindow(ctx.campaign, ctx.from, ctx.to);
  const units = ctx.ws.catalogue.regions.filter((r) => r.city === city.code).map((r) => r.code);
  // The same computation as the anomalies operation the 数据完整性 view shows.
  const anomalies = detectAnomalies({
    db: ctx.ws.db,
    resolver: ctx.ws.resolver,
    source: ctx.source,
    units,
    indicators: ctx.indicators,
    period: { from: ctx.from, to: ctx.to },
    window: anomalyWindow,
  });
  const unitName = (code: string) => {
    const r = ctx.ws.resolver.region(code)!;
    return r.level === 'city' ? `${r.name}本级` : r.name;
  };
  blocks.push({
    kind: 'paragraph',
    text:
      anomalies.length === 0
        ? `统计期间，未发现明显偏离本单位历史水平的数据。`
        : `以各报送单位${dateRangeText(anomalyWindow.from, anomalyWindow.to)}间其他各日数据为参照（扣除全省当日整体水平后取中位数和中位数绝对偏差），统计期间有${anomalies.length}条数据偏离本单位历史水平超过${ANOMALY_THRESHOLD}倍稳健标准差，请核实。`,
  });
  if (anomalies.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        title: `表${t++}　${city.name}异常数据`,
        sheetName: '异常数据',
        columns: [
          { header: '报送单位', kind: 'text' },
          { header: '日期', kind: 'text' },
          { header: '部门', kind: 'text' },
          { header: '指标', kind: 'text' },
          { header: '单位', kind: 'text' },
          { header: '数值', kind: 'number' },
          { header: '预期下限', kind: 'number' },
          { header: '预期上限', kind: 'number' },
          { header: '偏离倍数', kind: 'decimal' },
        ],
        rows: anomalies.slice(0, 200).map((a) => [
          cell(unitName(a.region_code)),
          cell(a.day),
          cell(a.indicator.department),
          cell(a.indicator.name),
          cell(a.indicator.unit),
          cell(a.value, { unit: a.indicator.unit }),
          cell(a.expectedLow, { unit: a.indicator.unit }),
          cell(a.expectedHigh, { unit: a.indicator.unit }),
          cell(a.score),
        ]),
        keyColumns: 2,
        maxColumns: 9,
        note: `注：预期范围为本单位历史中位数±${ANOMALY_THRESHOLD}倍稳健标准差（按全省当日整体水平折算）；偏离倍数为偏离中位数的稳健标准差倍数。`,
      },
    });
  }

  // 七、督导发现: the city's findings and corrections as recorded (on the bundle, on site); with none
  // yet, a blank table the team fills in by hand (the dossier is printed).
  heading('督导发现');
  const scope = inspectionScope(ctx.ws, [city.code]);
  const findings = ledgerEntries(ctx.ws, scope, undefined, ctx.now);
  const corrections = correctionsInScope(ctx.ws, scope);
  if (findings.length === 0) {
    blocks.push({ kind: 'paragraph', text: `${NO_FINDINGS}。（由督导组填写：发现的问题、整改要求、责任单位和整改时限。）` });
    blocks.push({
      kind: 'table',
      table: {
        title: `表${t++}　督导发现问题及整改要求`,
        sheetName: '督导发现',
        columns: [
          { header: '序号', kind: 'text' },
          { header: '发现问题', kind: 'text' },
          { header: '整改要求', kind: 'text' },
          { header: '责任单位', kind: 'text' },
          { header: '整改时限', kind: 'text' },
        ],
        rows: Array.from({ length: 6 }, (_, i) => [cell(String(i + 1)), cell(''), cell(''), cell(''), cell('')]),
        keyColumns: 1,
      },
    });
  } else {
    blocks.push({ kind: 'paragraph', text: `截至${dateText(beijingDay(ctx.now))}，督导组在${city.name}发现问题${countsSentence(findings)}，逐条列于下表。` });
    blocks.push({ kind: 'table', table: { ...ledgerTable(`表${t++}　${city.name}督导发现及整改情况`, findings, false), sheetName: '督导发现' } });
  }
  if (corrections.length > 0) {
    blocks.push({ kind: 'paragraph', text: `督导组现场核实更正${city.name}数据${corrections.length}条，见下表。` });
    blocks.push({ kind: 'table', table: correctionTable(ctx.ws, `表${t}　${city.name}核实更正数据`, corrections) });
  }
  blocks.push({ kind: 'paragraph', text: '督导组成员（签字）：' });
  blocks.push({ kind: 'blankLines', count: 2 });

  return { title, fileStem: `${title}（${ctx.from}至${ctx.to}）`, blocks, provenance: provenanceOf(ctx, '城市督导报告') };
}

/** "按抓获现行违法犯罪人员计，太原市位列全省第2位。" for the ranking indicator, when the dossier covers it. */
function headlineRank(ctx: ReportContext, city: Region, ranks: { ind: { key: string }; rank: number | null }[]): string {
  const by = ctx.rankBy;
  const r = by ? ranks.find((x) => x.ind.key === by.key) : undefined;
  if (!by || !r || r.rank === null) return '';
  return `按${by.name}计，${city.name}位列全省第${r.rank}位。`;
}

function uniqueRegions(rows: { region_code?: string; region_name?: string }[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.region_code!)) seen.set(r.region_code!, r.region_name!);
  return [...seen].map(([code, name]) => ({ code, name }));
}

/** The city's rank among all cities for every selected indicator (what table 1 prints). */
export function cityRanks(ctx: ReportContext, city: Region): CityRank[] {
  const values = byRegion(ctx.slice({ regions: [], by: ['region:city', 'indicator'] }).rows);
  return ctx.indicators.map((ind) => {
    const r = rankValues(ctx.cities.map((c) => ({ key: c.code, value: values.get(c.code)?.get(ind.key) ?? null })));
    return { indicatorKey: ind.key, value: values.get(city.code)?.get(ind.key) ?? null, rank: r.get(city.code)!.rank, of: ctx.cities.length };
  });
}
