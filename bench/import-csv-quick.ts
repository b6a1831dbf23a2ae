// Throughput of a long-format CSV import, validation and write included (not a test):
//   npx tsx bench/import-csv-quick.ts [rows]
// Writes a CSV (day × region × indicator, names as cities write them: 太原市小店区, 太原市本级,
// 省厅直属; department, unit and an empty note column) to a temporary folder, imports it by path
// into a fresh database there, and prints rows per second for the whole importFiles call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../electron/store/workspace';
import { importFiles } from '../electron/ingest/import-files';
import { isoDay, parseIsoDay } from '../shared/dates';
import { unitRule } from '../shared/units';

function writeCsv(ws: Workspace, path: string, rows: number): number {
  const { regions, indicators } = ws.catalogue;
  const regionNames = regions.map((r) =>
    r.level === 'county' ? ws.resolver.fullRegionName(r) : r.level === 'city' ? `${r.name}本级` : '省厅直属',
  );
  const lines = ['日期,地区,部门,指标,数值,单位,备注'];
  const start = parseIsoDay('2023-06-25')!;
  let n = 0;
  for (let day = start; n < rows; day++) {
    const date = isoDay(day);
    for (let r = 0; r < regions.length && n < rows; r++) {
      for (let k = 0; k < indicators.length && n < rows; k++, n++) {
        const ind = indicators[k]!;
        const rule = unitRule(ind.unit);
        const v = rule.integer ? String((n * 7919) % 5000) : ((n % 100000) / 10 ** rule.maxDecimals).toFixed(rule.maxDecimals);
        lines.push(`${date},${regionNames[r]},${ind.department},${ind.name},${v},${ind.unit},`);
      }
    }
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return n;
}

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
try {
  const ws = openWorkspace(join(dir, 'bench.db'));
  const csv = join(dir, 'bench.csv');
  const n = writeCsv(ws, csv, rows);
  await new Promise((r) => setTimeout(r, 200));
  const stages = new Map<string, number>();
  const t0 = performance.now();
  const report = await importFiles(ws, [csv], {}, (p) => {
    if (!stages.has(p.stage)) stages.set(p.stage, performance.now());
    if (p.stage === 'write' && p.done === p.total) stages.set('written', performance.now());
  });
  const t1 = performance.now();
  if (!report.ok) throw new Error(JSON.stringify(report.errors.slice(0, 5)));
  const secs = (t1 - t0) / 1000;
  const at = (s: string) => ((stages.get(s)! - t0) / 1000).toFixed(2);
  console.log(
    `${n} rows: imported ${report.files[0]!.facts} facts in ${secs.toFixed(2)} s → ${Math.round(n / secs).toLocaleString('en')} rows/s`,
  );
  console.log(
    `  (read done at ${at('read')} s, first validate progress at ${at('validate')} s, write started at ${at('write')} s, ` +
      `facts inserted at ${at('written')} s; then day columns and commit)`,
  );
  ws.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
