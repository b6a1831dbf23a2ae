// PLACEHOLDER (lead's scaffold): helper h13-bundle implements this module.
import type { Workspace } from '../store/workspace';
import type { BundleExportResult, ExportBundleInput } from '../../shared/api/inspection';

export function exportBundle(_ws: Workspace, _input: ExportBundleInput, _actor: string): BundleExportResult {
  throw new Error('exportBundle: not implemented yet');
}
