// The region tree: breadcrumbs, search, and the scope charts and the map draw for a selection.
import type { Catalogue, Region } from '../../shared/api/catalogue-types';
import type { GroupKey } from '../../shared/api/slice';
import { PROVINCE_CODE } from './filter';
import { regionNames } from '../../shared/region-names';

export interface Crumb {
  /** The region to step back to; null for a crumb that only describes (several regions chosen). */
  code: string | null;
  label: string;
}

export function regionIndex(catalogue: Catalogue): Map<string, Region> {
  return new Map(catalogue.regions.map((r) => [r.code, r]));
}

/** 山西省 › 太原市 › 小店区 for one region; 山西省 › 已选 N 个地区 for several. */
export function breadcrumbPath(catalogue: Catalogue, regions: string[]): Crumb[] {
  const byCode = regionIndex(catalogue);
  const province = catalogue.regions.find((r) => r.level === 'province');
  const root: Crumb = { code: PROVINCE_CODE, label: province?.name ?? '山西省' };
  if (regions.length === 0) return [root];
  if (regions.length > 1) {
    // 阳泉市城区, not 城区: a shared county name is written with its city.
    const distinct = regionNames(catalogue.regions).distinct;
    const names = regions.map((c) => (byCode.has(c) ? distinct(c) : c));
    return [root, { code: null, label: `已选 ${regions.length} 个地区：${names.slice(0, 4).join('、')}${names.length > 4 ? '…' : ''}` }];
  }
  const chain: Crumb[] = [];
  let r = byCode.get(regions[0]!);
  while (r && r.level !== 'province') {
    chain.unshift({ code: r.code, label: r.name });
    r = r.parent ? byCode.get(r.parent) : undefined;
  }
  return [root, ...chain];
}

export interface RegionNode {
  region: Region;
  children: Region[];
}

/** Cities with their counties, in catalogue order. */
export function regionTree(catalogue: Catalogue): RegionNode[] {
  const cities = catalogue.regions.filter((r) => r.level === 'city');
  return cities.map((c) => ({ region: c, children: catalogue.regions.filter((r) => r.level === 'county' && r.parent === c.code) }));
}

/** Cities and counties whose name or code contains the query (小店 → 小店区). */
export function searchRegions(catalogue: Catalogue, query: string): Region[] {
  const q = query.trim();
  if (!q) return [];
  return catalogue.regions.filter((r) => r.level !== 'province' && (r.name.includes(q) || r.code.startsWith(q)));
}

export interface ChartScope {
  /** Rows of the ranking and the map: cities, or the counties of one city. */
  level: Extract<GroupKey, 'region:city' | 'region:county'>;
  /** The regions filter of the scope's query. */
  regions: string[];
  /** The map to draw: 140000 or a city code. */
  mapCode: string;
  /** A region to highlight (a selected county among its siblings). */
  highlight: string | null;
  title: string;
}

export function chartScope(catalogue: Catalogue, regions: string[]): ChartScope {
  const byCode = regionIndex(catalogue);
  const province = { level: 'region:city' as const, regions: [], mapCode: PROVINCE_CODE, highlight: null, title: '各市' };
  if (regions.length === 0) return province;
  const chosen = regions.map((c) => byCode.get(c)).filter((r): r is Region => r !== undefined);
  if (chosen.length === 1) {
    const r = chosen[0]!;
    if (r.level === 'city')
      return { level: 'region:county', regions: [r.code], mapCode: r.code, highlight: null, title: `${r.name}各县区` };
    if (r.level === 'county' && r.parent) {
      const city = byCode.get(r.parent);
      return { level: 'region:county', regions: [r.parent], mapCode: r.parent, highlight: r.code, title: `${city?.name ?? ''}各县区` };
    }
  }
  if (chosen.every((r) => r.level === 'city')) return { ...province, regions: chosen.map((r) => r.code), title: '所选各市' };
  return { level: 'region:county', regions: chosen.map((r) => r.code), mapCode: PROVINCE_CODE, highlight: null, title: '所选县区' };
}

/** A summary of the selection for the region picker's button. */
export function regionSummary(catalogue: Catalogue, regions: string[]): string {
  if (regions.length === 0) return '全省';
  const distinct = regionNames(catalogue.regions).distinct;
  const names = regions.map(distinct);
  return names.length <= 2 ? names.join('、') : `${names[0]}等 ${names.length} 个`;
}
