// What the inspection team checks in the city: 五、报送缺失 (unit-days not or partly reported),
// 六、异常数据 (figures far from the unit's own history) and 七、督导发现 (findings and corrections
// recorded; with none yet, a blank table the team fills in by hand, the dossier being printed).
import type { Region } from '../../shared/api/catalogue-types';
import { beijingDay } from '../../shared/beijing-time';
import { ANOMALY_THRESHOLD, anomalyWindow as anomalyHistoryWindow, detectAnomalies } from '../query/anomalies';
import { runCompleteness } from '../query/completeness';
import { dateRangeText, dateText, type ReportContext } from './context';
import { cell, type Block } from './model';
import {
  correctionTable,
  correctionsInScope,
  countsSentence,
  inspectionScope,
  ledgerEntries,
  ledgerTable,
  NO_FINDINGS,
} from './rectification';
import type { Section } from './sections';

/** 五、报送缺失: the completeness of the city's units, and every gap in a table. */
export function gapsSection(ctx: ReportContext, city: Region, nextTable: () => number): Section {
  const completeness = runCompleteness(ctx.ws.db, ctx.ws.resolver, { ...ctx.sliceFilter, regions: [city.code] });
  const rate = completeness.cities.find((c) => c.city_code === city.code);
  const gaps = [...completeness.missing, ...completeness.partial].sort((a, b) =>
    a.day === b.day ? (a.region_code < b.region_code ? -1 : 1) : a.day < b.day ? -1 : 1,
  );
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `统计期间，${city.name}${completeness.units}个报送单位（含市本级）应报${completeness.units * completeness.days}个单位日，` +
        (gaps.length === 0
          ? '均已按时足项报送，无缺报。'
          : `未报送${completeness.missing.length}个单位日，部分指标未报${completeness.partial.length}个单位日，足项报送率${((rate?.rate ?? 0) * 100).toFixed(1)}%。明细见下表。`),
    },
  ];
  if (gaps.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        title: `表${nextTable()}　${city.name}报送缺失明细`,
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
  return { heading: '报送缺失情况', blocks };
}

/** 六、异常数据: the same computation as the anomalies operation the 数据完整性 view shows. */
export function anomaliesSection(ctx: ReportContext, city: Region, nextTable: () => number): Section {
  const anomalyWindow = anomalyHistoryWindow(ctx.campaign, ctx.from, ctx.to);
  const units = ctx.ws.catalogue.regions.filter((r) => r.city === city.code).map((r) => r.code);
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
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        anomalies.length === 0
          ? `统计期间，未发现明显偏离本单位历史水平的数据。`
          : `以各报送单位${dateRangeText(anomalyWindow.from, anomalyWindow.to)}间其他各日数据为参照（扣除全省当日整体水平后取中位数和中位数绝对偏差），统计期间有${anomalies.length}条数据偏离本单位历史水平超过${ANOMALY_THRESHOLD}倍稳健标准差，请核实。`,
    },
  ];
  if (anomalies.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        title: `表${nextTable()}　${city.name}异常数据`,
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
        rows: anomalies
          .slice(0, 200)
          .map((a) => [
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
  return { heading: '异常数据', blocks };
}

/** 七、督导发现: the city's findings as recorded (on the bundle, on site), else a blank table; then its corrections. */
export function findingsSection(ctx: ReportContext, city: Region, nextTable: () => number): Section {
  const scope = inspectionScope(ctx.ws, [city.code]);
  const findings = ledgerEntries(ctx.ws, scope, undefined, ctx.now);
  const corrections = correctionsInScope(ctx.ws, scope);
  const blocks: Block[] = [];
  if (findings.length === 0) {
    blocks.push({ kind: 'paragraph', text: `${NO_FINDINGS}。（由督导组填写：发现的问题、整改要求、责任单位和整改时限。）` });
    blocks.push({
      kind: 'table',
      table: {
        title: `表${nextTable()}　督导发现问题及整改要求`,
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
    blocks.push({
      kind: 'paragraph',
      text: `截至${dateText(beijingDay(ctx.now))}，督导组在${city.name}发现问题${countsSentence(findings)}，逐条列于下表。`,
    });
    blocks.push({
      kind: 'table',
      table: { ...ledgerTable(`表${nextTable()}　${city.name}督导发现及整改情况`, findings, false), sheetName: '督导发现' },
    });
  }
  if (corrections.length > 0) {
    blocks.push({ kind: 'paragraph', text: `督导组现场核实更正${city.name}数据${corrections.length}条，见下表。` });
    blocks.push({ kind: 'table', table: correctionTable(ctx.ws, `表${nextTable()}　${city.name}核实更正数据`, corrections) });
  }
  return { heading: '督导发现', blocks };
}
