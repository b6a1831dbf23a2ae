// 填报模板: an XLSX a city fills in and sends back, in the wide import format, so that the file
// imports with `campaign import` unchanged. One sheet 填报: header row 1 日期 | 地区 | one column per
// indicator named so the import resolves it without a 部门 column (部门/指标 where a name is shared),
// one row per unit (the city's counties, then its 市本级) per day, value cells limited by Excel's
// data validation to what the import accepts for the unit (whole non-negative numbers, or up to
// the unit's decimals). An untouched cell stays empty: not reported.
import ExcelJS from 'exceljs';
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import type { ReportFile } from '../../shared/api/report';
import { TEMPLATE_MAX_DAYS, type ParsedTemplateRequest, type TemplateRequest } from '../../shared/api/template';
import { parseOperationInput } from '../../shared/api/parse-input';
import type { CatalogueResolver, Resolution } from '../../shared/catalogue-resolver';
import { daysOf, parseIsoDay, rangeLength } from '../../shared/dates';
import { UserError } from '../../shared/errors';
import { unitRule } from '../../shared/units';
import { readHeader } from './header';
import { columnLetter } from '../../shared/column-letter';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MS_PER_DAY = 86_400_000;

function must<T>(r: Resolution<T>): T {
  if (!r.ok) throw new UserError(r.reason);
  return r.value;
}

/** The units that report for `region`, each with the name the import reads back as that unit. */
export function templateUnits(resolver: CatalogueResolver, region: Region): { code: string; name: string }[] {
  if (region.level === 'province') throw new UserError('填报模板按地市生成：请指定一个地市（或一个县区、市本级），不能是全省');
  if (region.level === 'county') return [{ code: region.code, name: resolver.fullRegionName(region) }];
  const counties = resolver.catalogue.regions.filter((r) => r.level === 'county' && r.parent === region.code);
  return [...counties.map((c) => ({ code: c.code, name: resolver.fullRegionName(c) })), { code: region.code, name: `${region.name}本级` }];
}

/** Indicator column headers: 名称（单位）, or 部门/名称（单位） where the name alone is not this indicator. */
export function templateHeaders(resolver: CatalogueResolver, indicators: readonly Indicator[]): string[] {
  return indicators.map((i) => {
    const plain = resolver.resolveIndicator(i.name);
    const name = plain.ok && plain.value.id === i.id ? i.name : `${i.department}/${i.name}`;
    return `${name}（${i.unit}）`;
  });
}

function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/** What exceljs writes but does not declare: a validation for a whole range at once. */
type WithRangeValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** A template from a request as a library caller writes it (tests): validated here. */
export function buildTemplate(resolver: CatalogueResolver, input: TemplateRequest, now = new Date()): Promise<ReportFile> {
  return buildParsedTemplate(resolver, parseOperationInput('template', input), now);
}

/** A template from a request validated where the call entered (the core's handlers). */
export async function buildParsedTemplate(resolver: CatalogueResolver, q: ParsedTemplateRequest, now = new Date()): Promise<ReportFile> {
  const period = q.phase !== undefined ? must(resolver.resolvePeriod(q.phase)) : { from: q.from!, to: q.to! };
  const range = { from: parseIsoDay(period.from)!, to: parseIsoDay(period.to)! };
  if (rangeLength(range) > TEMPLATE_MAX_DAYS)
    throw new UserError(`填报模板最多 ${TEMPLATE_MAX_DAYS} 天，所选时段有 ${rangeLength(range)} 天：请缩短时段`);
  const region = must(resolver.resolveRegion(q.region));
  const units = templateUnits(resolver, region);
  const departments = q.departments.map((d) => must(resolver.resolveDepartment(d)));
  const indicators = resolver.catalogue.indicators.filter((i) => departments.length === 0 || departments.includes(i.department));
  const headers = ['日期', '地区', ...templateHeaders(resolver, indicators)];

  // The header must read back as exactly these indicators: a template that does not import is a bug.
  const { layout, issues } = readHeader(headers, 1, resolver);
  const read = layout.wide.map((c) => c.indicator?.id);
  if (issues.length > 0 || layout.format !== 'wide' || read.join() !== indicators.map((i) => i.id).join()) {
    throw new Error(`template header does not read back: ${issues.map((i) => i.reason).join('; ')}`);
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = '专项行动统计分析工作站';
  wb.created = now;
  const ws = wb.addWorksheet('填报', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const header = ws.getRow(1);
  header.values = headers;
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 36;
  headers.forEach((_, c) => {
    header.getCell(c + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c < 2 ? 'FFE7E6E6' : 'FFD9E2F3' } };
  });

  let row = 2;
  for (const day of daysOf(range)) {
    const date = new Date(day * MS_PER_DAY);
    for (const u of units) {
      const r = ws.getRow(row++);
      r.getCell(1).value = date;
      r.getCell(1).numFmt = 'yyyy-mm-dd';
      r.getCell(2).value = u.name;
    }
  }
  const last = row - 1;

  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = Math.max(10, ...units.map((u) => textWidth(u.name) + 2));
  indicators.forEach((ind, k) => {
    const col = k + 3;
    ws.getColumn(col).width = Math.min(28, Math.max(10, Math.ceil(textWidth(headers[col - 1]!) / 2) + 2));
    const rule = unitRule(ind.unit);
    const letter = columnLetter(col - 1);
    const first = `${letter}2`;
    const validation: ExcelJS.DataValidation = rule.integer
      ? { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] }
      : // Relative to the range's first cell, as Excel reads a custom rule over a range.
        { type: 'custom', formulae: [`AND(ISNUMBER(${first}),${first}>=0,ROUND(${first},${rule.maxDecimals})=${first})`] };
    (ws as WithRangeValidations).dataValidations.add(`${first}:${letter}${last}`, {
      ...validation,
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '数值不符合要求',
      error: rule.integer
        ? `${ind.name}的单位是“${ind.unit}”，只能填不小于 0 的整数；未报送的留空`
        : `${ind.name}的单位是“${ind.unit}”，只能填不小于 0 的数，最多 ${rule.maxDecimals} 位小数；未报送的留空`,
    });
  });

  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const when = period.from === period.to ? period.from : `${period.from}至${period.to}`;
  const regionName = region.level === 'county' ? resolver.fullRegionName(region) : region.name;
  return { fileName: `填报模板_${regionName}_${q.phase ?? when}.xlsx`, mime: XLSX_MIME, bytes };
}
