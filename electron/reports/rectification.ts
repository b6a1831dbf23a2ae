// 整改台账: every 督导发现 followed to 销号 — a count by city, then the ledger (序号, 城市, 单位, 问题类别,
// 问题描述, 责任单位, 整改时限, 整改情况, 状态, 销号日期) with the overdue ones marked, then the verified
// corrections (核实更正). The city dossier's 督导发现 section prints the same rows for one city, so the
// row builders live here and city.ts uses them.
import type { Region } from '../../shared/api/catalogue-types';
import type { CorrectionJson, FindingJson, FindingStatus } from '../../shared/api/inspection';
import { FINDING_STATUSES } from '../../shared/api/inspection';
import type { ParsedReportRequest, ReportProvenance } from '../../shared/api/report';
import { beijingDay } from '../../shared/beijing-time';
import { UserError } from '../../shared/errors';
import type { Workspace } from '../store/workspace';
import { listCorrections } from '../inspection/corrections';
import { listFindings } from '../inspection/findings';
import { ownUnitsName } from '../query/region-labels';
import { dataVersionOf, dateText } from './context';
import { cell, type Cell, type Column, type ReportDocument, type ReportTable } from './model';

export const OVERDUE_MARK = '（逾期）';
export const NO_FINDINGS = '暂无督导发现';
const LEDGER_SHEET = '整改台账';

/** Which findings and corrections a report covers: the whole province, or cities (with their units) and single units. */
export interface InspectionScope {
  all: boolean;
  /** Whole cities: every unit whose city is one of these. */
  cities: ReadonlySet<string>;
  /** Single units: a county, a city's own units (its code), 省厅直属 (the province's code). */
  units: ReadonlySet<string>;
  /** The selection in words (title, provenance): 山西省, 太原市, 太原市小店区, 太原市本级. */
  label: string;
  /** The cities the summary lists, in catalogue order, each with what of it is selected. */
  summaryCities: { code: string; name: string }[];
}

/** The request's regions as the other reports resolve them (a city includes its counties and 市本级). */
export function inspectionScope(ws: Workspace, regions: readonly string[]): InspectionScope {
  const resolver = ws.resolver;
  const selected = regions.map((text) => {
    const r = resolver.resolveRegionSelection(text);
    if (!r.ok) throw new UserError(r.reason);
    return r.value;
  });
  const cityList = ws.catalogue.regions.filter((r) => r.level === 'city');
  const all = selected.length === 0 || selected.some((s) => s.region.level === 'province' && !s.ownUnits);
  if (all) {
    return {
      all: true,
      cities: new Set(),
      units: new Set(),
      label: '山西省',
      summaryCities: cityList.map((c) => ({ code: c.code, name: c.name })),
    };
  }
  const cities = new Set(selected.filter((s) => s.region.level === 'city' && !s.ownUnits).map((s) => s.region.code));
  const units = new Set(selected.filter((s) => s.region.level === 'county' || s.ownUnits).map((s) => s.region.code));
  const label = selected.map((s) => (s.ownUnits ? ownUnitsName(s.region) : resolver.fullRegionName(s.region))).join('、');
  // A city only partly selected is named with its parts: 太原市（小店区、市本级）.
  const summaryCities: { code: string; name: string }[] = [];
  for (const city of cityList) {
    if (cities.has(city.code)) {
      summaryCities.push({ code: city.code, name: city.name });
      continue;
    }
    const parts = ws.catalogue.regions.filter((r) => r.level === 'county' && r.city === city.code && units.has(r.code)).map((r) => r.name);
    if (units.has(city.code)) parts.push('市本级');
    if (parts.length > 0) summaryCities.push({ code: city.code, name: `${city.name}（${parts.join('、')}）` });
  }
  return { all: false, cities, units, label, summaryCities };
}

/** The city a unit belongs to (a city's own code for 市本级; the province's for 省厅直属). */
function cityCodeOf(ws: Workspace, regionCode: string): string {
  const r: Region | undefined = ws.resolver.region(regionCode);
  return r?.city ?? regionCode;
}

export function inScope(ws: Workspace, scope: InspectionScope, regionCode: string): boolean {
  return scope.all || scope.units.has(regionCode) || scope.cities.has(cityCodeOf(ws, regionCode));
}

/** One finding as the ledger prints it. */
export interface LedgerEntry {
  finding: FindingJson;
  overdue: boolean;
  /** The latest note of its history, if any. */
  latestNote: string | null;
  /** The Beijing day it was 销号, if it is. */
  closedDay: string | null;
}

/** Past its due date (the report's Beijing day) and not 已销号 — the rule `finding list --overdue` states. */
export function isOverdue(f: FindingJson, today: string): boolean {
  return f.status !== '已销号' && f.due !== null && f.due < today;
}

function latestNoteOf(f: FindingJson): string | null {
  let latest: { at: string; note: string } | null = null;
  for (const h of f.history) {
    if (h.note !== null && h.note.trim() !== '' && (latest === null || h.at >= latest.at)) latest = { at: h.at, note: h.note };
  }
  return latest?.note ?? null;
}

/**
 * The findings in scope (and status), sorted by city in catalogue order, then due date (none
 * last), then unit in catalogue order, then when they were recorded.
 */
export function ledgerEntries(ws: Workspace, scope: InspectionScope, status: FindingStatus | undefined, now: Date): LedgerEntry[] {
  const findings = listFindings(ws, { overdue: false, ...(status !== undefined ? { status } : {}) }).findings.filter((f) =>
    inScope(ws, scope, f.region_code),
  );
  // closed_at is not in the finding's JSON: read from the table (migration 5) by id.
  const closedAt = new Map(
    (
      ws.db.prepare("SELECT id, closed_at FROM finding WHERE status = '已销号' AND closed_at IS NOT NULL").all() as {
        id: string;
        closed_at: string;
      }[]
    ).map((r) => [r.id, r.closed_at]),
  );
  const today = beijingDay(now);
  const position = regionPositions(ws);
  const pos = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  return findings
    .map((f): LedgerEntry => {
      const closed = f.status === '已销号' ? (closedAt.get(f.id) ?? null) : null;
      return {
        finding: f,
        overdue: isOverdue(f, today),
        latestNote: latestNoteOf(f),
        closedDay: closed === null ? null : beijingDay(new Date(closed)),
      };
    })
    .sort((a, b) => {
      const x = a.finding;
      const y = b.finding;
      return (
        pos(cityCodeOf(ws, x.region_code)) - pos(cityCodeOf(ws, y.region_code)) ||
        compareDue(x.due, y.due) ||
        pos(x.region_code) - pos(y.region_code) ||
        (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0)
      );
    });
}

function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function regionPositions(ws: Workspace): Map<string, number> {
  return new Map(ws.catalogue.regions.map((r, i) => [r.code, i]));
}

/** 待整改（逾期）: the status, with the overdue mark. */
export function statusText(e: LedgerEntry): string {
  return e.overdue ? `${e.finding.status}${OVERDUE_MARK}` : e.finding.status;
}

/** The ledger's columns; the dossier (one city) leaves out 城市. */
export function ledgerColumns(withCity: boolean): Column[] {
  return [
    { header: '序号', kind: 'rank' },
    ...(withCity ? [{ header: '城市', kind: 'text' as const }] : []),
    { header: '单位', kind: 'text' },
    { header: '问题类别', kind: 'text' },
    { header: '问题描述', kind: 'text' },
    { header: '责任单位', kind: 'text' },
    { header: '整改时限', kind: 'text' },
    { header: '整改情况', kind: 'text' },
    { header: '状态', kind: 'text' },
    { header: '销号日期', kind: 'text' },
  ];
}

export function ledgerRows(entries: LedgerEntry[], withCity: boolean): Cell[][] {
  return entries.map((e, i) => {
    const f = e.finding;
    return [
      cell(i + 1),
      ...(withCity ? [cell(f.city_name)] : []),
      cell(f.region_name),
      cell(f.category),
      cell(f.text),
      cell(f.owner ?? '—'),
      cell(f.due ?? '—'),
      cell(e.latestNote ?? '—'),
      cell(statusText(e)),
      cell(e.closedDay ?? '—'),
    ];
  });
}

export const LEDGER_NOTE = `注：状态后注“${OVERDUE_MARK}”的，整改时限已过仍未销号；整改情况为最近一次整改说明；日期为北京时间。`;

/**
 * Widths in half-width characters: dates whole on one line, the two texts (问题描述, 整改情况)
 * taking the rest. The ledger is on a landscape page (about 139); the dossier's portrait (about 85).
 */
const LEDGER_WEIGHTS = { landscape: [4, 7, 10, 10, 30, 14, 11, 27, 15, 11], portrait: [4, 7, 6, 14, 7, 11, 11, 15, 11] };

export function ledgerTable(title: string, entries: LedgerEntry[], withCity: boolean): ReportTable {
  const columns = ledgerColumns(withCity);
  return {
    title,
    sheetName: LEDGER_SHEET,
    columns,
    rows: ledgerRows(entries, withCity),
    keyColumns: 1,
    // Never split: a finding's row is read across.
    maxColumns: columns.length,
    weights: withCity ? LEDGER_WEIGHTS.landscape : LEDGER_WEIGHTS.portrait,
    note: LEDGER_NOTE,
  };
}

/** The corrections in scope, by city and unit in catalogue order, then day and time. */
export function correctionsInScope(ws: Workspace, scope: InspectionScope): CorrectionJson[] {
  const position = regionPositions(ws);
  const pos = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  return listCorrections(ws, {})
    .corrections.filter((c) => inScope(ws, scope, c.region_code))
    .sort(
      (a, b) =>
        pos(cityCodeOf(ws, a.region_code)) - pos(cityCodeOf(ws, b.region_code)) ||
        pos(a.region_code) - pos(b.region_code) ||
        (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
        (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0),
    );
}

export function correctionTable(ws: Workspace, title: string, corrections: CorrectionJson[]): ReportTable {
  const indicators = ws.catalogue.indicators;
  const rows = corrections.map((c) => {
    const matches = indicators.filter((i) => i.name === c.indicator);
    const ind = matches.find((i) => i.department === c.department);
    // A name two departments share is written 部门/指标, as --indicator takes it.
    const name = matches.length > 1 ? `${c.department}/${c.indicator}` : c.indicator;
    const unit = ind ? { unit: ind.unit } : {};
    const state = c.state === '冲突未采用' && c.conflict_value !== null ? `${c.state}（省厅现值 ${c.conflict_value}）` : c.state;
    return [cell(c.region_name), cell(name), cell(c.day), cell(c.original_value, unit), cell(c.value, unit), cell(c.reason), cell(state)];
  });
  return {
    title,
    sheetName: '核实更正',
    columns: [
      { header: '单位', kind: 'text' },
      { header: '指标', kind: 'text' },
      { header: '日期', kind: 'text' },
      { header: '原值', kind: 'number' },
      { header: '更正值', kind: 'number' },
      { header: '原因', kind: 'text' },
      { header: '状态', kind: 'text' },
    ],
    rows,
    keyColumns: 1,
    maxColumns: 7,
    note: '注：原值为更正前的数据（“—”为原未报送）；已撤销的更正，其导入批次已撤销，数据已恢复原值。',
  };
}

/** 共 5 条，其中待整改 2 条、整改中 1 条、已销号 2 条；逾期未销号 1 条. */
export function countsSentence(entries: LedgerEntry[]): string {
  const by = FINDING_STATUSES.map((s) => `${s}${entries.filter((e) => e.finding.status === s).length}条`).join('、');
  const overdue = entries.filter((e) => e.overdue).length;
  return `共${entries.length}条，其中${by}；逾期未销号${overdue}条`;
}

function summaryTable(title: string, scope: InspectionScope, entries: LedgerEntry[], ws: Workspace): ReportTable {
  const count = (list: LedgerEntry[]): Cell[] => [
    cell(list.length),
    ...FINDING_STATUSES.map((s) => cell(list.filter((e) => e.finding.status === s).length)),
    cell(list.filter((e) => e.overdue).length),
  ];
  const rows: Cell[][] = scope.summaryCities.map((c) => [
    cell(c.name),
    ...count(entries.filter((e) => cityCodeOf(ws, e.finding.region_code) === c.code)),
  ]);
  // Findings on the province's own units (省厅直属), when there are any in scope.
  const province = ws.catalogue.regions.find((r) => r.level === 'province');
  const direct = province ? entries.filter((e) => e.finding.region_code === province.code) : [];
  if (direct.length > 0) rows.push([cell('省厅直属'), ...count(direct)]);
  return {
    title,
    sheetName: '分市统计',
    columns: [
      { header: '城市', kind: 'text' },
      { header: '问题数', kind: 'rank' },
      ...FINDING_STATUSES.map((s): Column => ({ header: s, kind: 'rank' })),
      { header: '逾期', kind: 'rank' },
    ],
    rows,
    totals: [cell('合计'), ...count(entries)],
    keyColumns: 1,
  };
}

/** The 整改台账 document. A period in the request is not used: the ledger is about findings, whenever made. */
export function buildRectification(ws: Workspace, request: ParsedReportRequest, now: Date, appVersion: string): ReportDocument {
  const scope = inspectionScope(ws, request.regions);
  const status = request.status;
  const entries = ledgerEntries(ws, scope, status, now);
  const corrections = correctionsInScope(ws, scope);
  const today = beijingDay(now);
  const title = `${scope.label}督导发现整改台账`;
  const filterText = status ? `（${status}）` : '';

  const blocks: ReportDocument['blocks'] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: `（截至${dateText(today)}${status ? `，状态：${status}` : ''}）` },
  ];
  if (entries.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `截至${dateText(today)}，${scope.label}${status ? `无状态为“${status}”的督导发现` : NO_FINDINGS}。`,
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `截至${dateText(today)}，${scope.label}督导发现${filterText}${countsSentence(entries)}。分市统计见表1，逐条整改情况见表2。`,
    });
  }
  let t = 1;
  if (entries.length > 0)
    blocks.push({ kind: 'table', table: summaryTable(`表${t++}　督导发现整改情况分市统计${filterText}`, scope, entries, ws) });
  blocks.push({ kind: 'table', table: ledgerTable(`表${t++}　督导发现整改台账${filterText}`, entries, true) });
  if (corrections.length === 0) {
    blocks.push({ kind: 'paragraph', text: `${scope.label}暂无核实更正的数据。` });
  } else {
    blocks.push({ kind: 'paragraph', text: `督导组现场核实更正数据${corrections.length}条，见表${t}。` });
    blocks.push({ kind: 'table', table: correctionTable(ws, `表${t}　核实更正数据`, corrections) });
  }

  const provenance: ReportProvenance = {
    filters: [
      ['报告类型', '整改台账'],
      ['地区', scope.label],
      ['状态', status ?? '全部'],
      ['逾期', `整改时限早于 ${today}（北京时间）且未销号`],
    ],
    ...dataVersionOf(ws, now, appVersion),
  };
  return { title, fileStem: `${title}（截至${today}）`, blocks, provenance };
}

/** The CSV of the 整改台账 holds the ledger only (one table a spreadsheet reads straight in). */
export function ledgerOnly(doc: ReportDocument): ReportDocument {
  return { ...doc, blocks: doc.blocks.filter((b) => b.kind !== 'table' || b.table.sheetName === LEDGER_SHEET) };
}
