// 督导回传: what the team brings back from a 督导包 — its findings (with history and attachments) and
// the corrections applied on it (those whose batch is live), with the values they replaced — in
// the return's own frozen format (return-format.ts, return-writer.ts), sealed like the bundle (sealed-file.ts).
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../store/workspace';
import type { BundleReturnResult } from '../../shared/api/inspection';
import { UserError } from '../../shared/errors';
import { beijingDay } from '../../shared/beijing-time';
import { bundleInfoOf } from '../store/bundle-origin';
import { deriveKey, seal } from './sealed-file';
import type { ReturnAttachment, ReturnContents, ReturnCorrection, ReturnEvent, ReturnFinding } from '../../shared/api/return-file';
import { writeReturnPayload } from './return-writer';

export function buildReturn(ws: Workspace, input: { passphrase: string }, actor: string): BundleReturnResult {
  const contents = returnContentsOf(ws, actor);
  const key = deriveKey(input.passphrase);
  const bytes = seal('return', writeReturnPayload(contents), key);
  const city = ws.resolver.region(String(contents.origin.cityCode))?.name ?? String(contents.origin.cityCode);
  return {
    fileName: `督导回传_${city}_${beijingDay(new Date(contents.origin.madeAt))}.cwr`,
    bytes,
    findings: contents.findings.length,
    corrections: contents.corrections.length,
    attachments: contents.attachments.length,
  };
}

/** What the open 督导包 sends back (read in one snapshot). */
export function returnContentsOf(ws: Workspace, actor: string): ReturnContents {
  const db = ws.db;
  const read = db.transaction((): ReturnContents => {
    const info = bundleInfoOf(db);
    if (!info) throw new UserError('只能从督导包生成督导回传：当前打开的是全省数据库（请打开 .cwb 督导包）');
    const origin = db.prepare('SELECT bundle_id, city_code, from_day, to_day, province_database_id FROM bundle_origin LIMIT 1').get() as {
      bundle_id: string;
      city_code: number;
      from_day: number;
      to_day: number;
      province_database_id: string;
    };
    const findings = db
      .prepare(
        `SELECT id, region_code, department_id, indicator_id, from_day, to_day, category, severity, text, owner, due_day, status,
                closed_at, created_at, created_by, updated_at
           FROM finding ORDER BY created_at, id`,
      )
      .all() as ReturnFinding[];
    const events = db
      .prepare('SELECT id, finding_id, at, actor, what, status, note, due_day, attachment_sha256 FROM finding_event ORDER BY at, id')
      .all() as ReturnEvent[];
    const attachments = db
      .prepare(
        'SELECT finding_id, sha256, name, mime, bytes, data, added_at, added_by FROM finding_attachment ORDER BY finding_id, added_at, sha256',
      )
      .all() as ReturnAttachment[];
    // Only corrections made on the bundle (batches after the province's) and in force: an undone
    // one is not brought back.
    const corrections = db
      .prepare(
        `SELECT c.id, c.region_code, c.indicator_id, c.day, c.original_value, c.value, c.reason, c.finding_id, c.created_at, c.created_by
           FROM correction c JOIN batch b ON b.id = c.batch_id
          WHERE b.undone_at IS NULL AND b.id > (SELECT province_batch_max FROM bundle_origin)
          ORDER BY c.created_at, c.id`,
      )
      .all() as ReturnCorrection[];
    return {
      origin: {
        returnId: randomUUID(),
        bundleId: origin.bundle_id,
        cityCode: origin.city_code,
        fromDay: origin.from_day,
        toDay: origin.to_day,
        provinceDatabaseId: origin.province_database_id,
        team: actor,
        madeAt: new Date().toISOString(),
      },
      findings,
      events,
      attachments,
      corrections,
    };
  });
  return read.deferred();
}
