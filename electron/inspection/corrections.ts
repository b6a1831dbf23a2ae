// PLACEHOLDER (lead's scaffold): helper h13-findings implements this module.
import type { Workspace } from '../store/workspace';
import type { CorrectInput, CorrectionJson, CorrectionList } from '../../shared/api/inspection';

/** Records and applies one correction; `days` are the fact days it changed (for the engine). */
export function correctFigure(_ws: Workspace, _input: CorrectInput, _actor: string): { correction: CorrectionJson; days: number[] } {
  throw new Error('correctFigure: not implemented yet');
}
export function listCorrections(_ws: Workspace, _input: { region?: string | undefined }): CorrectionList {
  throw new Error('listCorrections: not implemented yet');
}
