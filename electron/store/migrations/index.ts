// One file per schema version; the database records the version it is at in PRAGMA user_version.
import type { Database } from 'better-sqlite3';
import * as v1 from './001-initial';
import * as v2 from './002-day-columns';
import * as v3 from './003-saved-views';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, up: v1.up },
  { version: 2, up: v2.up },
  { version: 3, up: v3.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
