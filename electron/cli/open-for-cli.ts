// How a command opens the database it was given with --db: a database file, or a 督导包 (FILE.cwb,
// or any file beginning with the bundle's mark) decrypted in memory with --passphrase-file or
// CAMPAIGN_PASSPHRASE, whose writes are sealed back into it.
import { openWorkspace, type Workspace } from '../store/workspace';
import { isBundlePath, openBundleWorkspace } from '../bundle/bundle-workspace';
import type { Options } from './args';
import { readPassphrase } from './passphrase';

export function openCliWorkspace(dbPath: string, options: Options, open: { readonly?: boolean } = {}): Workspace {
  if (dbPath !== ':memory:' && isBundlePath(dbPath)) return openBundleWorkspace(dbPath, readPassphrase(options['passphrase-file']));
  return openWorkspace(dbPath, open.readonly ? { readonly: true } : {});
}

/** Runs `fn` on the opened workspace and closes it, whatever happens. */
export async function withCliWorkspace<T>(
  dbPath: string,
  options: Options,
  fn: (ws: Workspace) => Promise<T> | T,
  open: { readonly?: boolean } = {},
): Promise<T> {
  const ws = openCliWorkspace(dbPath, options, open);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}
