// Builds the demo database once per test run; tests open it read-only or copy it. Builds the CLI
// bundle when it is missing or older than the sources, so that every test running
// `node bin/campaign.js` runs the bundle, as users do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { currentCliBundle } from '../../bin/cli-bundle.js';
import type { TestProject } from 'vitest/node';
import { openWorkspace } from '../../electron/store/workspace';
import { buildDemo } from '../../electron/demo/generate';
import { provisionPostgres, type PgProvision } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDb: string;
    /** The PostgreSQL the provincial server's tests use (test/support/pg-cluster.ts). */
    postgres: PgProvision;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // Started first: initdb runs in its own process while the demo database is built here.
  const postgres = provisionPostgres();
  const root = join(__dirname, '..', '..');
  if (!currentCliBundle(root)) execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  const dir = join(process.cwd(), 'test-output');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `demo-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const ws = openWorkspace(path);
  buildDemo(ws);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.close();
  project.provide('demoDb', path);
  const pg = await postgres;
  project.provide('postgres', pg.provision);
  return () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    pg.stop();
  };
}
