// What a region row of the slice holds, in its name. When the filter selects only part of a region
// (some of a city's counties, its 市本级, or a mix under the province) and rows are grouped at that
// region's level or above, the row is named for the part it holds — 太原市（小店区）,
// 山西省（吕梁市、小店区） — and carries the selected regions inside it (region_scope).
import type { Region } from '../../shared/api/catalogue-types';
import type { SliceRow } from '../../shared/api/slice';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { regionNames } from '../../shared/region-names';

/** The regions a filter selects, as the labels need them. */
export interface RegionSelection {
  /** Nothing narrowed (no region, or 山西省): every row holds its whole region. */
  all: boolean;
  /** Codes of regions selected whole: cities (with their counties and 市本级) and counties. */
  whole: ReadonlySet<string>;
  /** Codes of cities, or of the province, of which only the own units were selected (太原市本级, 省厅直属). */
  ownUnits: ReadonlySet<string>;
}

export interface RegionLabel {
  region_name: string;
  region_scope?: string[];
}
export type UnitLabel = Pick<SliceRow, 'region_name' | 'city_code' | 'city_name'>;

export interface RegionLabeller {
  /** A row at city grain: a city, or 省厅直属 (the province's own units). */
  cityRow(code: string): RegionLabel;
  /** The row of the whole selection at province level. */
  provinceRow(): RegionLabel;
  /** A row at county grain: a county, a city's 市本级 or 省厅直属, with the city it belongs to. */
  unitRow(code: string): UnitLabel;
  /** What the whole answer holds, when the filter narrows the province; null otherwise. */
  total(): Required<RegionLabel> | null;
}

/** Up to four parts are listed; longer lists show the first three and the count. */
const LISTED_PARTS = 4;

export function listParts(names: string[]): string {
  if (names.length <= LISTED_PARTS) return names.join('、');
  return `${names.slice(0, LISTED_PARTS - 1).join('、')}…共${names.length}个`;
}

/** The name a filter takes for a region's own units, used in region_scope where a code would mean the whole region. */
export function ownUnitsName(region: Region): string {
  return region.level === 'province' ? '省厅直属' : `${region.name}本级`;
}

interface Part {
  /** As --region takes it: a code, or 太原市本级 / 省厅直属 for own units. */
  selector: string;
  /** Inside its city's label (小店区, 市本级). */
  inCity: string;
  /** Inside the province's label (小店区, 阳泉市城区, 太原市本级, 吕梁市). */
  inProvince: string;
}

export function makeRegionLabeller(resolver: CatalogueResolver, selection: RegionSelection): RegionLabeller {
  const regions = resolver.catalogue.regions;
  const names = regionNames(regions);
  const province = regions.find((r) => r.level === 'province')!;
  const cities = regions.filter((r) => r.level === 'city');
  const countiesOf = new Map(cities.map((c) => [c.code, regions.filter((r) => r.level === 'county' && r.parent === c.code)]));

  // A city is held whole when selected whole, or when every county and its 市本级 were selected.
  const cityWhole = (code: string): boolean =>
    selection.all ||
    selection.whole.has(code) ||
    (selection.ownUnits.has(code) && (countiesOf.get(code) ?? []).every((c) => selection.whole.has(c.code)));
  const provinceWhole = selection.all || (selection.ownUnits.has(province.code) && cities.every((c) => cityWhole(c.code)));

  /** The selected parts of a city not held whole: its counties in catalogue order, then its 市本级. */
  const partsOf = (city: Region): Part[] => {
    const parts: Part[] = (countiesOf.get(city.code) ?? [])
      .filter((c) => selection.whole.has(c.code))
      .map((c) => ({ selector: c.code, inCity: c.name, inProvince: names.distinct(c.code) }));
    if (selection.ownUnits.has(city.code)) parts.push({ selector: ownUnitsName(city), inCity: '市本级', inProvince: ownUnitsName(city) });
    return parts;
  };

  const cityLabel = (city: Region): { region_name: string; region_scope?: string[] } => {
    if (cityWhole(city.code)) return { region_name: city.name };
    const parts = partsOf(city);
    // A row exists only for facts in scope, so a city row has at least one part; named whole otherwise.
    if (parts.length === 0) return { region_name: city.name };
    return { region_name: `${city.name}（${listParts(parts.map((p) => p.inCity))}）`, region_scope: parts.map((p) => p.selector) };
  };

  /** Names inside the province's label and the selected regions, city by city, 省厅直属 last. */
  const provinceParts = (): { names: string[]; selectors: string[] } => {
    const out = { names: [] as string[], selectors: [] as string[] };
    for (const c of cities) {
      const parts = selection.whole.has(c.code) ? [] : partsOf(c);
      if (selection.whole.has(c.code)) out.selectors.push(c.code);
      else out.selectors.push(...parts.map((p) => p.selector));
      // A city whose every unit was picked one by one is named as the city.
      if (selection.whole.has(c.code) || (parts.length > 0 && cityWhole(c.code))) out.names.push(c.name);
      else out.names.push(...parts.map((p) => p.inProvince));
    }
    if (selection.ownUnits.has(province.code)) {
      out.names.push(ownUnitsName(province));
      out.selectors.push(ownUnitsName(province));
    }
    return out;
  };

  const provinceLabel = (): RegionLabel => {
    if (provinceWhole) return { region_name: province.name };
    const parts = provinceParts();
    return { region_name: `${province.name}（${listParts(parts.names)}）`, region_scope: parts.selectors };
  };

  return {
    cityRow(code) {
      const r = resolver.region(code)!;
      if (r.level === 'province') return { region_name: '省厅直属' };
      return cityLabel(r);
    },
    provinceRow: provinceLabel,
    unitRow(code) {
      const r = resolver.region(code)!;
      if (r.level === 'province') return { region_name: '省厅直属' };
      if (r.level === 'city') return { region_name: ownUnitsName(r), city_code: r.code, city_name: r.name };
      const city = names.cityOf(code);
      return { region_name: r.name, ...(city ? { city_code: city.code, city_name: city.name } : {}) };
    },
    total() {
      if (selection.all) return null;
      const { selectors } = provinceParts();
      // The tightest region holding the selection: one city (whole or in part), else the province.
      const held = cities.filter((c) => selection.whole.has(c.code) || partsOf(c).length > 0);
      if (held.length === 1 && !selection.ownUnits.has(province.code)) {
        return { region_name: cityLabel(held[0]!).region_name, region_scope: selectors };
      }
      return { region_name: provinceLabel().region_name, region_scope: selectors };
    },
  };
}
