// Attachments of a finding (photos, scanned pages): their digest, their kind read from their first
// bytes (never from the name a file was given), and the bounds of migration 5.
import { createHash } from 'node:crypto';
import type { AttachmentInput } from '../../shared/api/inspection';
import { ATTACHMENTS_PER_FINDING_MAX, ATTACHMENT_MAX_BYTES } from '../../shared/api/inspection';
import { UserError } from '../../shared/errors';

export interface PreparedAttachment {
  name: string;
  sha256: string;
  mime: string;
  data: Buffer;
}

function startsWith(b: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (b.byteLength < at + bytes.length) return false;
  return bytes.every((x, i) => b[at + i] === x);
}

/** png, jpeg, gif, webp and pdf by their magic bytes; anything else is application/octet-stream. */
export function sniffMime(b: Uint8Array): string {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith(b, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'image/gif';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return 'application/octet-stream';
}

export function sha256Hex(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * The given attachments with their digests, each content once (a repeat of one already held by
 * the finding, or given twice, is dropped); refused when the finding would hold too many.
 */
export function prepareAttachments(given: readonly AttachmentInput[], held: ReadonlySet<string>): PreparedAttachment[] {
  const out: PreparedAttachment[] = [];
  const seen = new Set(held);
  for (const a of given) {
    // The schema bounds each one already; kept here too since this is what writes them.
    if (a.bytes.byteLength > ATTACHMENT_MAX_BYTES) {
      throw new UserError(
        `附件“${a.name}”过大：${(a.bytes.byteLength / 1024 / 1024).toFixed(1)} MB，上限 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
      );
    }
    const sha256 = sha256Hex(a.bytes);
    if (seen.has(sha256)) continue;
    seen.add(sha256);
    const data = Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength);
    out.push({ name: a.name, sha256, mime: sniffMime(a.bytes), data });
  }
  if (held.size + out.length > ATTACHMENTS_PER_FINDING_MAX) {
    throw new UserError(
      `附件过多：每条督导发现最多 ${ATTACHMENTS_PER_FINDING_MAX} 个附件，这条已有 ${held.size} 个，本次又加 ${out.length} 个（未做任何更改）`,
    );
  }
  return out;
}
