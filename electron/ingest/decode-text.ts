// Turns the bytes of a CSV/TXT file into text. Chinese Excel saves "CSV" in GB18030/GBK unless the
// user picks "CSV UTF-8", which adds a BOM; other tools write UTF-8 without one. UTF-16 with a BOM
// is what Excel's "Unicode text" (.txt) produces.
import { isUtf8 } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export interface DecodedSlices {
  encoding: TextEncodingName;
  /** The text in order, each slice ending with a line feed (the last one: at the end of the file). */
  slices: Iterable<{ text: string; bytesDone: number }>;
}

/** Bytes per slice: decoding a whole large file first would hold back its first row by ~0.2 s. */
const SLICE_BYTES = 1 << 20;
const LF = 0x0a;

/**
 * BOM → its encoding; otherwise UTF-8 if the bytes are valid UTF-8 (the check a fatal UTF-8
 * TextDecoder makes, done by node:buffer's isUtf8, which is faster), else GB18030 (a superset of GBK).
 */
function detect(bytes: Uint8Array): { encoding: TextEncodingName; body: Uint8Array } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', body: bytes.subarray(3) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', body: bytes.subarray(2) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', body: bytes.subarray(2) };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', body: bytes };
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
  const { encoding, body } = detect(bytes);
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
  return { encoding, slices: slices() };
}
