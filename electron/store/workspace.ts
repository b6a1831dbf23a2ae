// An open campaign database with its catalogue: what every operation works on.
import { openDatabase, type Db, type OpenOptions } from './database';
import { loadCatalogue } from './catalogue-tables';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import type { Catalogue } from '../../shared/api/catalogue-types';

export interface Workspace {
  readonly path: string;
  readonly db: Db;
  readonly catalogue: Catalogue;
  readonly resolver: CatalogueResolver;
  /** A database file, or a 督导包 decrypted in memory (electron/bundle/bundle-workspace.ts). */
  readonly kind: 'file' | 'bundle';
  /** Writes the data back where it lives after a write: a no-op for a file (SQLite already did). */
  persist(): void;
  close(): void;
}

export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  const db = openDatabase(path, options);
  const catalogue = loadCatalogue(db);
  return { path, db, catalogue, resolver: new CatalogueResolver(catalogue), kind: 'file', persist: () => undefined, close: () => db.close() };
}
