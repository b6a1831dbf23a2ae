// PLACEHOLDER (lead's scaffold): helper h13-merge implements `campaign bundle return` and `merge`.
import type { Options } from './args';

export async function bundleReturnCommand(_dbPath: string, _args: string[], _options: Options): Promise<number> {
  throw new Error('bundle return: not implemented yet');
}
export async function bundleMergeCommand(_dbPath: string, _args: string[], _options: Options): Promise<number> {
  throw new Error('bundle merge: not implemented yet');
}
