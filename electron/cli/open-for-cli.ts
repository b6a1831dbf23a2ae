// How a command opens the database it was given with --db. (Helper h13-bundle extends this so that a
// 督导包, FILE.cwb, opens in memory with --passphrase-file / CAMPAIGN_PASSPHRASE.)
import { openWorkspace, type Workspace } from '../store/workspace';
import type { Options } from './args';

export function openCliWorkspace(dbPath: string, _options: Options, open: { readonly?: boolean } = {}): Workspace {
  return openWorkspace(dbPath, open.readonly ? { readonly: true } : {});
}

/** Runs `fn` on the opened workspace and closes it, whatever happens. */
export async function withCliWorkspace<T>(dbPath: string, options: Options, fn: (ws: Workspace) => Promise<T> | T, open: { readonly?: boolean } = {}): Promise<T> {
  const ws = openCliWorkspace(dbPath, options, open);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}
