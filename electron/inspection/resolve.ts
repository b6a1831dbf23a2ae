// How the inspection records name what they concern: a unit (a county, a city's 市本级, or a city
// as a whole), a department and an indicator — resolved as queries resolve them, and, on a 督导包,
// kept to the bundle's city.
import type { Indicator, Region } from '../../shared/api/catalogue-types';
import { bundleInfoOf } from '../store/bundle-origin';
import type { Workspace } from '../store/workspace';
import { regionNames } from '../../shared/region-names';
import { UserError } from '../../shared/errors';
import type { Resolution } from '../../shared/catalogue-resolver';

function must<T>(r: Resolution<T>): T {
  if (!r.ok) throw new UserError(r.reason);
  return r.value;
}

/** On a 督导包 only its city and its units may be named. */
function checkInBundle(ws: Workspace, region: Region): void {
  const bundle = bundleInfoOf(ws.db);
  if (bundle === null) return;
  if (region.code !== bundle.cityCode && region.city !== bundle.cityCode) {
    throw new UserError(`本督导包只含${bundle.cityName}的数据：“${ws.resolver.fullRegionName(region)}”不在其中`);
  }
}

/** The unit a finding concerns: a county, or a city (its 市本级 or the whole city, stored under its code). */
export function findingRegion(ws: Workspace, text: string): Region {
  const region = must(ws.resolver.resolveRegion(text));
  if (region.level === 'province') {
    throw new UserError(`督导发现须针对一个地市、区县或市本级，“${text}”是全省`);
  }
  checkInBundle(ws, region);
  return region;
}

/** A reporting unit: a county, or a city's 市本级 (written 太原市本级, or the city's code). */
export function reportingUnit(ws: Workspace, text: string): Region {
  const selected = must(ws.resolver.resolveRegionSelection(text));
  const region = selected.region;
  if (region.level === 'province') {
    throw new UserError(`更正须针对一个填报单位（区县或市本级），“${text}”不是填报单位`);
  }
  if (region.level === 'city' && !selected.ownUnits && !/^\d+$/.test(text.trim())) {
    throw new UserError(`更正须针对一个填报单位（区县或市本级）：“${text}”是整个地市，市本级请写“${region.name}本级”`);
  }
  checkInBundle(ws, region);
  return region;
}

/** An indicator (a name, an alias, or 部门/指标), narrowed by a department when one is given. */
export function resolveIndicator(ws: Workspace, text: string, department?: string): Indicator {
  return must(ws.resolver.resolveIndicator(text, department));
}

/** What a finding concerns: a department alone, an indicator (which implies its department), or both when they agree. */
export function findingSubject(
  ws: Workspace,
  department: string | undefined,
  indicator: string | undefined,
): { departmentId: number | null; indicatorId: number | null } {
  const dept = department === undefined ? undefined : must(ws.resolver.resolveDepartment(department));
  let ind: Indicator | undefined;
  if (indicator !== undefined) {
    ind = resolveIndicator(ws, indicator, dept);
    if (dept !== undefined && ind.department !== dept) throw new UserError(`指标“${ind.key}”不属于部门“${dept}”`);
  }
  const deptName = ind?.department ?? dept;
  const departmentId =
    deptName === undefined
      ? null
      : ((ws.db.prepare('SELECT id FROM department WHERE name = ?').pluck().get(deptName) as number | undefined) ?? null);
  if (deptName !== undefined && departmentId === null) throw new UserError(`部门“${deptName}”不在数据库的目录中`);
  return { departmentId, indicatorId: ind?.id ?? null };
}

/** Names as the lists print them: 小店区 / 阳泉市城区 for a county, the city's name, its city. */
export function regionLabels(ws: Workspace) {
  const names = regionNames(ws.catalogue.regions);
  const byCode = new Map(ws.catalogue.regions.map((r) => [r.code, r]));
  return {
    /** A finding's unit: a county's name, or the city's (its 市本级 or the whole city). */
    unit(code: string): string {
      return names.distinct(code);
    },
    /** A reporting unit's name: a county, or 太原市本级. */
    reportingUnit(code: string): string {
      const r = byCode.get(code);
      return r?.level === 'city' ? `${r.name}本级` : names.distinct(code);
    },
    city(code: string): string {
      const r = byCode.get(code);
      if (r?.level === 'city') return r.name;
      return names.cityOf(code)?.name ?? '';
    },
  };
}
