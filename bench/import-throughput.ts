// CSV import throughput: a long-format file (日期, 地区, 部门, 指标, 数值, 单位) of the benchmark
// database's first days, imported through the product's importFiles — read, decode, parse,
// validate, write — into a fresh empty database each time.
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../electron/core/workspace';
import { isoDay } from '../shared/dates';
import { percentile } from './timing';

export interface ImportMeasurement {
  rows: number;
  bytes: number;
  runs: number[];
  /** Median of the runs. */
  rowsPerSecond: number;
  bestRowsPerSecond: number;
}

/** Writes the CSV of the first `days` days of `ws`'s facts (reused when `tag` names a cached database). */
export function ensureImportCsv(ws: Workspace, outDir: string, tag: string | null, days: number): { path: string; rows: number } {
  const path = join(outDir, `import-${tag ?? 'custom'}-${days}d.csv`);
  const first = (ws.db.prepare('SELECT MIN(day) AS d FROM fact').get() as { d: number | null }).d;
  if (first === null) throw new Error('the database has no facts to export for the import test');
  const range = [first, first + days - 1];
  if (tag !== null && existsSync(path)) {
    const rows = (ws.db.prepare('SELECT COUNT(*) AS n FROM fact WHERE day BETWEEN ? AND ?').get(...range) as { n: number }).n;
    return { path, rows };
  }
  const facts = ws.db
    .prepare('SELECT day, region_code, indicator_id, value FROM fact WHERE day BETWEEN ? AND ? ORDER BY day, region_code, indicator_id')
    .raw()
    .all(...range) as [number, number, number, number][];

  const regionLabel = new Map<number, string>();
  for (const r of ws.catalogue.regions) {
    // 太原市小店区 for a county, 太原市本级 for a city's own units: as the cities write them.
    const label = r.level === 'city' ? `${r.name}本级` : r.level === 'county' ? ws.resolver.fullRegionName(r) : '省厅直属';
    regionLabel.set(Number(r.code), label);
  }
  const ind = new Map(ws.catalogue.indicators.map((i) => [i.id, i]));
  const lines = ['日期,地区,部门,指标,数值,单位'];
  let lastDay = -1;
  let dayText = '';
  for (const [day, region, indicator, value] of facts) {
    if (day !== lastDay) dayText = isoDay((lastDay = day));
    const i = ind.get(indicator)!;
    lines.push(`${dayText},${regionLabel.get(region)},${i.department},${i.name},${value},${i.unit}`);
  }
  writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n'); // Excel's "CSV UTF-8"
  return { path, rows: facts.length };
}

/** Imports `csv` `repeat` times, each into a new empty database; throws if any import is refused. */
export async function measureImport(csv: { path: string; rows: number }, outDir: string, repeat = 3): Promise<ImportMeasurement> {
  // Imported here so that the rest of the benchmark runs while the ingest module is unfinished.
  const { importFiles } = await import('../electron/ingest/import-files');
  const target = join(outDir, 'import-target.db');
  const clean = () => {
    for (const s of ['', '-wal', '-shm']) rmSync(target + s, { force: true });
  };
  const rates: number[] = [];
  for (let i = 0; i < repeat; i++) {
    clean();
    const ws = openWorkspace(target);
    try {
      const t0 = performance.now();
      const report = await importFiles(ws, [csv.path]);
      const seconds = (performance.now() - t0) / 1000;
      if (!report.ok) {
        const first = report.errors.slice(0, 3).map((e) => `row ${e.row} ${e.column ?? ''}: ${e.reason}`);
        throw new Error(`import refused (${report.errors.length} errors): ${first.join(' | ')}`);
      }
      const facts = report.files.reduce((n, f) => n + f.facts, 0);
      if (facts !== csv.rows) throw new Error(`import wrote ${facts} facts, the file has ${csv.rows}`);
      rates.push(csv.rows / seconds);
    } finally {
      ws.close();
      clean();
    }
  }
  return {
    rows: csv.rows,
    bytes: statSync(csv.path).size,
    runs: rates,
    rowsPerSecond: percentile(rates, 50),
    bestRowsPerSecond: Math.max(...rates),
  };
}
