// The 表格 view's CSV download: a file name that says which regions and period it holds, and the
// provenance lines the reports print (electron/reports/context.ts provenanceLines), after the data.
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { DataInfo } from '../../shared/api/operations';
import type { FilterState } from '../../shared/api/views';
import { beijingTime } from '../../shared/beijing-time';
import { version as appVersion } from '../../package.json';
import { csvCell, safeFileName, withBom } from './csv';
import { regionIndex } from '../state/regions';

/** 太原市小店区 for a county, the name itself for a city. */
function fullName(catalogue: Catalogue, code: string): string {
  const byCode = regionIndex(catalogue);
  const r = byCode.get(code);
  if (!r) return code;
  if (r.level !== 'county' || !r.parent) return r.name;
  return `${byCode.get(r.parent)?.name ?? ''}${r.name}`;
}

/** 全省, 太原市, 太原市小店区, 太原市等3个地区. */
export function regionPart(catalogue: Catalogue, regions: string[]): string {
  if (regions.length === 0) return '全省';
  const first = fullName(catalogue, regions[0]!);
  return regions.length === 1 ? first : `${first}等${regions.length}个地区`;
}

/** 数据表_太原市_2023-07-07至2023-07-09.csv (characters Windows refuses replaced). */
export function gridCsvFileName(catalogue: Catalogue, filter: Pick<FilterState, 'regions' | 'from' | 'to'>): string {
  const period = filter.from === filter.to ? filter.from : `${filter.from}至${filter.to}`;
  return safeFileName(`数据表_${regionPart(catalogue, filter.regions)}_${period}.csv`);
}

export interface GridExportContext {
  catalogue: Catalogue;
  filter: FilterState;
  /** The grid's row layout as the view names it (按市, 指标为行 …). */
  rowsLabel: string;
  /** The data status; null while it is still loading (the data version line then says so). */
  info: DataInfo | null;
  now: Date;
}

/** [label, value] lines as the reports print them. */
export function gridProvenance(ctx: GridExportContext): [string, string][] {
  const { catalogue, filter, info } = ctx;
  const phase = catalogue.campaigns
    .flatMap((c) => [{ name: c.name, from: c.from, to: c.to }, ...c.phases])
    .find((p) => p.from === filter.from && p.to === filter.to);
  const indicators =
    filter.indicators.length > 0
      ? filter.indicators.join('、')
      : filter.departments.length > 0
        ? `所选部门全部指标`
        : `全部（${catalogue.indicators.length} 项）`;
  const lines: [string, string][] = [
    ['报告类型', '数据表（表格视图导出）'],
    ['统计时段', `${filter.from} 至 ${filter.to}${phase ? `（${phase.name}）` : ''}`],
    ['地区', filter.regions.length > 0 ? filter.regions.map((c) => fullName(catalogue, c)).join('、') : '全省'],
    ['部门', filter.departments.length > 0 ? filter.departments.join('、') : '全部'],
    ['指标', indicators],
    ['分组', ctx.rowsLabel],
  ];
  if (filter.compare) lines.push(['对比', filter.compare === 'yoy' ? '同比（上年同期）' : '环比（上一相同长度时段）']);
  lines.push(['数据版本', info ? dataVersion(info) : '数据概况尚未读取']);
  lines.push(['生成时间', beijingTime(ctx.now, true)]);
  lines.push(['程序版本', `专项行动统计分析工作站 ${appVersion}`]);
  return lines;
}

function dataVersion(info: DataInfo): string {
  const live = info.batches.filter((b) => b.undoneAt === null);
  const latest = live.reduce<(typeof live)[number] | null>((a, b) => (a === null || b.id > a.id ? b : a), null);
  const batch = latest ? `批次 ${latest.id}（${latest.source}，导入于 ${beijingTime(latest.importedAt, true)}）` : '无';
  return `共 ${info.facts.toLocaleString('en-US')} 条数据；最新导入批次：${batch}`;
}

/**
 * The file: `leadLines` first (one cell each — the place for a 演示数据 warning line), then the
 * grid's own CSV, a blank line, 说明 and the provenance, as the reports' CSV ends. UTF-8 with a
 * byte-order mark and CRLF line ends.
 */
export function gridCsvText(gridCsv: string, provenance: [string, string][], leadLines: string[] = []): string {
  const body = gridCsv
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  const lines = [
    ...leadLines.map((l) => csvCell(l)),
    ...body,
    '',
    `说明,${csvCell('数据表')}`,
    ...provenance.map(([k, v]) => `${csvCell(k)},${csvCell(v)}`),
  ];
  return withBom(lines.join('\r\n') + '\r\n');
}
