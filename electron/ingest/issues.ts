// The issues found in one file, capped so that a wholly wrong file does not produce a million
// entries: the first MAX_ISSUES_PER_FILE are kept, and one more says how many were left out.
import type { ImportIssue } from '../../shared/api/import';

export const MAX_ISSUES_PER_FILE = 1000;

export class IssueList {
  private readonly items: ImportIssue[] = [];
  /** Every issue found, listed or not. */
  total = 0;

  constructor(
    readonly file: string,
    private readonly limit = MAX_ISSUES_PER_FILE,
  ) {}

  add(sheet: string | null, row: number | null, column: string | null, value: string | null, reason: string): void {
    this.total++;
    if (this.items.length < this.limit) this.items.push({ file: this.file, sheet, row, column, value, reason });
  }

  /** What was found, to be carried to another thread and added to the list there. */
  snapshot(): { items: ImportIssue[]; total: number } {
    return { items: this.items, total: this.total };
  }

  /** Adds the issues of a snapshot (found by another thread for the same file). */
  absorb(snapshot: { items: ImportIssue[]; total: number }): void {
    for (const i of snapshot.items) if (this.items.length < this.limit) this.items.push(i);
    this.total += snapshot.total;
  }

  /** The issues in reading order (sheet by sheet, row by row), then the count of those left out. */
  list(): ImportIssue[] {
    const rank = new Map<string | null, number>();
    for (const i of this.items) if (!rank.has(i.sheet)) rank.set(i.sheet, rank.size);
    // Stable: within a row, issues keep the order they were found in (left to right).
    const sorted = [...this.items].sort((a, b) => rank.get(a.sheet)! - rank.get(b.sheet)! || (a.row ?? 0) - (b.row ?? 0));
    if (this.total <= this.items.length) return sorted;
    const more = this.total - this.items.length;
    return [
      ...sorted,
      {
        file: this.file,
        sheet: null,
        row: null,
        column: null,
        value: null,
        reason: `另有 ${more} 处错误未列出（共 ${this.total} 处，只列出前 ${this.items.length} 处）`,
      },
    ];
  }
}
