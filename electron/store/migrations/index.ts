// One file per schema version; the database records the version it is at in PRAGMA user_version.
// Migrations are FROZEN once released: each holds its own SQL, seed rows and the code it runs, and
// imports nothing from the live program, so a file of any version upgrades the same way forever.
// A change to the schema or to the catalogue (shared/catalogue.ts, resources/regions-140000.json)
// is a new migration here; test/migrations/catalogue.test.ts fails while the two differ.
import type { Database } from 'better-sqlite3';
import * as v1 from './001-initial';
import * as v2 from './002-day-columns';
import * as v3 from './003-saved-views';
import * as v4 from './004-fact-key-bounds';
import * as v5 from './005-inspection';
import * as v6 from './006-central-sync';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, up: v1.up },
  { version: 2, up: v2.up },
  { version: 3, up: v3.up },
  { version: 4, up: v4.up },
  { version: 5, up: v5.up },
  { version: 6, up: v6.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
