// Whether the open database is a 督导包, and what it holds (its bundle_origin row, migration 5).
import type { Db } from './database';
import type { BundleInfo } from '../../shared/api/inspection';
import { isoDay } from '../../shared/dates';

interface OriginRow {
  bundle_id: string;
  city_code: number;
  city_name: string;
  from_day: number;
  to_day: number;
  made_at: string;
  made_by: string;
  province_database_id: string;
}

export function bundleInfoOf(db: Db): BundleInfo | null {
  const row = db
    .prepare(
      `SELECT o.bundle_id, o.city_code, r.name AS city_name, o.from_day, o.to_day, o.made_at, o.made_by, o.province_database_id
         FROM bundle_origin o JOIN region r ON r.code = o.city_code LIMIT 1`,
    )
    .get() as OriginRow | undefined;
  if (!row) return null;
  return {
    bundleId: row.bundle_id,
    cityCode: String(row.city_code),
    cityName: row.city_name,
    from: isoDay(row.from_day),
    to: isoDay(row.to_day),
    madeAt: row.made_at,
    madeBy: row.made_by,
    provinceDatabaseId: row.province_database_id,
  };
}

/** This database's own id (migration 5 made it). */
export function databaseIdOf(db: Db): string {
  return db.prepare('SELECT id FROM database_identity LIMIT 1').pluck().get() as string;
}
