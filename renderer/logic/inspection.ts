// The 督导 view's pure logic: counts by city and category, the list's filters, the unit choices of
// the forms, which attachments are images, passphrase checks. No React here, so it is unit-tested.
import type { Catalogue } from '../../shared/api/catalogue-types';
import {
  FINDING_CATEGORIES,
  PASSPHRASE_MAX_CHARS,
  PASSPHRASE_MIN_CHARS,
  type FindingCategory,
  type FindingJson,
  type FindingStatus,
} from '../../shared/api/inspection';
import { allReportingUnits } from '../../shared/reporting-units';

export interface FindingCounts {
  total: number;
  待整改: number;
  整改中: number;
  已销号: number;
  overdue: number;
}

export interface CitySummaryRow extends FindingCounts {
  cityCode: string;
  cityName: string;
}

export function emptyCounts(): FindingCounts {
  return { total: 0, 待整改: 0, 整改中: 0, 已销号: 0, overdue: 0 };
}

function count(into: FindingCounts, f: FindingJson): void {
  into.total += 1;
  into[f.status] += 1;
  if (f.overdue) into.overdue += 1;
}

/**
 * Findings counted by city, in catalogue order; cities without findings are listed too (a row of
 * zeros says 没有问题, which a missing row does not). `cities` limits the rows (a bundle: its city).
 */
export function summaryByCity(findings: readonly FindingJson[], catalogue: Catalogue, cities?: readonly string[]): CitySummaryRow[] {
  const cityOf = cityCodeOf(catalogue);
  const rows = catalogue.regions
    .filter((r) => r.level === 'city' && (!cities || cities.includes(r.code)))
    .map((r): CitySummaryRow => ({ cityCode: r.code, cityName: r.name, ...emptyCounts() }));
  const byCode = new Map(rows.map((r) => [r.cityCode, r]));
  for (const f of findings) {
    const row = byCode.get(cityOf(f.region_code) ?? '');
    if (row) count(row, f);
  }
  return rows;
}

export function summaryByCategory(findings: readonly FindingJson[]): { category: FindingCategory; counts: FindingCounts }[] {
  return FINDING_CATEGORIES.map((category) => {
    const counts = emptyCounts();
    for (const f of findings) if (f.category === category) count(counts, f);
    return { category, counts };
  });
}

export function totals(findings: readonly FindingJson[]): FindingCounts {
  const counts = emptyCounts();
  for (const f of findings) count(counts, f);
  return counts;
}

/** The city a region code belongs to (a county's parent, a city itself; 市本级 units carry the city's code). */
export function cityCodeOf(catalogue: Catalogue): (code: string) => string | null {
  const byCode = new Map(catalogue.regions.map((r) => [r.code, r]));
  return (code) => {
    const r = byCode.get(code);
    if (!r) return null;
    return r.level === 'city' ? r.code : r.level === 'county' ? r.city : null;
  };
}

export interface FindingFilter {
  /** A city code; null: every city. */
  city: string | null;
  status: FindingStatus | null;
  overdueOnly: boolean;
}

export const NO_FILTER: FindingFilter = { city: null, status: null, overdueOnly: false };

/**
 * The list's filters, applied to the findings already loaded: the summary needs all of them anyway,
 * and a click on a city then narrows the list at once.
 */
export function filterFindings(findings: readonly FindingJson[], filter: FindingFilter, catalogue: Catalogue): FindingJson[] {
  const cityOf = cityCodeOf(catalogue);
  return findings.filter(
    (f) =>
      (filter.city === null || cityOf(f.region_code) === filter.city) &&
      (filter.status === null || f.status === filter.status) &&
      (!filter.overdueOnly || f.overdue),
  );
}

/** Latest first; overdue before others of the same day is not needed: the red rows stand out. */
export function sortFindings(findings: readonly FindingJson[]): FindingJson[] {
  return [...findings].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id.localeCompare(b.id)));
}

export interface UnitChoice {
  /** What the operations take as `region`: a code, or 太原市本级 for a city's own units. */
  value: string;
  label: string;
  cityCode: string;
}

export interface UnitGroup {
  cityCode: string;
  cityName: string;
  units: UnitChoice[];
}

/**
 * The units a finding may concern, grouped by city: the city as a whole (when `withCity`), its
 * counties, its 市本级. `onlyCity` (a bundle) keeps one city. Corrections take reporting units only.
 */
export function unitGroups(catalogue: Catalogue, opts: { withCity: boolean; onlyCity: string | null }): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  for (const city of catalogue.regions.filter((r) => r.level === 'city' && (opts.onlyCity === null || r.code === opts.onlyCity))) {
    groups.set(city.code, {
      cityCode: city.code,
      cityName: city.name,
      units: opts.withCity ? [{ value: city.code, label: `${city.name}（全市）`, cityCode: city.code }] : [],
    });
  }
  for (const unit of allReportingUnits(catalogue.regions)) {
    const group = groups.get(unit.city_code);
    if (!group) continue;
    // 市本级 shares its city's code: the resolver takes it by name.
    const value = unit.code === unit.city_code ? unit.name : unit.code;
    group.units.push({ value, label: unit.name, cityCode: unit.city_code });
  }
  return [...groups.values()];
}

/**
 * The region value of a grid row or chart point for the finding form: a county code stays; a
 * city's code stays (the city as a whole). Unknown codes give ''.
 */
export function unitValueOf(catalogue: Catalogue, code: string | null): string {
  if (!code) return '';
  return catalogue.regions.some((r) => r.code === code && r.level !== 'province') ? code : '';
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
};

/** The image type of an attachment by its name; null for other files (shown as a download link). */
export function imageMime(name: string): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return IMAGE_TYPES[ext] ?? null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a passphrase typed twice cannot be used yet; null when it can. */
export function passphraseProblem(first: string, second: string | null): string | null {
  if (first.length === 0) return '请输入口令';
  if (first.length < PASSPHRASE_MIN_CHARS) return `口令至少 ${PASSPHRASE_MIN_CHARS} 个字符（现 ${first.length} 个）`;
  if (first.length > PASSPHRASE_MAX_CHARS) return `口令过长（上限 ${PASSPHRASE_MAX_CHARS} 个字符）`;
  if (second !== null && first !== second) return '两次输入的口令不一致';
  return null;
}

/** Why a status change cannot be sent yet; null when it can. 已销号 needs a note saying how it was verified. */
export function updateProblem(
  change: { status: FindingStatus | null; note: string; due: string; files: number },
  current: FindingStatus,
): string | null {
  const status = change.status !== null && change.status !== current ? change.status : null;
  if (status === '已销号' && change.note.trim() === '') return '销号须写明如何核实整改（整改情况说明）';
  if (status === null && change.note.trim() === '' && change.due === '' && change.files === 0) return '没有要更改的内容';
  return null;
}

/** "2026-12-02T01:02:03.000Z" → "2026-12-02 09:02" (the analyst's local time). */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The filter that shows a finding's data in the grid: its unit's region, its indicator, its dates. */
export function dataFilterOf(
  f: Pick<FindingJson, 'region_code' | 'indicator' | 'department' | 'from' | 'to'>,
  catalogue: Catalogue,
): { regions: string[]; indicators: string[]; from: string | null; to: string | null } {
  const region = catalogue.regions.find((r) => r.code === f.region_code);
  const indicator = f.indicator
    ? catalogue.indicators.find(
        (i) => i.key === f.indicator || (i.name === f.indicator && (f.department === null || i.department === f.department)),
      )
    : undefined;
  return {
    regions: region && region.level !== 'province' ? [region.code] : [],
    indicators: indicator ? [indicator.key] : [],
    from: f.from,
    to: f.to,
  };
}
