// What a server migration gets: one connection, inside the transaction that records its version.
import type { PoolClient } from 'pg';

export type MigrationClient = PoolClient;
