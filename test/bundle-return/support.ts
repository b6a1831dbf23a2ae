// Helpers for the 督导回传 tests: the CLI run in process, a passphrase file, and a 督导包 made
// by SQL on a copy of the demo database (a bundle_origin row, findings, corrections applied as a
// local batch) for the parts that need no real bundle file.
import { copyFileSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import Database from 'better-sqlite3';
import { rebuildDayColumnsOf } from '../../electron/store/day-columns';
import { parseIsoDay } from '../../shared/dates';
import { runCliInProcess, type InProcessResult } from '../support/cli';

export const PASSPHRASE = '督导组口令-correct horse 42';

/** The CLI in process (test/support/cli.ts), with fast key derivation. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  return runCliInProcess(args, { env: { CAMPAIGN_TEST_HOOKS: '1', CAMPAIGN_TEST_SCRYPT_LOG2N: '14', ...env } });
}

/** A `--format json` answer; fails on a non-zero exit (a demo copy's notice on stderr is fine). */
export async function cliJson<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  const r = await cli([...args, '--format', 'json'], env);
  if (r.code !== 0) throw new Error(`campaign ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function passphraseFile(dir: string, passphrase = PASSPHRASE): string {
  const path = join(dir, 'passphrase.txt');
  writeFileSync(path, passphrase + '\n');
  return path;
}

/** A copy of the demo database (the provincial copy). */
export function provinceCopy(dir: string, name = 'province.db'): string {
  const path = join(dir, name);
  copyFileSync(inject('demoDb'), path);
  return path;
}

export const day = (iso: string): number => parseIsoDay(iso)!;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small PNG (a real one: signature, IHDR, IDAT, IEND), different for each seed. */
export function pngBytes(seed: number): Buffer {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const body = Buffer.alloc(600);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seed * 17) & 0xff;
  return Buffer.concat([header, Buffer.from('0000000d49484452', 'hex'), body, Buffer.from('0000000049454e44ae426082', 'hex')]);
}

/**
 * Turns a copy of the demo database into a 督导包 of `cityCode` for from..to, by SQL: what the
 * real export writes in bundle_origin (the province's id: this copy's own, as the copy keeps it).
 */
export function markAsBundle(path: string, cityCode: number, from: string, to: string, provinceId?: string): string {
  const db = new Database(path);
  try {
    const bundleId = randomUUID();
    const id = provinceId ?? (db.prepare('SELECT id FROM database_identity').pluck().get() as string);
    const maxBatch = db.prepare('SELECT MAX(id) FROM batch').pluck().get() as number;
    db.prepare(
      `INSERT INTO bundle_origin (bundle_id, city_code, from_day, to_day, province_database_id, province_facts, province_latest_batch, province_batch_max, context_batch_id, made_at, made_by)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, NULL, ?, 'province')`,
    ).run(bundleId, cityCode, day(from), day(to), id, maxBatch, maxBatch, new Date().toISOString());
    return bundleId;
  } finally {
    db.close();
  }
}

export interface SqlFinding {
  id: string;
  region: number;
  text: string;
  at: string;
  attachment?: { name: string; bytes: Buffer };
}

/** A finding as addFinding writes it: the row, its 新建 event, an attachment and its event. */
export function addFindingBySql(path: string, f: SqlFinding): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      db.prepare(
        `INSERT INTO finding (id, region_code, department_id, indicator_id, from_day, to_day, category, severity, text, owner, due_day, status, closed_at, created_at, created_by, updated_at)
         VALUES (?, ?, NULL, 1, NULL, NULL, '漏报', '较重', ?, '责任单位', ?, '待整改', NULL, ?, '督导组', ?)`,
      ).run(f.id, f.region, f.text, day('2023-08-31'), f.at, f.at);
      db.prepare(
        `INSERT INTO finding_event (id, finding_id, at, actor, what, status, note, due_day, attachment_sha256) VALUES (?, ?, ?, '督导组', '新建', '待整改', NULL, ?, NULL)`,
      ).run(randomUUID(), f.id, f.at, day('2023-08-31'));
      if (f.attachment) {
        const digest = sha256(f.attachment.bytes);
        db.prepare(
          `INSERT INTO finding_attachment (finding_id, sha256, name, mime, bytes, data, added_at, added_by) VALUES (?, ?, ?, 'image/png', ?, ?, ?, '督导组')`,
        ).run(f.id, digest, f.attachment.name, f.attachment.bytes.length, f.attachment.bytes, f.at);
        db.prepare(
          `INSERT INTO finding_event (id, finding_id, at, actor, what, status, note, due_day, attachment_sha256) VALUES (?, ?, ?, '督导组', '附件', NULL, NULL, NULL, ?)`,
        ).run(randomUUID(), f.id, f.at, digest);
      }
    })();
  } finally {
    db.close();
  }
}

/** A status change as updateFinding writes it. */
export function setStatusBySql(path: string, findingId: string, status: '待整改' | '整改中' | '已销号', at: string, note: string): string {
  const db = new Database(path);
  try {
    const id = randomUUID();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO finding_event (id, finding_id, at, actor, what, status, note, due_day, attachment_sha256) VALUES (?, ?, ?, '督导组', '状态', ?, ?, NULL, NULL)`,
      ).run(id, findingId, at, status, note);
      db.prepare('UPDATE finding SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?').run(
        status,
        status === '已销号' ? at : null,
        at,
        findingId,
      );
    })();
    return id;
  } finally {
    db.close();
  }
}

/** A correction applied on the bundle as its own local batch (as `campaign correct` does). */
export function correctBySql(
  path: string,
  c: { region: number; indicator: number; day: string; value: number; reason: string; finding?: string; at: string },
): { id: string; batch: number; original: number | null } {
  const db = new Database(path);
  try {
    return db.transaction(() => {
      const d = day(c.day);
      const before = db
        .prepare('SELECT value FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?')
        .pluck()
        .get(d, c.region, c.indicator) as number | undefined;
      const batch = Number(
        db
          .prepare(`INSERT INTO batch (source, sha256, fact_count, replaced_count, imported_at) VALUES ('核实更正', ?, 1, ?, ?)`)
          .run(randomUUID(), before === undefined ? 0 : 1, c.at).lastInsertRowid,
      );
      if (before !== undefined) {
        db.prepare(
          `INSERT INTO fact_replaced (batch_id, day, region_code, indicator_id, value, old_batch_id, note)
           SELECT ?, day, region_code, indicator_id, value, batch_id, note FROM fact WHERE day = ? AND region_code = ? AND indicator_id = ?`,
        ).run(batch, d, c.region, c.indicator);
        db.prepare('UPDATE fact SET value = ?, batch_id = ? WHERE day = ? AND region_code = ? AND indicator_id = ?').run(
          c.value,
          batch,
          d,
          c.region,
          c.indicator,
        );
      } else {
        db.prepare('INSERT INTO fact (day, region_code, indicator_id, value, batch_id, note) VALUES (?, ?, ?, ?, ?, NULL)').run(
          d,
          c.region,
          c.indicator,
          c.value,
          batch,
        );
      }
      rebuildDayColumnsOf(db, [d]);
      const id = randomUUID();
      db.prepare(
        `INSERT INTO correction (id, region_code, indicator_id, day, original_value, value, reason, finding_id, created_at, created_by, batch_id, conflict_value, return_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '督导组', ?, NULL, NULL)`,
      ).run(id, c.region, c.indicator, d, before ?? null, c.value, c.reason, c.finding ?? null, c.at, batch);
      return { id, batch, original: before ?? null };
    })();
  } finally {
    db.close();
  }
}

/** What a merge may change, summed up: equal before and after means nothing was written. */
export function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const parts = [
      db.prepare('SELECT COUNT(*), TOTAL(value), TOTAL(batch_id) FROM fact').raw().get(),
      db.prepare('SELECT COUNT(*) FROM fact_replaced').pluck().get(),
      db.prepare('SELECT COUNT(*), MAX(id) FROM batch').raw().get(),
      db.prepare('SELECT id, status, due_day, closed_at, updated_at FROM finding ORDER BY id').raw().all(),
      db.prepare('SELECT id FROM finding_event ORDER BY id').pluck().all(),
      db.prepare('SELECT finding_id, sha256 FROM finding_attachment ORDER BY 1, 2').raw().all(),
      db.prepare('SELECT id, batch_id, conflict_value FROM correction ORDER BY id').raw().all(),
      db.prepare('SELECT return_id FROM return_merge ORDER BY 1').pluck().all(),
      db
        .prepare('SELECT day, fact_count, vals FROM fact_day_column ORDER BY day')
        .raw()
        .all()
        .map((r) => sha256(Buffer.from(JSON.stringify(r))))
        .join(''),
    ];
    return sha256(Buffer.from(JSON.stringify(parts)));
  } finally {
    db.close();
  }
}
