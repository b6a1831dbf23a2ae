// PLACEHOLDER (lead's scaffold): helper h13-merge implements this module.
import type { Workspace } from '../store/workspace';
import type { MergeReport, MergeReturnInput } from '../../shared/api/inspection';

/** Merges a return; `days` are the fact days the applied corrections changed (for the engine). */
export function mergeReturn(_ws: Workspace, _input: MergeReturnInput): { report: MergeReport; days: number[] } {
  throw new Error('mergeReturn: not implemented yet');
}
