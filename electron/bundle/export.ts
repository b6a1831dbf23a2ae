// 导出督导包: one city's data for the inspection team, sealed. A fresh in-memory database (the
// migrations, then the province's catalogue row for row) receives
//   - every fact of the city's units (its counties and 市本级) with the batches they came from;
//   - the other cities' and 省厅直属's daily totals per indicator, stored as facts at the city's (or
//     the province's) own code under one context batch, so that the unchanged engine ranks the city
//     among the 11 and answers city and province totals as the provincial copy does;
//   - both for the period and for the periods it is compared with (上年同期 and the preceding
//     period of equal length), so that 同比 / 环比 on site are the province's;
//   - campaigns and phases, saved views, the city's findings (history, attachments) and corrections;
//   - the day columns the engine reads, and where it all came from (bundle_origin).
// Nothing is written to disk here: the caller saves the sealed bytes.
import { createHash, randomUUID } from 'node:crypto';
import { UserError } from '../../shared/errors';
import { parseIsoDay, type DayRange } from '../../shared/dates';
import type { BundleExportResult, ExportBundleInput } from '../../shared/api/inspection';
import type { Region } from '../../shared/api/catalogue-types';
import type { Db } from '../store/database';
import type { Workspace } from '../store/workspace';
import { databaseIdOf } from '../store/bundle-origin';
import { rebuildDayColumnsOf } from '../store/day-columns';
import { baseRange } from '../query/slice';
import { deriveKey, seal } from './sealed-file';
import { memoryDatabase, migrateInMemory } from './bundle-workspace';

/** The source of the batch holding the other cities' totals (the toolchain shows it as a batch). */
export const CONTEXT_BATCH_SOURCE = '全省各市逐日合计（督导包背景数据）';

/** Catalogue tables, copied whole so that the bundle's names and ids are the province's. */
const CATALOGUE_TABLES = ['region', 'department', 'department_alias', 'indicator', 'indicator_alias', 'campaign', 'phase'] as const;

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`);
}

/** Copies the rows a query on the province returns into the same-named table of the bundle. */
function copyRows(from: Db, to: Db, table: string, select: string, params: unknown[]): number {
  const columns = columnsOf(to, table);
  const insert = to.prepare(`INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  let n = 0;
  for (const row of from
    .prepare(select)
    .raw()
    .iterate(...params) as Iterable<unknown[]>) {
    insert.run(...row);
    n++;
  }
  return n;
}

/** The period as asked (dates or a phase / campaign name). */
function periodOf(ws: Workspace, input: ExportBundleInput): { from: string; to: string } {
  if (input.phase !== undefined) {
    const p = ws.resolver.resolvePeriod(input.phase);
    if (!p.ok) throw new UserError(p.reason);
    return { from: p.value.from, to: p.value.to };
  }
  const from = input.from!;
  const to = input.to!;
  if (from > to) throw new UserError(`开始日期 ${from} 晚于结束日期 ${to}`);
  return { from, to };
}

function cityOf(ws: Workspace, text: string): Region {
  const r = ws.resolver.resolveRegion(text);
  if (!r.ok) throw new UserError(r.reason);
  if (r.value.level !== 'city')
    throw new UserError(
      `督导包按地市导出：${r.value.name} 不是地市，请给出一个地市（如 ${ws.catalogue.regions.find((x) => x.level === 'city')?.name ?? '太原市'}）`,
    );
  return r.value;
}

/** The period and the periods it is compared with, as disjoint day ranges in order. */
function rangesToCopy(period: DayRange): DayRange[] {
  const all = [period, baseRange(period, 'yoy').base, baseRange(period, 'prev').base].sort((a, b) => a.from - b.from);
  const merged: DayRange[] = [];
  for (const r of all) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}

export function exportBundle(ws: Workspace, input: ExportBundleInput, actor: string): BundleExportResult {
  if (ws.kind === 'bundle') throw new UserError('督导包只能从全省数据库导出：当前打开的已是督导包');
  const city = cityOf(ws, input.region);
  const { from, to } = periodOf(ws, input);
  const period = { from: parseIsoDay(from)!, to: parseIsoDay(to)! };
  const ranges = rangesToCopy(period);
  const cityCode = Number(city.code);
  const key = deriveKey(input.passphrase); // refuses a short passphrase before any work
  const province = ws.db;
  const bundle = memoryDatabase(null);
  try {
    migrateInMemory(bundle, '督导包');
    const counts = bundle.transaction(() => fillBundle(province, bundle, { cityCode, ranges, period, actor }))();
    const problems = bundle.prepare('PRAGMA foreign_key_check').all();
    if (problems.length > 0) throw new Error(`bundle export: ${problems.length} rows break foreign keys`);
    bundle.exec('VACUUM');
    return {
      fileName: `督导包_${city.name}_${from}至${to}.cwb`,
      bytes: seal('bundle', bundle.serialize(), key),
      city: city.name,
      from,
      to,
      ...counts,
    };
  } finally {
    bundle.close();
  }
}

interface FillPlan {
  cityCode: number;
  ranges: DayRange[];
  period: DayRange;
  actor: string;
}

function fillBundle(province: Db, bundle: Db, plan: FillPlan): { facts: number; contextFacts: number; findings: number } {
  const { cityCode, ranges, period } = plan;
  // The catalogue as the province has it (the migrations' rows are replaced, ids kept).
  bundle.pragma('foreign_keys = OFF');
  for (const table of [...CATALOGUE_TABLES].reverse()) bundle.prepare(`DELETE FROM "${table}"`).run();
  for (const table of CATALOGUE_TABLES)
    copyRows(province, bundle, table, `SELECT ${columnsOf(bundle, table).join(', ')} FROM "${table}"`, []);
  bundle.pragma('foreign_keys = ON');

  const cityUnits = '(SELECT code FROM region WHERE city_code = ?)';
  // The city's facts first, their batches after (one pass over the province's facts): the
  // foreign keys are checked at commit.
  bundle.pragma('defer_foreign_keys = ON');
  let facts = 0;
  const factColumns = columnsOf(bundle, 'fact').join(', ');
  for (const r of ranges) {
    facts += copyRows(
      province,
      bundle,
      'fact',
      `SELECT ${factColumns} FROM fact WHERE day BETWEEN ? AND ? AND region_code IN ${cityUnits}`,
      [r.from, r.to, cityCode],
    );
  }
  // The batches the city's facts and corrections refer to.
  const batchIds = new Set<number>(bundle.prepare('SELECT DISTINCT batch_id FROM fact').pluck().all() as number[]);
  const correctionBatches = province
    .prepare(`SELECT DISTINCT batch_id FROM correction WHERE batch_id IS NOT NULL AND region_code IN ${cityUnits}`)
    .pluck();
  for (const id of correctionBatches.all(cityCode) as number[]) batchIds.add(id);
  const oneBatch = `SELECT ${columnsOf(bundle, 'batch').join(', ')} FROM batch WHERE id = ?`;
  for (const id of [...batchIds].sort((a, b) => a - b)) copyRows(province, bundle, 'batch', oneBatch, [id]);

  // One batch for everyone else's daily totals, numbered after every provincial batch.
  const latest = province.prepare('SELECT MAX(id) FROM batch').pluck().get() as number | null;
  const contextBatch = (latest ?? 0) + 1;
  const bundleId = randomUUID();
  const madeAt = new Date().toISOString();
  bundle
    .prepare('INSERT INTO batch (id, source, sha256, fact_count, replaced_count, imported_at) VALUES (?, ?, ?, 0, 0, ?)')
    .run(contextBatch, CONTEXT_BATCH_SOURCE, createHash('sha256').update(`context:${bundleId}`).digest('hex'), madeAt);
  const insertContext = bundle.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id) VALUES (?, ?, ?, ?, ?)');
  // A county's facts go to its city's code; facts at the province's own code (省厅直属, no city) stay there.
  const totals = province.prepare(
    `SELECT f.day, COALESCE(r.city_code, r.code) AS at_code, f.indicator_id, SUM(f.value)
       FROM fact f JOIN region r ON r.code = f.region_code
      WHERE f.day BETWEEN ? AND ? AND COALESCE(r.city_code, r.code) <> ?
      GROUP BY f.day, at_code, f.indicator_id`,
  );
  let contextFacts = 0;
  for (const r of ranges) {
    for (const [day, code, indicator, value] of totals.raw().iterate(r.from, r.to, cityCode) as Iterable<
      [number, number, number, number]
    >) {
      insertContext.run(day, code, indicator, value, contextBatch);
      contextFacts++;
    }
  }
  bundle.prepare('UPDATE batch SET fact_count = ? WHERE id = ?').run(contextFacts, contextBatch);

  const days: number[] = [];
  for (const r of ranges) for (let d = r.from; d <= r.to; d++) days.push(d);
  rebuildDayColumnsOf(bundle, days);

  copyRows(province, bundle, 'saved_view', `SELECT ${columnsOf(bundle, 'saved_view').join(', ')} FROM saved_view`, []);
  const findings = copyRows(
    province,
    bundle,
    'finding',
    `SELECT ${columnsOf(bundle, 'finding').join(', ')} FROM finding WHERE region_code IN ${cityUnits}`,
    [cityCode],
  );
  const ofCityFindings = `finding_id IN (SELECT id FROM finding WHERE region_code IN ${cityUnits})`;
  copyRows(
    province,
    bundle,
    'finding_event',
    `SELECT ${columnsOf(bundle, 'finding_event').join(', ')} FROM finding_event WHERE ${ofCityFindings}`,
    [cityCode],
  );
  copyRows(
    province,
    bundle,
    'finding_attachment',
    `SELECT ${columnsOf(bundle, 'finding_attachment').join(', ')} FROM finding_attachment WHERE ${ofCityFindings}`,
    [cityCode],
  );
  // A correction's finding is the city's own (it concerns one of its units), so it was copied above.
  copyRows(
    province,
    bundle,
    'correction',
    `SELECT ${columnsOf(bundle, 'correction').join(', ')} FROM correction WHERE region_code IN ${cityUnits}`,
    [cityCode],
  );

  const provinceFacts = province.prepare('SELECT COALESCE(SUM(fact_count), 0) FROM fact_day_column').pluck().get() as number;
  bundle
    .prepare(
      `INSERT INTO bundle_origin (bundle_id, city_code, from_day, to_day, province_database_id, province_facts, province_latest_batch,
                                  province_batch_max, context_batch_id, made_at, made_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      bundleId,
      cityCode,
      period.from,
      period.to,
      databaseIdOf(province),
      provinceFacts,
      latest,
      contextBatch,
      contextBatch,
      madeAt,
      plan.actor,
    );
  return { facts, contextFacts, findings };
}
