// Rows of cells → facts and issues. Every distinct date, region, department and indicator text is
// resolved once (the caches live as long as one import command); the per-row work is a few map
// look-ups, a number parse and a push into typed arrays.
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import type { Indicator } from '../../shared/api/catalogue-types';
import type { ImportFormat, ImportIssueKind, TextEncodingLabel } from '../../shared/api/import';
import { unitRule, type UnitRule } from '../../shared/units';
import { ANY_UNIT, cellText, isBlank, parseDate, parseDateText, parseValue, textOf, unitMatches, type Cell } from './cell-values';
import { FactBuffer } from '../store/facts/fact-buffer';
import { checkIndicatorId, factKey } from '../store/fact-key';
import { isHeaderRow, readHeader, type Layout, type WideColumn } from './header';
import { columnLetter } from '../../shared/column-letter';
import { describeKey } from '../../shared/describe-key';
import { IssueList } from './issues';
import { NOTE_MAX_CHARS, tooLongMessage } from '../../shared/api/stored-text';

/** The header must be among a sheet's first this many non-blank rows. */
export const HEADER_SEARCH_ROWS = 10;
/** Rows between progress calls (which also let the validation worker ship the facts so far). */
const PROGRESS_EVERY = 8192;

/** Resolutions of the texts met so far; shared by all files of one import. */
export class ResolveCache {
  private readonly dates = new Map<string, number | string>();
  private readonly regions = new Map<string, number | string>();
  private readonly departments = new Map<string, { name: string } | string>();
  /** Keyed by department ('' for none), then indicator text. */
  private readonly indicators = new Map<string, Map<string, Indicator | string>>();
  private readonly rules = new Map<number, UnitRule>();

  constructor(readonly resolver: CatalogueResolver) {
    for (const i of resolver.catalogue.indicators) {
      checkIndicatorId(i.id);
      this.rules.set(i.id, unitRule(i.unit));
    }
  }

  /** Day number, or the reason the cell is not a date. */
  date(cell: Cell): number | string {
    if (typeof cell !== 'string') return parseDate(cell);
    let d = this.dates.get(cell);
    if (d === undefined) {
      d = parseDateText(cell);
      this.dates.set(cell, d);
    }
    return d;
  }

  /** Region code as a number, or the reason. */
  region(cell: Cell): number | string {
    const text = typeof cell === 'string' ? cell : textOf(cell);
    let r = this.regions.get(text);
    if (r === undefined) {
      const res = this.resolver.resolveRegion(text);
      r = res.ok ? Number(res.value.code) : res.reason;
      this.regions.set(text, r);
    }
    return r;
  }

  /** Canonical department name, or the reason. Empty text → undefined (no department). */
  department(text: string): { name: string } | string {
    let d = this.departments.get(text);
    if (d === undefined) {
      const res = this.resolver.resolveDepartment(text);
      d = res.ok ? { name: res.value } : res.reason;
      this.departments.set(text, d);
    }
    return d;
  }

  indicator(text: string, department: string | undefined): Indicator | string {
    const dept = department ?? '';
    let byText = this.indicators.get(dept);
    if (!byText) this.indicators.set(dept, (byText = new Map<string, string | Indicator>()));
    let r = byText.get(text);
    if (r === undefined) {
      if (text.trim() === '') r = '指标为空';
      else {
        const res = this.resolver.resolveIndicator(text, department);
        r = res.ok ? res.value : res.reason;
      }
      byText.set(text, r);
    }
    return r;
  }

  rule(indicatorId: number): UnitRule {
    return this.rules.get(indicatorId)!;
  }
}

export interface RecognisedSheet {
  /** null for CSV. */
  name: string | null;
  layout: Layout;
}

/** Checks one file's rows, sheet by sheet, into facts and issues. */
export class FileValidator {
  readonly facts = new FactBuffer();
  readonly sheets: RecognisedSheet[] = [];
  readonly skippedSheets: string[] = [];
  /** CSV/TXT: the encoding the bytes were read as. */
  encoding: TextEncodingLabel | null = null;
  /** The facts' keys in ascending order, once finish() has run. */
  sortedKeys: Float64Array<ArrayBufferLike> = new Float64Array(0);
  rowsRead = 0;

  constructor(
    readonly file: string,
    readonly cache: ResolveCache,
    readonly issues: IssueList = new IssueList(file),
    private readonly onRows?: (rowsRead: number) => void,
  ) {}

  sheet(name: string | null): SheetValidator {
    return new SheetValidator(this, name);
  }

  get format(): ImportFormat | null {
    const formats = new Set(this.sheets.map((s) => s.layout.format));
    return formats.size === 0 ? null : formats.size > 1 ? 'mixed' : [...formats][0]!;
  }

  /** @internal */
  counted(): void {
    if (++this.rowsRead % PROGRESS_EVERY === 0) this.onRows?.(this.rowsRead);
  }

  /** @internal Records a fact; duplicates are looked for in finish(). */
  addFact(
    day: number,
    region: number,
    indicator: number,
    value: number,
    note: string | null,
    row: number,
    sheet: number,
    column: number,
    raw: Cell,
  ): void {
    const i = this.facts.push(factKey(day, region, indicator), day, region, indicator, value, note, row, sheet, column);
    if (typeof raw === 'string') this.facts.keepRaw(i, raw);
  }

  /**
   * Reports every fact whose key an earlier row of the file (any sheet) already has. The facts stay
   * as they are (a file with a duplicate is rejected; its facts, already shipped to the writer in
   * this order, are still checked for conflicts). Sorting the keys finds out whether there is any
   * duplicate at all without a million-entry map.
   */
  finish(): void {
    const f = this.facts;
    const sorted = f.sortedKeys();
    let dup: Set<number> | null = null;
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) (dup ??= new Set()).add(sorted[i]!);
    if (dup === null) {
      this.sortedKeys = sorted;
      return;
    }
    this.sortedKeys = sorted;
    const first = new Map<number, number>();
    for (let i = 0; i < f.length; i++) {
      const key = f.key[i]!;
      if (!dup.has(key)) continue;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, i);
        continue;
      }
      const sheet = this.sheets[f.sheet[i]!]!;
      const where = f.sheet[earlier] === f.sheet[i] ? '' : `工作表“${this.sheets[f.sheet[earlier]!]!.name}”`;
      const column = f.column[i]!;
      this.issues.add(
        'duplicate',
        sheet.name,
        f.row[i]!,
        sheet.layout.columns[column] ?? `${columnLetter(column)}列`,
        f.rawValue(i),
        `与${where}第 ${f.row[earlier]} 行重复：${this.describeKey(f.day[i]!, f.region[i]!, f.indicator[i]!)} 在同一文件中只能有一个数值`,
      );
    }
  }

  describeKey(day: number, region: number, indicator: number): string {
    return describeKey(this.cache.resolver, day, region, indicator);
  }
}

function isBlankRow(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i]!)) return false;
  return true;
}

function cellAt(cells: readonly Cell[], index: number): Cell {
  return index < 0 ? null : (cells[index] ?? null);
}

export class SheetValidator {
  private layout: Layout | null = null;
  private index = -1;
  private searched = 0;
  /** Indicator columns whose header unit was found to disagree with a row's indicator (reported once). */
  private readonly unitReported = new Set<string>();

  constructor(
    private readonly file: FileValidator,
    readonly name: string | null,
  ) {}

  get recognised(): boolean {
    return this.layout !== null;
  }

  /** Feeds one row; returns false when no more rows are wanted. */
  row(cells: readonly Cell[], row: number): boolean {
    this.file.counted();
    const layout = this.layout;
    if (layout === null) return this.searchHeader(cells, row);
    if (!layout.usable) return true;
    if (layout.format === 'long') this.longRow(layout, cells, row);
    else if (!isBlankRow(cells)) this.wideRow(layout, cells, row);
    return true;
  }

  private searchHeader(cells: readonly Cell[], row: number): boolean {
    if (isBlankRow(cells)) return true;
    this.searched++;
    if (isHeaderRow(cells)) {
      const { layout, issues } = readHeader(cells, row, this.file.cache.resolver);
      this.layout = layout;
      this.index = this.file.sheets.length;
      this.file.sheets.push({ name: this.name, layout });
      for (const i of issues) this.file.issues.add('header', this.name, row, i.column, i.index < 0 ? null : i.value, i.reason);
      return true;
    }
    return this.searched < HEADER_SEARCH_ROWS;
  }

  private issue(kind: ImportIssueKind, row: number, column: number, cell: Cell, reason: string): void {
    const layout = this.layout!;
    this.file.issues.add(kind, this.name, row, layout.columns[column] ?? `${columnLetter(column)}列`, cellText(cell), reason);
  }

  /** Values in columns without a header. */
  private checkUnlabeled(layout: Layout, cells: readonly Cell[], row: number): void {
    for (const c of layout.unlabeled) {
      const cell = cellAt(cells, c);
      if (!isBlank(cell)) this.issue('column', row, c, cell, '该列没有表头，无法确定这是什么数据');
    }
    for (let c = layout.columns.length; c < cells.length; c++) {
      const cell = cells[c]!;
      if (!isBlank(cell)) this.issue('column', row, c, cell, '该单元格超出了表头的范围（所在列没有表头）');
    }
  }

  /** The cells every row has, long or wide: date, region, optional 部门 and 备注; issues reported. */
  private rowKey(layout: Layout, cells: readonly Cell[], row: number) {
    const cache = this.file.cache;
    let ok = true;
    const dateCell = cellAt(cells, layout.date);
    const date = cache.date(dateCell);
    if (typeof date === 'string') {
      this.issue('date', row, layout.date, dateCell, date);
      ok = false;
    }
    const regionCell = cellAt(cells, layout.region);
    const code = cache.region(regionCell);
    if (typeof code === 'string') {
      this.issue('name', row, layout.region, regionCell, code);
      ok = false;
    }
    let department: string | undefined;
    let departmentOk = true;
    if (layout.department >= 0) {
      const cell = cellAt(cells, layout.department);
      const text = textOf(cell);
      if (text.trim() !== '') {
        const d = cache.department(text);
        if (typeof d === 'string') {
          this.issue('name', row, layout.department, cell, d);
          ok = departmentOk = false;
        } else department = d.name;
      }
    }
    let note: string | null = null;
    if (layout.note >= 0) {
      const cell = cellAt(cells, layout.note);
      const t = textOf(cell).trim();
      // 备注 is stored with every fact of the row: bounded, and the row refused (nothing written) beyond.
      if (t.length > NOTE_MAX_CHARS) {
        this.issue('value', row, layout.note, cell, tooLongMessage('备注', t.length, NOTE_MAX_CHARS));
        ok = false;
      } else if (t !== '') note = t;
    }
    // day and region are only read when ok (or, for a bad row, not at all).
    return { ok, day: date as number, region: code as number, department, departmentOk, note };
  }

  private longRow(layout: Layout, cells: readonly Cell[], row: number): void {
    const cache = this.file.cache;
    const dateCell = cellAt(cells, layout.date);
    const regionCell = cellAt(cells, layout.region);
    const indicatorCell = cellAt(cells, layout.indicator);
    const valueCell = cellAt(cells, layout.value);
    // Blank rows are skipped; the key cells are looked at first so a normal row costs little.
    if (isBlank(dateCell) && isBlank(regionCell) && isBlank(indicatorCell) && isBlank(valueCell) && isBlankRow(cells)) return;
    if (layout.unlabeled.length > 0 || cells.length > layout.columns.length) this.checkUnlabeled(layout, cells, row);

    const key = this.rowKey(layout, cells, row);
    let ok = key.ok;
    const { day, region, department, departmentOk } = key;
    let indicator: Indicator | null = null;
    if (departmentOk) {
      const r = cache.indicator(textOf(indicatorCell), department);
      if (typeof r === 'string') {
        this.issue('name', row, layout.indicator, indicatorCell, r);
        ok = false;
      } else indicator = r;
    }
    if (indicator !== null && layout.unit >= 0) {
      const cell = cellAt(cells, layout.unit);
      const unit = textOf(cell);
      if (unit !== '' && unit !== indicator.unit && unit.trim() !== '' && !unitMatches(unit, indicator.unit)) {
        this.issue('value', row, layout.unit, cell, `单位“${unit.trim()}”与指标“${indicator.key}”的单位“${indicator.unit}”不符`);
        ok = false;
      }
    }
    const value = indicator ? parseValue(valueCell, cache.rule(indicator.id), indicator.unit) : parseValue(valueCell, ANY_UNIT, '');
    if (typeof value === 'string') {
      this.issue('value', row, layout.value, valueCell, value);
      ok = false;
    }
    if (!ok) return;
    this.file.addFact(day, region, indicator!.id, value as number, key.note, row, this.index, layout.value, valueCell);
  }

  private wideRow(layout: Layout, cells: readonly Cell[], row: number): void {
    const cache = this.file.cache;
    if (layout.unlabeled.length > 0 || cells.length > layout.columns.length) this.checkUnlabeled(layout, cells, row);
    const key = this.rowKey(layout, cells, row);
    const ok = key.ok;
    const { day, region, department, departmentOk, note } = key;
    for (const col of layout.wide) {
      const cell = cellAt(cells, col.index);
      if (isBlank(cell)) continue; // not reported
      const indicator = this.columnIndicator(col, department, departmentOk, row, cell);
      if (indicator === undefined) continue; // the column or the row's 部门 is already reported
      const value = indicator ? parseValue(cell, cache.rule(indicator.id), indicator.unit) : parseValue(cell, ANY_UNIT, '');
      if (typeof value === 'string') {
        this.issue('value', row, col.index, cell, value);
        continue;
      }
      if (ok && indicator) this.file.addFact(day, region, indicator.id, value, note, row, this.index, col.index, cell);
    }
  }

  /**
   * The indicator of a filled cell in an indicator column, narrowed by the row's 部门. null: not
   * resolvable (reported here); undefined: skip the cell silently (reported elsewhere).
   */
  private columnIndicator(
    col: WideColumn,
    department: string | undefined,
    departmentOk: boolean,
    row: number,
    cell: Cell,
  ): Indicator | null | undefined {
    if (!departmentOk) return col.indicator ?? undefined;
    if (department === undefined && col.indicator) return col.indicator;
    const r = this.file.cache.indicator(col.name, department);
    if (typeof r === 'string') {
      this.issue('name', row, col.index, cell, r);
      return null;
    }
    if (col.indicator === null && col.unit !== null && !unitMatches(col.unit, r.unit)) {
      const key = `${col.index}\u0001${r.id}`;
      if (!this.unitReported.has(key)) {
        this.unitReported.add(key);
        this.file.issues.add(
          'header',
          this.name,
          this.layout!.headerRow,
          this.layout!.columns[col.index]!,
          col.header,
          `列标题中的单位“${col.unit}”与指标“${r.key}”的单位“${r.unit}”不符`,
        );
      }
      return undefined;
    }
    return r;
  }
}
