// PLACEHOLDER (lead's scaffold): helper h13-bundle implements `campaign bundle export`.
import type { Options } from './args';

export async function bundleExportCommand(_dbPath: string, _args: string[], _options: Options): Promise<number> {
  throw new Error('bundle export: not implemented yet');
}
