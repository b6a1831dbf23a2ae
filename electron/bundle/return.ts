// PLACEHOLDER (lead's scaffold): helper h13-merge implements this module.
import type { Workspace } from '../store/workspace';
import type { BundleReturnResult } from '../../shared/api/inspection';

export function buildReturn(_ws: Workspace, _input: { passphrase: string }, _actor: string): BundleReturnResult {
  throw new Error('buildReturn: not implemented yet');
}
