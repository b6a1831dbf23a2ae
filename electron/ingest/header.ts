// Recognises a sheet's header row and maps its columns.
//   long: 日期, 地区, [部门], 指标, 数值, [单位], [备注]      — one fact per row
//   wide: 日期, 地区, [部门], [备注], then one column per indicator — one fact per filled cell
// Indicator columns are headed by the indicator's name or alias (or 部门/指标), optionally with
// the unit in ASCII or full-width parentheses: 出动民警辅警（人次）, 缴获毒品(克).
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import type { Indicator } from '../../shared/api/catalogue-types';
import { normaliseName } from '../../shared/catalogue';
import { cellText, unitMatches, type Cell } from './cell-values';
import { columnLetter } from '../../shared/column-letter';

export type Role = 'date' | 'region' | 'department' | 'indicator' | 'value' | 'unit' | 'note';

const ROLE_NAMES: Record<Role, readonly string[]> = {
  date: ['日期', 'date'],
  region: ['地区', 'region'],
  department: ['部门', 'department'],
  indicator: ['指标', 'indicator'],
  value: ['数值', 'value'],
  unit: ['单位', 'unit'],
  note: ['备注', 'note'],
};
const ROLE_LABEL: Record<Role, string> = {
  date: '日期',
  region: '地区',
  department: '部门',
  indicator: '指标',
  value: '数值',
  unit: '单位',
  note: '备注',
};
/** Columns that carry nothing to import and are left alone (原因… are added by a rejects file, rejects.ts). */
const IGNORED = new Set(['序号', 'no', 'no.', '原因', '原文件', '原工作表', '原行号']);

const ROLE_BY_NAME = new Map<string, Role>();
for (const [role, names] of Object.entries(ROLE_NAMES) as [Role, readonly string[]][]) {
  for (const n of names) ROLE_BY_NAME.set(n, role);
}

function headerKey(text: string): string {
  return normaliseName(text).toLowerCase();
}

export function roleOf(text: string): Role | undefined {
  return ROLE_BY_NAME.get(headerKey(text));
}

/** A header row names at least the 日期 and the 地区 column. */
export function isHeaderRow(cells: readonly Cell[]): boolean {
  let date = false;
  let region = false;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const role = roleOf(c);
    if (role === 'date') date = true;
    else if (role === 'region') region = true;
  }
  return date && region;
}

export interface WideColumn {
  index: number;
  header: string;
  /** The indicator part of the header (without the unit). */
  name: string;
  /** The unit written in the header's parentheses, if any. */
  unit: string | null;
  /** Resolved without a department; null when only a row's 部门 can tell (shared names). */
  indicator: Indicator | null;
}

export interface HeaderIssue {
  /** -1 for a problem with the row as a whole. */
  index: number;
  column: string | null;
  value: string;
  reason: string;
}

export interface Layout {
  format: 'long' | 'wide';
  headerRow: number;
  /** Column names for reports: the header text, or "F列" for a column without one. */
  columns: string[];
  date: number;
  region: number;
  department: number;
  indicator: number;
  value: number;
  unit: number;
  note: number;
  wide: WideColumn[];
  /** Columns without a header: any value in them is an error. */
  unlabeled: number[];
  /** False when the header itself is unusable (a required column missing): rows are not read. */
  usable: boolean;
}

/** Maps the columns of a header row; problems with the header are returned as issues. */
export function readHeader(
  cells: readonly Cell[],
  headerRow: number,
  resolver: CatalogueResolver,
): { layout: Layout; issues: HeaderIssue[] } {
  const issues: HeaderIssue[] = [];
  const texts = cells.map((c) => cellText(c).trim());
  const columns = texts.map((t, i) => (t === '' ? `${columnLetter(i)}列` : t));
  const at: Partial<Record<Role, number>> = {};
  const others: number[] = [];
  const unlabeled: number[] = [];

  texts.forEach((text, i) => {
    if (text === '') return (unlabeled.push(i), undefined);
    if (IGNORED.has(headerKey(text))) return;
    const role = roleOf(text);
    if (!role) return (others.push(i), undefined);
    if (at[role] !== undefined) {
      issues.push({
        index: i,
        column: columns[i]!,
        value: text,
        reason: `重复的“${ROLE_LABEL[role]}”列（第一次出现在${columnLetter(at[role])}列）`,
      });
      return;
    }
    at[role] = i;
  });

  const long = at.indicator !== undefined || at.value !== undefined;
  const layout: Layout = {
    format: long ? 'long' : 'wide',
    headerRow,
    columns,
    date: at.date ?? -1,
    region: at.region ?? -1,
    department: at.department ?? -1,
    indicator: at.indicator ?? -1,
    value: at.value ?? -1,
    unit: at.unit ?? -1,
    note: at.note ?? -1,
    wide: [],
    unlabeled,
    usable: true,
  };

  if (long) {
    for (const role of ['indicator', 'value'] as const) {
      if (at[role] === undefined) {
        issues.push({
          index: -1,
          column: ROLE_LABEL[role],
          value: '',
          reason: `长表缺少“${ROLE_LABEL[role]}”列（长表须有 日期、地区、部门、指标、数值 列，单位、备注 可选）`,
        });
        layout.usable = false;
      }
    }
    for (const i of others) {
      issues.push({
        index: i,
        column: columns[i]!,
        value: texts[i]!,
        reason: `无法识别的列“${texts[i]}”（长表可用的列：日期、地区、部门、指标、数值、单位、备注）`,
      });
    }
    return { layout, issues };
  }

  if (at.unit !== undefined) {
    issues.push({
      index: at.unit,
      column: columns[at.unit]!,
      value: texts[at.unit]!,
      reason: '宽表不能有“单位”列：请把单位写在各指标列标题的括号里，如“缴获毒品（克）”',
    });
  }
  const seen = new Map<number, WideColumn>();
  for (const i of others) {
    const col = wideColumn(i, texts[i]!, resolver, layout.department >= 0);
    if (typeof col === 'string') {
      issues.push({ index: i, column: columns[i]!, value: texts[i]!, reason: col });
      continue;
    }
    if (col.indicator) {
      const earlier = seen.get(col.indicator.id);
      if (earlier) {
        issues.push({
          index: i,
          column: columns[i]!,
          value: texts[i]!,
          reason: `列“${texts[i]}”与“${earlier.header}”列是同一指标（${col.indicator.key}）`,
        });
        continue;
      }
      seen.set(col.indicator.id, col);
    }
    layout.wide.push(col);
  }
  if (others.length === 0) {
    issues.push({
      index: -1,
      column: null,
      value: '',
      reason: '表头只有日期、地区等列，没有指标列（宽表每个指标一列，长表须有“指标”“数值”列）',
    });
    layout.usable = false;
  }
  return { layout, issues };
}

const UNIT_SUFFIX = /^(.*?)\(([^()]*)\)$/;

/** Resolves an indicator column's header; a string is the reason it cannot be used. */
function wideColumn(index: number, header: string, resolver: CatalogueResolver, hasDepartment: boolean): WideColumn | string {
  let name = header;
  let unit: string | null = null;
  let r = resolver.resolveIndicator(header);
  if (!r.ok && candidates(resolver, header).length === 0) {
    // NFKC makes full-width parentheses ASCII and the match ignores line breaks inside the header.
    const m = UNIT_SUFFIX.exec(normaliseName(header));
    if (m && m[1] !== '') {
      name = m[1]!;
      unit = m[2]!;
      r = resolver.resolveIndicator(name);
    }
  }
  if (r.ok) {
    if (unit !== null && !unitMatches(unit, r.value.unit)) {
      return `列标题中的单位“${unit}”与指标“${r.value.key}”的单位“${r.value.unit}”不符`;
    }
    return { index, header, name, unit, indicator: r.value };
  }
  const shared = candidates(resolver, name);
  if (shared.length > 1) {
    if (hasDepartment) {
      if (unit !== null && !shared.some((i) => unitMatches(unit, i.unit))) {
        return `列标题中的单位“${unit}”与指标“${name}”的单位“${shared.map((i) => `${i.key}：${i.unit}`).join('，')}”不符`;
      }
      return { index, header, name, unit, indicator: null };
    }
    return `${r.reason}（宽表可在列标题写“部门/指标”，或加“部门”列）`;
  }
  if (/[/／]/.test(name)) return `无法识别的列“${header}”：${r.reason}`;
  return `无法识别的列“${header}”：它既不是日期、地区、部门、备注列，也不是指标目录中的指标（指标列写指标名称，可带单位，如“出动民警辅警（人次）”）`;
}

/** Indicators a name could mean, one per department that has it. */
function candidates(resolver: CatalogueResolver, name: string): Indicator[] {
  const out: Indicator[] = [];
  for (const d of resolver.catalogue.departments) {
    const r = resolver.resolveIndicator(name, d.name);
    if (r.ok && !out.includes(r.value)) out.push(r.value);
  }
  return out;
}
