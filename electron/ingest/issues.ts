// The issues found in one file. The list is capped so that a wholly wrong file does not produce a
// million entries, but every kind keeps a share of it: 2,000 bad values found while reading must
// not hide the 3 conflicts with stored data found while writing. One more entry counts, by kind,
// what was left out. Beside the list, the reasons of each rejected data row are kept (up to
// REJECTED_ROWS_WITH_REASONS rows) for the rejects file sent back to the city.
import { IMPORT_ISSUE_KIND_LABELS, type ImportIssue, type ImportIssueKind } from '../../shared/api/import';

/** Issues listed per file, whatever their kind... */
export const MAX_ISSUES_PER_FILE = 1000;
/** ...and beyond that, still this many of each kind. */
export const MIN_ISSUES_PER_KIND = 50;
/** Characters of a cell's value quoted in an issue: a 1 MB cell must not make a 1 MB report line. */
export const ISSUE_VALUE_MAX_CHARS = 200;
/** Rejected rows whose reasons are kept for the rejects file; beyond, rows are only counted. */
export const REJECTED_ROWS_WITH_REASONS = 100_000;

/** Reasons of the rejected rows: sheet ('' for CSV) → Excel row number → reasons, in the order found. */
export type RowReasons = Map<string, Map<number, string[]>>;

export interface IssueSnapshot {
  items: ImportIssue[];
  total: number;
  counts: Partial<Record<ImportIssueKind, number>>;
  rows: RowReasons;
  /** Rejected rows beyond the cap: sheet and row. */
  rowsWithoutReasons: [string, number][];
}

/** Issues about a data row (as opposed to the file or its header): the row is rejected. */
function rejectsRow(kind: ImportIssueKind, row: number | null): row is number {
  return row !== null && kind !== 'file' && kind !== 'header' && kind !== 'more';
}

function shortened(value: string | null): string | null {
  if (value === null || value.length <= ISSUE_VALUE_MAX_CHARS) return value;
  return `${value.slice(0, ISSUE_VALUE_MAX_CHARS)}…（共 ${value.length.toLocaleString('en-US')} 字）`;
}

export class IssueList {
  private readonly items: ImportIssue[] = [];
  private readonly listed: Partial<Record<ImportIssueKind, number>> = {};
  /** Every issue found, listed or not, by kind. */
  readonly counts: Partial<Record<ImportIssueKind, number>> = {};
  /** Every issue found, listed or not. */
  total = 0;
  readonly rows: RowReasons = new Map();
  private rowsKept = 0;
  /** Rejected rows beyond REJECTED_ROWS_WITH_REASONS: counted, not described. */
  private readonly moreRows = new Set<number>();
  private readonly sheetIndex = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly limit = MAX_ISSUES_PER_FILE,
    private readonly perKind = MIN_ISSUES_PER_KIND,
    private readonly rowsCap = REJECTED_ROWS_WITH_REASONS,
  ) {}

  add(kind: ImportIssueKind, sheet: string | null, row: number | null, column: string | null, value: string | null, reason: string): void {
    this.total++;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    this.list1({ kind, file: this.file, sheet, row, column, value: shortened(value), reason });
    if (rejectsRow(kind, row)) this.rejectRow(sheet ?? '', row, column === null ? reason : `${column}：${reason}`);
  }

  /** A problem of the file as a whole: no sheet, row, column or value to point at. */
  fileProblem(reason: string): void {
    this.add('file', null, null, null, null, reason);
  }

  /** Data rows with at least one problem. */
  get rejectedRows(): number {
    return this.rowsKept + this.moreRows.size;
  }

  private list1(issue: ImportIssue): void {
    const n = this.listed[issue.kind] ?? 0;
    if (this.items.length < this.limit || n < this.perKind) {
      this.items.push(issue);
      this.listed[issue.kind] = n + 1;
    }
  }

  private rejectRow(sheet: string, row: number, reason: string): void {
    let bySheet = this.rows.get(sheet);
    if (!bySheet) this.rows.set(sheet, (bySheet = new Map<number, string[]>()));
    const reasons = bySheet.get(row);
    if (reasons) {
      if (!reasons.includes(reason)) reasons.push(reason);
      return;
    }
    if (this.rowsKept < this.rowsCap) {
      bySheet.set(row, [reason]);
      this.rowsKept++;
      return;
    }
    this.addMore(sheet, row);
  }

  private addMore(sheet: string, row: number): void {
    if (this.rows.get(sheet)?.has(row)) return;
    let s = this.sheetIndex.get(sheet);
    if (s === undefined) this.sheetIndex.set(sheet, (s = this.sheetIndex.size));
    this.moreRows.add(s * 2 ** 32 + row);
  }

  private moreRowsList(): [string, number][] {
    const sheets = [...this.sheetIndex.keys()];
    return [...this.moreRows].map((k) => [sheets[Math.floor(k / 2 ** 32)]!, k % 2 ** 32]);
  }

  /** Rejected rows found that the rejects file cannot describe. */
  get rowsWithoutReasons(): number {
    return this.moreRows.size;
  }

  /** What was found, to be carried to another thread and added to the list there. */
  snapshot(): IssueSnapshot {
    return { items: this.items, total: this.total, counts: this.counts, rows: this.rows, rowsWithoutReasons: this.moreRowsList() };
  }

  /** Adds the issues of a snapshot (found by another thread for the same file, before this list's own). */
  absorb(s: IssueSnapshot): void {
    for (const i of s.items) this.list1(i);
    this.total += s.total;
    for (const [kind, n] of Object.entries(s.counts) as [ImportIssueKind, number][]) this.counts[kind] = (this.counts[kind] ?? 0) + n;
    for (const [sheet, rows] of s.rows) {
      for (const [row, reasons] of rows) for (const r of reasons) this.rejectRow(sheet, row, r);
    }
    for (const [sheet, row] of s.rowsWithoutReasons) this.addMore(sheet, row);
  }

  /** The issues in reading order (sheet by sheet, row by row), then the count of those left out. */
  list(): ImportIssue[] {
    const rank = new Map<string | null, number>();
    for (const i of this.items) if (!rank.has(i.sheet)) rank.set(i.sheet, rank.size);
    // Stable: within a row, issues keep the order they were found in (left to right).
    const sorted = [...this.items].sort((a, b) => rank.get(a.sheet)! - rank.get(b.sheet)! || (a.row ?? 0) - (b.row ?? 0));
    if (this.total <= this.items.length) return sorted;
    const more = this.total - this.items.length;
    const byKind = (Object.entries(this.counts) as [ImportIssueKind, number][])
      .map(([kind, n]) => [kind, n - (this.listed[kind] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${IMPORT_ISSUE_KIND_LABELS[kind]} ${n.toLocaleString('en-US')} 处`)
      .join('、');
    return [
      ...sorted,
      {
        kind: 'more',
        file: this.file,
        sheet: null,
        row: null,
        column: null,
        value: null,
        reason: `另有 ${more.toLocaleString('en-US')} 处错误未列出（${byKind}；共 ${this.total.toLocaleString('en-US')} 处，列出 ${this.items.length.toLocaleString('en-US')} 处）`,
      },
    ];
  }
}
