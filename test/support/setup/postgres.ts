// The PostgreSQL the provincial server's tests use (test/support/pg-cluster.ts): one cluster per
// test run, for the integration and e2e tiers.
import type { TestProject } from 'vitest/node';
import { provisionPostgres, type PgProvision } from '../pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgProvision;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await provisionPostgres();
  project.provide('postgres', pg.provision);
  return () => pg.stop();
}
