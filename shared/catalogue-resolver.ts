// Turns what people write (codes, full or short names, aliases) into catalogue entries. Used by
// import, the CLI and the UI alike, so a name means the same thing everywhere.
import type { Catalogue, Indicator, Phase, Region } from './api/catalogue-types';
import { normaliseName } from './catalogue';

export type Resolution<T> = { ok: true; value: T } | { ok: false; reason: string };

/** One region of a filter: the whole region, or only its own units (市本级, 省厅直属). */
export interface RegionSelectionItem {
  region: Region;
  ownUnits: boolean;
}

const PROVINCE_DIRECT = ['省厅直属', '省厅', '省直', '省本级', '省级'];
const OWN_UNITS = /^(.+?)(市本级|本级|直属)$/;

function shortName(name: string): string | null {
  const stripped = name.replace(/(省|市|区|县)$/, '');
  return stripped !== name && stripped.length >= 2 ? stripped : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class CatalogueResolver {
  private readonly regionByCode = new Map<string, Region>();
  private readonly regionsByName = new Map<string, Region[]>();
  private readonly regionsByShort = new Map<string, Region[]>();
  private readonly departments = new Map<string, string>();
  private readonly indicatorsByAlias = new Map<string, Indicator[]>();
  private readonly periods = new Map<string, Phase>();

  constructor(readonly catalogue: Catalogue) {
    for (const r of catalogue.regions) {
      this.regionByCode.set(r.code, r);
      push(this.regionsByName, r.name, r);
      const short = shortName(r.name);
      if (short) push(this.regionsByShort, short, r);
    }
    for (const d of catalogue.departments) {
      for (const a of [d.name, d.fullName, ...d.aliases]) this.departments.set(normaliseName(a), d.name);
    }
    for (const i of catalogue.indicators) {
      for (const a of new Set([i.name, ...i.aliases].map(normaliseName))) push(this.indicatorsByAlias, a, i);
    }
    for (const c of catalogue.campaigns) {
      this.periods.set(normaliseName(c.name), { name: c.name, campaign: c.name, from: c.from, to: c.to });
      for (const p of c.phases) this.periods.set(normaliseName(p.name), p);
    }
  }

  region(code: string): Region | undefined {
    return this.regionByCode.get(code);
  }

  /** 6-digit code, full name, city + county (太原市小店区), short name when unique, 太原市本级, 省厅直属. */
  resolveRegion(text: string): Resolution<Region> {
    const key = normaliseName(text);
    if (key === '') return { ok: false, reason: '地区为空' };
    if (/^\d+$/.test(key)) {
      const code = key.length === 12 && key.endsWith('000000') ? key.slice(0, 6) : key;
      const r = this.regionByCode.get(code);
      return r ? { ok: true, value: r } : { ok: false, reason: `地区代码“${text}”不是山西省的行政区划代码` };
    }
    const province = this.catalogue.regions.find((r) => r.level === 'province')!;
    if (PROVINCE_DIRECT.includes(key)) return { ok: true, value: province };
    let found = this.lookupRegion(key);
    if (found.length === 0 && key.startsWith('山西')) found = this.lookupRegion(key.replace(/^山西省?/, ''));
    if (found.length === 1) return { ok: true, value: found[0]! };
    if (found.length > 1) {
      const list = found.map((r) => `${this.fullRegionName(r)}（${r.code}）`).join('、');
      return { ok: false, reason: `地区“${text}”不唯一，可能是：${list}；请写出所属市或填写代码` };
    }
    return { ok: false, reason: `无法识别地区“${text}”（可填写6位代码、全称如“太原市小店区”或唯一的简称）` };
  }

  /**
   * A region as a filter selects it: as resolveRegion, and `ownUnits` when the text names only a
   * city's own units (太原市本级) or the province's (省厅直属) rather than the whole region.
   */
  resolveRegionSelection(text: string): Resolution<RegionSelectionItem> {
    const r = this.resolveRegion(text);
    if (!r.ok) return r;
    const key = normaliseName(text);
    const ownUnits =
      r.value.level === 'province'
        ? PROVINCE_DIRECT.includes(key)
        : r.value.level === 'city' && OWN_UNITS.test(key) && !this.regionsByName.has(key);
    return { ok: true, value: { region: r.value, ownUnits } };
  }

  private lookupRegion(key: string): Region[] {
    if (key === '山西' || key === '山西省') {
      return this.catalogue.regions.filter((r) => r.level === 'province');
    }
    const full = this.regionsByName.get(key);
    if (full) return full;
    const own = OWN_UNITS.exec(key);
    if (own) return this.lookupRegion(own[1]!).filter((r) => r.level === 'city');
    const short = this.regionsByShort.get(key);
    if (short) return short;
    // City followed by county: 太原市小店区, 太原小店, 阳泉城区.
    for (const city of this.catalogue.regions.filter((r) => r.level === 'city')) {
      for (const prefix of [city.name, shortName(city.name)]) {
        if (!prefix || !key.startsWith(prefix) || key.length === prefix.length) continue;
        const rest = key.slice(prefix.length);
        const inCity = this.catalogue.regions.filter((r) => r.parent === city.code && (r.name === rest || shortName(r.name) === rest));
        if (inCity.length > 0) return inCity;
      }
    }
    return [];
  }

  /** 太原市小店区 for a county, 太原市 for a city, 山西省 for the province. */
  fullRegionName(r: Region): string {
    if (r.level !== 'county' || !r.parent) return r.name;
    return `${this.regionByCode.get(r.parent)?.name ?? ''}${r.name}`;
  }

  resolveDepartment(text: string): Resolution<string> {
    const key = normaliseName(text);
    const name = this.departments.get(key) ?? this.departments.get(key.replace(/(总队|支队|大队|部门)$/, ''));
    if (name) return { ok: true, value: name };
    const known = this.catalogue.departments.map((d) => d.name).join('、');
    return { ok: false, reason: `无法识别部门“${text}”（可用：${known}）` };
  }

  /** A name or alias, optionally written 部门/指标; `department` narrows it when given. */
  resolveIndicator(text: string, department?: string): Resolution<Indicator> {
    let key = normaliseName(text);
    let dept = department;
    const slash = key.search(/[/／]/);
    if (slash > 0) {
      const d = this.resolveDepartment(key.slice(0, slash));
      if (!d.ok) return d;
      dept = d.value;
      key = key.slice(slash + 1);
    }
    const all = this.indicatorsByAlias.get(key) ?? [];
    const candidates = dept === undefined ? all : all.filter((i) => i.department === dept);
    if (candidates.length === 1) return { ok: true, value: candidates[0]! };
    if (candidates.length > 1) {
      const list = candidates.map((i) => i.key).join('、');
      return { ok: false, reason: `指标“${text}”为多个部门共用：${list}；请写成“部门/指标”或填写部门` };
    }
    if (all.length > 0 && dept !== undefined) {
      return { ok: false, reason: `部门“${dept}”没有指标“${text}”（该指标属于${all.map((i) => i.department).join('、')}）` };
    }
    return { ok: false, reason: `无法识别指标“${text}”，请使用指标目录中的名称或别名` };
  }

  /** A phase name or a whole campaign's name. */
  resolvePeriod(text: string): Resolution<Phase> {
    const p = this.periods.get(normaliseName(text));
    if (p) return { ok: true, value: p };
    const known = [...this.periods.values()].map((x) => x.name).join('、');
    return { ok: false, reason: `无法识别行动阶段“${text}”（可用：${known}）` };
  }
}
