// The PostgreSQL the provincial server's tests use (test/support/pg-cluster.ts), for the integration
// and e2e tiers: one cluster per test run. Vitest loads this file once per project that lists it,
// so a run of both tiers shares the cluster through a process-wide count: the first setup starts
// it, the last teardown stops it.
import type { TestProject } from 'vitest/node';
import { provisionPostgres, type PgProvision } from '../pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgProvision;
  }
}

type Provisioned = Awaited<ReturnType<typeof provisionPostgres>>;
const SHARED = Symbol.for('campaign.test.postgres');
const processWide = globalThis as typeof globalThis & { [SHARED]?: { users: number; pg: Promise<Provisioned> } };

export default async function setup(project: TestProject): Promise<() => void> {
  const shared = (processWide[SHARED] ??= { users: 0, pg: provisionPostgres() });
  shared.users++;
  const pg = await shared.pg;
  project.provide('postgres', pg.provision);
  return () => {
    if (--shared.users > 0) return;
    delete processWide[SHARED];
    pg.stop();
  };
}
