// 合并督导回传: a return, decrypted and read strictly (return-reader.ts, return-checks.ts), merged into
// the provincial copy in ONE transaction — findings by id (merge-findings.ts), corrections as one
// undoable batch (merge-corrections.ts) — and recorded in return_merge, so that merging the same
// return again changes nothing and answers with what the first merge did.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Workspace } from '../store/workspace';
import type { MergeReport, MergeReturnInput } from '../../shared/api/inspection';
import { UserError } from '../../shared/errors';
import { bundleInfoOf, databaseIdOf } from '../store/bundle-origin';
import { unseal } from './sealed-file';
import { readReturnPayload } from './return-reader';
import { checkReturnAgainstCatalogue } from './return-checks';
import { mergeFindings } from './merge-findings';
import { mergeCorrections } from './merge-corrections';

/** Merges a return; `days` are the fact days the applied corrections changed (for the engine). */
export function mergeReturn(ws: Workspace, input: MergeReturnInput): { report: MergeReport; days: number[] } {
  const db = ws.db;
  if (bundleInfoOf(db)) throw new UserError('督导包中不能合并督导回传：请在全省数据库中合并（当前打开的是督导包）');
  const fileName = basename(input.file.name);
  const sealed = Buffer.from(input.file.bytes.buffer, input.file.bytes.byteOffset, input.file.bytes.byteLength);
  // Decrypted and read in full before anything is written: a refused return writes nothing.
  const { payload } = unseal('return', sealed, input.passphrase, fileName);
  const contents = readReturnPayload(payload, fileName);
  const { origin } = contents;

  const run = db.transaction((): { report: MergeReport; days: number[] } => {
    const before = db.prepare('SELECT summary FROM return_merge WHERE return_id = ?').pluck().get(origin.returnId) as string | undefined;
    if (before !== undefined) return { report: { ...(JSON.parse(before) as MergeReport), alreadyMerged: true }, days: [] };

    const city = checkReturnAgainstCatalogue(ws, contents, fileName);
    const notes: string[] = [];
    if (origin.provinceDatabaseId !== databaseIdOf(db)) {
      notes.push(
        `该督导包不是由本数据库导出的（来源数据库编号 ${origin.provinceDatabaseId.slice(0, 8)}），已照常合并；更正只在本库数值与督导包一致时采用。`,
      );
    }
    const findings = mergeFindings(db, contents, fileName);
    const at = new Date().toISOString();
    const corrections = mergeCorrections(
      ws,
      contents.corrections,
      {
        source: `督导回传：${origin.team}（${city.name}督导包 ${origin.bundleId.slice(0, 8)}）`,
        sha256: createHash('sha256').update(sealed).digest('hex'),
        at,
      },
      origin.returnId,
    );
    const report: MergeReport = {
      returnId: origin.returnId,
      city: city.name,
      team: origin.team,
      alreadyMerged: false,
      findingsAdded: findings.added,
      findingsUpdated: findings.updated,
      attachmentsAdded: findings.attachments,
      correctionsApplied: corrections.applied,
      correctionsSkipped: corrections.skipped,
      conflicts: corrections.conflicts,
      batchId: corrections.batchId,
      notes,
    };
    db.prepare(
      'INSERT INTO return_merge (return_id, bundle_id, city_code, team, merged_at, batch_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(origin.returnId, origin.bundleId, origin.cityCode, origin.team, at, corrections.batchId, JSON.stringify(report));
    return { report, days: corrections.days };
  });
  return run.immediate();
}
