// A copy of the demo database with reporting gaps and a few inflated values the tests know of:
// whole unit-days deleted, single indicators or a department's return left out of a day, and
// values multiplied far beyond the unit's history. Units other than any the issue names.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { rebuildDayColumnsOf } from '../../electron/store/day-columns';
import { parseIsoDay } from '../../shared/dates';

/** Units that reported nothing on these days. */
export const MISSING_DAYS = [
  { unit: '忻州市繁峙县', days: ['2023-08-02', '2023-08-03', '2023-08-04', '2023-08-10'] },
  { unit: '晋城市城区', days: ['2023-08-07'] },
  { unit: '运城市本级', days: ['2023-08-15'] },
];
/** A unit that left out one department's return that day. */
export const MISSING_DEPARTMENT = { unit: '忻州市本级', day: '2023-08-05', department: '交警' };
/** Units that left out single indicators. */
export const MISSING_INDICATORS = [
  { unit: '大同市灵丘县', days: ['2023-08-08', '2023-08-09'], indicator: '综合/设立卡点' },
  { unit: '忻州市五台县', days: ['2023-08-12'], indicator: '禁毒/缴获毒品' },
];
/** Values far outside the unit's own history. */
export const INFLATED = [
  { unit: '忻州市代县', day: '2023-08-16', indicator: '综合/检查车辆', factor: 20 },
  { unit: '运城市稷山县', day: '2023-08-11', indicator: '综合/盘查人员', factor: 25 },
];

export function regionCode(ws: Workspace, name: string): number {
  const r = ws.resolver.resolveRegion(name);
  if (!r.ok) throw new Error(r.reason);
  return Number(r.value.code);
}

export function indicatorId(ws: Workspace, key: string): number {
  const r = ws.resolver.resolveIndicator(key);
  if (!r.ok) throw new Error(r.reason);
  return r.value.id;
}

/** Copies the demo database into `dir` and cuts the gaps above into it; returns its path. */
export function makeGappyCopy(demoDb: string, dir: string): string {
  const path = join(dir, 'gappy.db');
  copyFileSync(demoDb, path);
  const ws = openWorkspace(path);
  const day = (d: string) => parseIsoDay(d)!;
  const touched = new Set<number>();
  try {
    ws.db.transaction(() => {
      const delDay = ws.db.prepare('DELETE FROM fact WHERE region_code = ? AND day = ?');
      const delOne = ws.db.prepare('DELETE FROM fact WHERE region_code = ? AND day = ? AND indicator_id = ?');
      const delDept = ws.db.prepare(
        'DELETE FROM fact WHERE region_code = ? AND day = ? AND indicator_id IN (SELECT i.id FROM indicator i JOIN department d ON d.id = i.department_id WHERE d.name = ?)',
      );
      const scale = ws.db.prepare('UPDATE fact SET value = MAX(value, 10) * ? WHERE region_code = ? AND day = ? AND indicator_id = ?');
      for (const m of MISSING_DAYS) {
        for (const d of m.days) {
          delDay.run(regionCode(ws, m.unit), day(d));
          touched.add(day(d));
        }
      }
      delDept.run(regionCode(ws, MISSING_DEPARTMENT.unit), day(MISSING_DEPARTMENT.day), MISSING_DEPARTMENT.department);
      touched.add(day(MISSING_DEPARTMENT.day));
      for (const m of MISSING_INDICATORS) {
        for (const d of m.days) {
          delOne.run(regionCode(ws, m.unit), day(d), indicatorId(ws, m.indicator));
          touched.add(day(d));
        }
      }
      for (const x of INFLATED) {
        scale.run(x.factor, regionCode(ws, x.unit), day(x.day), indicatorId(ws, x.indicator));
        touched.add(day(x.day));
      }
      // The slice engine and the completeness check read the day columns: rebuild the days edited.
      rebuildDayColumnsOf(ws.db, touched);
    })();
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ws.close();
  }
  return path;
}
