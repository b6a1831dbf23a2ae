// The anomalies operation: unit-days far outside that unit's own history (median and MAD, the
// province's daily rhythm divided out), per city; the same list the city dossier prints.
import { SliceFilterSchema } from './slice';

export const AnomaliesQuerySchema = SliceFilterSchema;

export interface AnomalyRow {
  region_code: string;
  /** 小店区, 太原市本级, 阳泉市城区 (as in the completeness result). */
  region_name: string;
  city_code: string;
  city_name: string;
  day: string;
  department: string;
  indicator: string;
  /** 部门/指标. */
  indicator_key: string;
  /** Unit of measure (人次, 克 …). */
  unit: string;
  value: number;
  /** The unit's usual value for that day (its history's median, scaled to the province's level that day). */
  expected: number;
  expected_low: number;
  expected_high: number;
  /** Robust distance from the expected value, in robust standard deviations. */
  score: number;
}

export interface CityAnomalies {
  city_code: string;
  city_name: string;
  /** Largest deviation first. */
  anomalies: AnomalyRow[];
}

export interface AnomaliesResult {
  period: { from: string; to: string };
  /** The days each unit's history is taken from: the campaign holding the period, else the period. */
  window: { from: string; to: string };
  /** Robust z beyond which a value is listed. */
  threshold: number;
  total: number;
  /** Every city in scope, in catalogue order, with or without anomalies. */
  cities: CityAnomalies[];
}
