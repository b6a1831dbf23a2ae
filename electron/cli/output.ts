// What the database commands print: rows as an aligned table or as CSV under the fields' Chinese
// names, the note that a database holds demo figures, and their output files.
import { writeFileSync } from 'node:fs';
import { UserError } from '../../shared/errors';
import type { SliceRow } from '../../shared/api/slice';
import type { Workspace } from '../store/workspace';
import { DEMO_MARK, holdsDemoData } from '../demo/marker';
import type { Options } from './args';
import { formatCsv, formatTable, out, terminalText, type Cell } from './print';

const FIELD_LABELS: Record<string, string> = {
  region_code: '地区代码',
  region_name: '地区',
  department: '部门',
  indicator: '指标',
  unit: '单位',
  day: '日期',
  week: '周',
  month: '月',
  phase: '阶段',
  value: '数值',
  base: '基期',
  change: '增减',
  change_pct: '增减%',
  id: '批次',
  source: '来源',
  facts: '条数',
  replaced: '替换',
  importedAt: '导入时间（北京时间）',
  undoneAt: '撤销时间（北京时间）',
  usual: '预期值',
  expected_range: '预期范围',
  score: '偏离倍数',
  aliases: '别名',
  city_code: '市代码',
  city_name: '市',
  units: '报送单位',
  expected_pairs: '应报单位日',
  reported_pairs: '齐全单位日',
  missing_pairs: '缺报单位日',
  partial_pairs: '部分报送单位日',
  rate: '报送率%',
  reported: '已报指标',
  expected: '应报指标',
};
const NUMERIC = new Set(['value', 'base', 'change', 'change_pct']);
const KEY_FIELDS = [
  'region_code',
  'region_name',
  'city_code',
  'city_name',
  'department',
  'indicator',
  'unit',
  'day',
  'week',
  'month',
  'phase',
];

/** --format of the commands that print data: table (the default), csv or json. */
export function outputFormat(options: Options): 'table' | 'csv' | 'json' {
  const f = options.format ?? 'table';
  if (f !== 'table' && f !== 'csv' && f !== 'json') throw new UserError(`--format 只能是 table、csv 或 json（收到 ${f}）`);
  return f;
}

export function printRows(fields: string[], rows: Record<string, Cell>[], fmt: 'table' | 'csv', footer?: Record<string, Cell>): void {
  const cells = rows.map((r) => fields.map((f) => r[f]));
  if (fmt === 'csv') return out(formatCsv(fields, cells));
  if (footer) cells.push(fields.map((f, i) => (i === 0 ? '合计' : footer[f])));
  out(
    formatTable(
      fields.map((f) => FIELD_LABELS[f] ?? f),
      cells,
      fields.map((f) => NUMERIC.has(f)),
    ),
  );
}

export function sliceFields(rows: SliceRow[], compare: boolean): string[] {
  const keys = KEY_FIELDS.filter((k) => rows.some((r) => k in r));
  return [...keys, 'value', ...(compare ? ['base', 'change', 'change_pct'] : [])];
}

/**
 * Figures from a demo database are said to be demo figures: the table's first line; for CSV, which
 * scripts read, a line on stderr, so that stdout stays the data alone (JSON: `campaign info` has
 * `demo`).
 */
export function noteDemo(ws: Workspace, fmt: 'table' | 'csv'): void {
  if (!holdsDemoData(ws.db)) return;
  if (fmt === 'table') out(`【${DEMO_MARK}】`);
  else process.stderr.write(`注意：${terminalText(ws.path)} 为${DEMO_MARK}\n`);
}

/** Writes a command's output file; a failure is the user's to fix (a missing folder, no permission). */
export function writeOutputFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new UserError(`无法写入文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
  }
}
