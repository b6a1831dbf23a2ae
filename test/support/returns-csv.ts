// A long-format return (日期, 地区, 部门, 指标, 数值, 单位) of given facts, labelled as the cities write them.
import type { Workspace } from '../../electron/store/workspace';
import { isoDay } from '../../shared/dates';

/** A fact as (day number, region code, indicator id, value). */
export type FactTuple = readonly [number, number, number, number];

export function returnsCsv(ws: Workspace, facts: readonly FactTuple[]): string {
  const label = new Map<number, string>();
  for (const r of ws.catalogue.regions) {
    label.set(Number(r.code), r.level === 'city' ? `${r.name}本级` : r.level === 'county' ? ws.resolver.fullRegionName(r) : '省厅直属');
  }
  const indicator = new Map(ws.catalogue.indicators.map((i) => [i.id, i]));
  const lines = ['日期,地区,部门,指标,数值,单位'];
  for (const [day, region, id, value] of facts) {
    const i = indicator.get(id)!;
    lines.push(`${isoDay(day)},${label.get(region)},${i.department},${i.name},${value},${i.unit}`);
  }
  return lines.join('\n') + '\n';
}

/** The codes of the reporting units: counties, cities' own units (市本级), 省厅直属. */
export function reportingUnitCodes(ws: Workspace): number[] {
  return ws.catalogue.regions.map((r) => Number(r.code));
}
