// The provincial server's schema, one file per version; the database records the versions applied
// in schema_version. FROZEN once released, as the workstation's (electron/store/migrations): each
// file holds its own SQL and seed rows and imports nothing from the live program.
import type { MigrationClient } from './types';
import * as v1 from './001-initial';
import * as v2 from './002-server-identity';

export interface CentralMigration {
  version: number;
  up: (db: MigrationClient) => Promise<void>;
}

export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [
  { version: 1, up: v1.up },
  { version: 2, up: v2.up },
];

export const CENTRAL_LATEST_VERSION = CENTRAL_MIGRATIONS[CENTRAL_MIGRATIONS.length - 1]!.version;
