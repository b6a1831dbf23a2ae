// 督导包 figures: the time to export one city over a whole campaign, the bundle's size, and the time
// to open it (decrypt into memory) and answer the first query — in process (the workstation's
// engine) and as a one-shot CLI command. The provincial file is opened read-only and never
// changed; a file of schema version 4 (older bench output) gets the version 5 tables it lacks as
// empty TEMP tables of this connection, so nothing is written to it.
//   node --import tsx bench/bundle.ts --db PROVINCE.db [--region 吕梁市] [--campaign NAME] [--out DIR]
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogueResolver } from '../shared/catalogue-resolver';
import { loadCatalogue } from '../electron/store/catalogue-tables';
import type { Workspace } from '../electron/store/workspace';
import { createCoreEntry } from '../electron/core/entry';
import { openBundleWorkspace } from '../electron/bundle/bundle-workspace';
import { writeFileAtomically } from '../electron/bundle/atomic-file';
import { up as inspectionTables } from '../electron/store/migrations/005-inspection';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    region: { type: 'string', default: '吕梁市' },
    campaign: { type: 'string', default: '2023年夏季治安打击整治行动' },
    out: { type: 'string', default: '/tmp/campaign-bench-bundle' },
  },
});
if (!values.db) throw new Error('--db PROVINCE.db');
const PASS = 'bench passphrase 2026';

function readOnlyProvince(path: string): Workspace {
  const db = new Database(path, { readonly: true });
  if ((db.pragma('user_version', { simple: true }) as number) < 5) {
    // The version 5 tables, empty, in this connection's temporary schema (the file is untouched).
    const temp = new Proxy(db, {
      get(target, prop) {
        if (prop === 'exec')
          return (sql: string) => target.exec(sql.replace(/CREATE TABLE/g, 'CREATE TEMP TABLE').replace(/REFERENCES \w+ \(\w+\)/g, ''));
        if (prop === 'prepare')
          return (sql: string) => target.prepare(sql.replace('INSERT INTO database_identity', 'INSERT INTO temp.database_identity'));
        const v: unknown = Reflect.get(target, prop);
        return typeof v === 'function' ? (v.bind(target) as unknown) : v;
      },
    });
    inspectionTables(temp);
  }
  const catalogue = loadCatalogue(db);
  return {
    path,
    db,
    catalogue,
    resolver: new CatalogueResolver(catalogue),
    kind: 'file',
    persist: () => undefined,
    close: () => db.close(),
  };
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
// A read-only connection to a WAL file makes -shm/-wal beside it and cannot remove them on close:
// those it made (empty of data) are removed at the end, so the provincial folder is as it was.
const sideFiles = ['-shm', '-wal'].map((s) => resolve(values.db!) + s).filter((f) => !existsSync(f));
const province = readOnlyProvince(resolve(values.db));
const facts = province.db.prepare('SELECT COALESCE(SUM(fact_count), 0) FROM fact_day_column').pluck().get() as number;

let t0 = performance.now();
const result = createCoreEntry(province).exportBundle({ region: values.region, phase: values.campaign, passphrase: PASS });
const bundlePath = join(out, result.fileName);
writeFileAtomically(bundlePath, result.bytes);
const exportSeconds = seconds(t0);
province.close();
for (const f of sideFiles) if (existsSync(f) && (f.endsWith('-shm') || statSync(f).size === 0)) rmSync(f);

t0 = performance.now();
const ws = openBundleWorkspace(bundlePath, PASS);
const openSeconds = seconds(t0);
const query = {
  phase: values.campaign,
  regions: [values.region],
  by: ['region:county' as const, 'indicator' as const],
  compare: 'yoy' as const,
};
const rows = createCoreEntry(ws).query(query).rows.length;
const openAndQuerySeconds = seconds(t0);
ws.close();

const passFile = join(out, 'pass.txt');
writeFileSync(passFile, PASS, { mode: 0o600 });
t0 = performance.now();
const cli = spawnSync(
  process.execPath,
  [
    'bin/campaign.js',
    'query',
    '--db',
    bundlePath,
    '--passphrase-file',
    passFile,
    '--phase',
    values.campaign,
    '--region',
    values.region,
    '--by',
    'region:county',
    '--by',
    'indicator',
    '--compare',
    'yoy',
    '--format',
    'json',
  ],
  { encoding: 'utf8' },
);
const cliSeconds = seconds(t0);
if (cli.status !== 0) throw new Error(cli.stderr);

console.log(
  JSON.stringify(
    {
      province: values.db,
      provinceFacts: facts,
      city: result.city,
      period: `${result.from}..${result.to}`,
      cityFacts: result.facts,
      contextFacts: result.contextFacts,
      bundleBytes: result.bytes.byteLength,
      exportSeconds: Number(exportSeconds.toFixed(2)),
      openSeconds: Number(openSeconds.toFixed(2)),
      openAndFirstQuerySeconds: Number(openAndQuerySeconds.toFixed(2)),
      firstQueryRows: rows,
      cliOpenAndQuerySeconds: Number(cliSeconds.toFixed(2)),
    },
    null,
    2,
  ),
);
