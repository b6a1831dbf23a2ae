// `campaign sync --db LOCAL --server URL --user NAME --password-file FILE`: the local copy brought up
// to date through the core's serverLogin and syncNow operations (the same the window's 同步 runs).
// PLACEHOLDER (h14-sync builds it).
import type { Options } from './args';

export async function syncCommand(_dbPath: string, _options: Options): Promise<number> {
  throw new Error('sync command: not built yet');
}
