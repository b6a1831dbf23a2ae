// Turns the bytes of a CSV/TXT file into text. Chinese Excel saves "CSV" in GB18030/GBK unless the
// user picks "CSV UTF-8", which adds a BOM; other tools write UTF-8 without one. UTF-16 with a BOM
// is what Excel's "Unicode text" (.txt) produces. The encoding chosen is reported with the file.
// A file that is UTF-8 but for a few damaged bytes is not read as GB18030 (which would turn all
// its Chinese into other characters without a word): it is refused, naming where the bytes are.
import { isUtf8 } from 'node:buffer';
import type { TextEncodingLabel } from '../../shared/api/import';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export interface DecodedSlices {
  encoding: TextEncodingName;
  /** How the import report names it (UTF-8 with or without BOM, GB18030, UTF-16). */
  label: TextEncodingLabel;
  /** The text in order, each slice ending with a line feed (the last one: at the end of the file). */
  slices: Iterable<{ text: string; bytesDone: number }>;
}

/** One damaged spot of a UTF-8 file. */
export interface BadUtf8Bytes {
  /** Offset of the first bad byte in the file (0-based). */
  offset: number;
  /** Line of the file (1-based, as an editor counts; a CSV row unless a quoted field spans lines). */
  line: number;
  /** The bad bytes, in hex (at most 4). */
  hex: string;
}

/** A file that is UTF-8 except for a few invalid byte sequences. */
export class DamagedUtf8Error extends Error {
  constructor(
    /** The first few damaged spots. */
    readonly spots: BadUtf8Bytes[],
    /** How many there are in all. */
    readonly total: number,
  ) {
    super(`UTF-8 file with ${total} invalid byte sequences`);
  }
}

/** Bytes per slice: decoding a whole large file first would hold back its first row by ~0.2 s. */
const SLICE_BYTES = 1 << 20;
const LF = 0x0a;
/** Damaged spots named in the report. */
export const BAD_SPOTS_LISTED = 5;
/**
 * Beyond this share of invalid sequences (among all non-ASCII sequences) a file is taken as
 * GB18030: GBK text read as UTF-8 is mostly invalid; a damaged UTF-8 file has a handful.
 */
const DAMAGED_UTF8_MAX_SHARE = 0.05;

const LABELS: Record<TextEncodingName, TextEncodingLabel> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/**
 * At `i` (a non-ASCII byte): the length of the valid UTF-8 sequence there, or minus the length of
 * the invalid one (its "maximal subpart": a lead byte and the continuation bytes that fitted it),
 * so that a character cut short counts once.
 */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) lo = 0xa0; // no overlong forms
    if (lead === 0xed) hi = 0x9f; // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) lo = 0x90;
    if (lead === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const c = b[i + k];
    if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return -k;
  }
  return need + 1;
}

/**
 * When bytes that are not valid UTF-8 are nonetheless UTF-8 with a few damaged sequences: the
 * damaged spots; null when they read as another encoding (GB18030).
 */
export function damagedUtf8(b: Uint8Array): { spots: BadUtf8Bytes[]; total: number } | null {
  let valid = 0;
  let invalid = 0;
  const spots: BadUtf8Bytes[] = [];
  let line = 1;
  let lineCountedTo = 0;
  for (let i = 0; i < b.length;) {
    const byte = b[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(b, i);
    if (n > 0) {
      valid++;
      i += n;
      continue;
    }
    invalid++;
    if (spots.length < BAD_SPOTS_LISTED) {
      for (; lineCountedTo < i; lineCountedTo++) if (b[lineCountedTo] === LF) line++;
      spots.push({ offset: i, line, hex: [...b.subarray(i, i - n)].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ') });
    }
    // Many invalid sequences early on: another encoding; no need to read further.
    if (invalid > 64 && invalid > (valid + invalid) * DAMAGED_UTF8_MAX_SHARE) return null;
    i -= n;
  }
  if (invalid === 0 || invalid > (valid + invalid) * DAMAGED_UTF8_MAX_SHARE) return null;
  return { spots, total: invalid };
}

/**
 * BOM → its encoding; otherwise UTF-8 if the bytes are valid UTF-8 (the check a fatal UTF-8
 * TextDecoder makes, done by node:buffer's isUtf8, which is faster); UTF-8 with a few damaged
 * sequences → DamagedUtf8Error; else GB18030 (a superset of GBK).
 */
function detect(bytes: Uint8Array): { encoding: TextEncodingName; body: Uint8Array; label: TextEncodingLabel } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    if (!isUtf8(body)) throwIfDamaged(bytes);
    return { encoding: 'utf-8', body, label: 'UTF-8 BOM' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', body: bytes.subarray(2), label: LABELS['utf-16le'] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', body: bytes.subarray(2), label: LABELS['utf-16be'] };
  if (isUtf8(bytes)) return { encoding: 'utf-8', body: bytes, label: 'UTF-8' };
  throwIfDamaged(bytes);
  return { encoding: 'gb18030', body: bytes, label: 'GB18030' };
}

function throwIfDamaged(bytes: Uint8Array): void {
  const damaged = damagedUtf8(bytes);
  if (damaged) throw new DamagedUtf8Error(damaged.spots, damaged.total);
}

function decoderFor(encoding: TextEncodingName): (bytes: Uint8Array) => string {
  if (encoding === 'utf-8') return (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return (b) => decoder.decode(b);
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, body } = detect(bytes);
  return { text: decoderFor(encoding)(body), encoding };
}

/**
 * The same text as decodeText, in slices of about a megabyte cut after a line feed byte, so that
 * parsing starts at once. A cut there never splits a character in UTF-8 or GB18030 (0x0A is never
 * part of a multi-byte sequence in either); UTF-16 is decoded whole.
 */
export function decodeTextSlices(bytes: Uint8Array): DecodedSlices {
  const { encoding, body, label } = detect(bytes);
  const decode = decoderFor(encoding);
  const offset = bytes.length - body.length;
  function* slices() {
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      yield { text: decode(body), bytesDone: bytes.length };
      return;
    }
    let start = 0;
    while (start < body.length) {
      let end = body.length;
      if (start + SLICE_BYTES < body.length) {
        const lf = body.indexOf(LF, start + SLICE_BYTES);
        if (lf >= 0) end = lf + 1;
      }
      yield { text: decode(body.subarray(start, end)), bytesDone: offset + end };
      start = end;
    }
  }
  return { encoding, label, slices: slices() };
}
