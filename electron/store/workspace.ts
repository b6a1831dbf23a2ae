// An open campaign database with its catalogue: what every operation works on.
import { openDatabase, type Db, type OpenOptions } from './database';
import { loadCatalogue } from './catalogue-tables';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import type { Catalogue } from '../../shared/api/catalogue-types';
import { UserError } from '../../shared/errors';

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

export const BUNDLE_IMPORT_REFUSED = '督导包中不能导入报表；发现的数据错误请用 核实更正（campaign correct）';

/**
 * Imports are refused on a 督导包: the import's writer thread opens the database by its path, and a
 * bundle's data lives only in memory (its file is sealed). Checked by the core and by that thread.
 */
export function refuseImportOnBundle(ws: Workspace): void {
  if (ws.kind === 'bundle') throw new UserError(BUNDLE_IMPORT_REFUSED);
}

export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  const db = openDatabase(path, options);
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
