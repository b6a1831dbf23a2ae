// Size bounds on an XLSX before exceljs sees it. exceljs inflates whole XML parts into memory, so a
// 4 MB file whose sheet inflates to 4 GiB (a "zip bomb") would abort the process with a heap OOM.
// The zip's central directory is read here (declared sizes), and every deflated part is then
// inflated once, output thrown away, counting bytes and stopping at the bound (declared sizes can lie).
import { basename } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { UserError } from '../../shared/errors';

export const xlsxBounds = {
  /** Largest uncompressed part (a sheet's XML). */
  partBytes: 200 * 1024 * 1024,
  /** Largest uncompressed sum of all parts. */
  totalBytes: 500 * 1024 * 1024,
  /** Parts larger than ratioFromBytes may not inflate more than this many times their stored size. */
  ratio: 200,
  ratioFromBytes: 10 * 1024 * 1024,
  /** Data rows per file, all sheets together. */
  rows: 2_000_000,
};

/** A file refused for its size: the message names the file and the bound, for the 导入 report. */
export class XlsxTooLarge extends UserError {}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.ceil(n / MB).toLocaleString('en-US')} MB`;

/**
 * Throws XlsxTooLarge when a part or the whole declares or actually inflates beyond the bounds.
 * A file that is no zip at all passes: exceljs then reports it as unreadable, as before.
 */
export async function checkXlsxSize(fileName: string, bytes: Uint8Array): Promise<void> {
  const entries = centralDirectory(bytes);
  if (!entries) return;
  const file = basename(fileName);
  const tooLarge = (what: string) =>
    new XlsxTooLarge(`文件“${file}”解压后过大（${what}），已拒绝导入：请确认文件来源，或将数据拆分为多个较小的文件后再导入`);
  let declaredTotal = 0;
  for (const e of entries) {
    if (e.declaredSize > xlsxBounds.partBytes)
      throw tooLarge(`其中“${e.name}”声明解压后 ${mb(e.declaredSize)}，上限 ${mb(xlsxBounds.partBytes)}`);
    declaredTotal += e.declaredSize;
    if (e.declaredSize > xlsxBounds.ratioFromBytes && e.declaredSize > xlsxBounds.ratio * Math.max(1, e.compressedSize)) {
      throw tooLarge(`其中“${e.name}”压缩比超过 ${xlsxBounds.ratio} 倍`);
    }
  }
  if (declaredTotal > xlsxBounds.totalBytes) throw tooLarge(`声明解压后共 ${mb(declaredTotal)}，上限 ${mb(xlsxBounds.totalBytes)}`);

  let actualTotal = 0;
  for (const e of entries) {
    const data = entryData(bytes, e);
    if (!data) continue;
    const limit = Math.min(xlsxBounds.partBytes, xlsxBounds.totalBytes - actualTotal);
    const size = e.method === 0 ? data.length : e.method === 8 ? await inflatedSize(data, limit) : 0;
    if (size > limit) {
      throw tooLarge(
        limit === xlsxBounds.partBytes
          ? `其中“${e.name}”实际解压超过 ${mb(xlsxBounds.partBytes)}`
          : `实际解压后共超过 ${mb(xlsxBounds.totalBytes)}`,
      );
    }
    if (size > xlsxBounds.ratioFromBytes && size > xlsxBounds.ratio * Math.max(1, data.length))
      throw tooLarge(`其中“${e.name}”压缩比超过 ${xlsxBounds.ratio} 倍`);
    actualTotal += size;
  }
}

/** The uncompressed size a zip's central directory declares for all its parts (0 for no zip). */
export function declaredUncompressedBytes(bytes: Uint8Array): number {
  return (centralDirectory(bytes) ?? []).reduce((n, e) => n + e.declaredSize, 0);
}

/** The entries of the zip's central directory, or null when the bytes hold no readable one. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return null;
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    // Zip64: the locator sits just before the record and points at the zip64 record.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return null;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== 0x06064b50) return null;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== 0x02014b50) return entries.length > 0 ? entries : null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, Math.min(p + 46 + nameLength, bytes.length))),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      declaredSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    readZip64Extra(view, p + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= stop; p--) if (view.getUint32(p, true) === 0x06054b50) return p;
  return -1;
}

/** Sizes and offset stored as 0xFFFFFFFF are in the zip64 extra field (id 1), in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  let p = start;
  const end = Math.min(start + length, view.byteLength);
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + size || q + 8 > end) return null;
        const v = Number(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (entry.declaredSize === 0xffffffff) entry.declaredSize = next() ?? entry.declaredSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    p += 4 + size;
  }
}

/** The entry's stored bytes, found through its local header; null when the header is not there. */
function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localHeaderOffset;
  if (p + 30 > view.byteLength || view.getUint32(p, true) !== 0x04034b50) return null;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  return bytes.subarray(start, Math.min(start + e.compressedSize, bytes.length));
}

/** Bytes the deflated data inflate to, counted without keeping them; limit + 1 once past the limit. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let size = 0;
    let done = false;
    const finish = (n: number) => {
      if (done) return;
      done = true;
      resolve(n);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(limit + 1);
        inflate.destroy();
      }
    });
    inflate.on('end', () => finish(size));
    // Corrupt data is exceljs's to report; what came out so far is the size.
    inflate.on('error', () => finish(size));
    inflate.on('close', () => finish(size));
    inflate.end(data);
  });
}
