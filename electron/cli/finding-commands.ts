// PLACEHOLDER (lead's scaffold): helper h13-findings implements `campaign finding add|update|list`
// and `campaign correct`.
import type { Options } from './args';

export async function findingCommand(_dbPath: string, _args: string[], _options: Options): Promise<number> {
  throw new Error('finding: not implemented yet');
}
export async function correctCommand(_dbPath: string, _args: string[], _options: Options): Promise<number> {
  throw new Error('correct: not implemented yet');
}
