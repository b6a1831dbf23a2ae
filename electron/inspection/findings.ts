// PLACEHOLDER (lead's scaffold): helper h13-findings implements this module.
import type { Workspace } from '../store/workspace';
import type { AddFindingInput, AttachmentFile, FindingJson, FindingList, ListFindingsInput, UpdateFindingInput } from '../../shared/api/inspection';

export function listFindings(_ws: Workspace, _input: ListFindingsInput): FindingList {
  throw new Error('listFindings: not implemented yet');
}
export function addFinding(_ws: Workspace, _input: AddFindingInput, _actor: string): { id: string; finding: FindingJson } {
  throw new Error('addFinding: not implemented yet');
}
export function updateFinding(_ws: Workspace, _input: UpdateFindingInput, _actor: string): { finding: FindingJson } {
  throw new Error('updateFinding: not implemented yet');
}
export function findingAttachment(_ws: Workspace, _input: { findingId: string; sha256: string }): AttachmentFile {
  throw new Error('findingAttachment: not implemented yet');
}
