// What a 督导回传 may refer to in the copy it is merged into: its city, units of that city only,
// departments and indicators of this catalogue, correction days inside the bundle's period, and
// findings that exist. A return that reaches outside its city is refused whole.
import type { Workspace } from '../store/workspace';
import type { Region } from '../../shared/api/catalogue-types';
import { isoDay } from '../../shared/dates';
import type { ReturnContents } from '../../shared/api/return-file';
import { malformedReturn } from './return-format';

export function checkReturnAgainstCatalogue(ws: Workspace, contents: ReturnContents, fileName: string): Region {
  const { origin } = contents;
  const city = ws.resolver.region(String(origin.cityCode));
  if (!city || city.level !== 'city') throw malformedReturn(fileName, `地市代码 ${origin.cityCode} 不在本库的地区目录中`);
  const inCity = (code: number): Region | null => {
    const r = ws.resolver.region(String(code));
    return r && r.city === city.code ? r : null;
  };
  const departments = new Set(ws.db.prepare('SELECT id FROM department').pluck().all() as number[]);
  const indicators = new Set(ws.catalogue.indicators.map((i) => i.id));

  for (const f of contents.findings) {
    if (!inCity(f.region_code)) throw malformedReturn(fileName, `督导发现 ${f.id} 的单位 ${f.region_code} 不属于${city.name}`);
    if (f.department_id !== null && !departments.has(f.department_id))
      throw malformedReturn(fileName, `督导发现 ${f.id} 的部门不在本库目录中`);
    if (f.indicator_id !== null && !indicators.has(f.indicator_id))
      throw malformedReturn(fileName, `督导发现 ${f.id} 的指标不在本库目录中`);
  }
  const findingIds = new Set(contents.findings.map((f) => f.id));
  const knownFinding = ws.db.prepare('SELECT 1 FROM finding WHERE id = ?').pluck();
  for (const c of contents.corrections) {
    const unit = inCity(c.region_code);
    // Figures are reported by counties and 市本级 (the city's own code), never by a city as a whole sum.
    if (!unit || (unit.level !== 'county' && unit.level !== 'city'))
      throw malformedReturn(fileName, `更正 ${c.id} 的单位 ${c.region_code} 不是${city.name}的报送单位`);
    if (!indicators.has(c.indicator_id)) throw malformedReturn(fileName, `更正 ${c.id} 的指标不在本库目录中`);
    if (c.day < origin.fromDay || c.day > origin.toDay) {
      throw malformedReturn(
        fileName,
        `更正 ${c.id} 的日期 ${isoDay(c.day)} 不在督导包的期间 ${isoDay(origin.fromDay)} 至 ${isoDay(origin.toDay)} 内`,
      );
    }
    if (c.finding_id !== null && !findingIds.has(c.finding_id) && knownFinding.get(c.finding_id) === undefined) {
      throw malformedReturn(fileName, `更正 ${c.id} 所附的督导发现不存在`);
    }
  }
  return city;
}

/** A reporting unit as the analyst reads it: 吕梁市离石区, 吕梁市本级. */
export function reportingUnitName(ws: Workspace, code: number): string {
  const r = ws.resolver.region(String(code));
  if (!r) return String(code);
  return r.level === 'city' ? `${r.name}本级` : ws.resolver.fullRegionName(r);
}
