// Server version 2: the server's own id (one row, made once). A workstation's copy records the id
// of the server it syncs from and refuses to be synced from another one, whose sequence numbers
// and batch ids mean something else.
// FROZEN: a change is a new migration, never an edit here. Portable SQL only.
import { randomUUID } from 'node:crypto';
import type { MigrationClient } from './types';

export async function up(db: MigrationClient): Promise<void> {
  await db.query(`
    CREATE TABLE server_identity (
      id text PRIMARY KEY,
      created_at timestamp with time zone NOT NULL
    )
  `);
  await db.query('INSERT INTO server_identity (id, created_at) VALUES ($1, $2)', [randomUUID(), new Date()]);
}
