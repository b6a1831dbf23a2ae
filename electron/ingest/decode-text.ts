// Turns the bytes of a CSV/TXT file into text. Chinese Excel saves "CSV" in GB18030/GBK unless the
// user picks "CSV UTF-8", which adds a BOM; other tools write UTF-8 without one. UTF-16 with a BOM
// is what Excel's "Unicode text" (.txt) produces.
import { isUtf8 } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * BOM → its encoding; otherwise UTF-8 if the bytes are valid UTF-8 (the check a fatal UTF-8
 * TextDecoder makes, done by node:buffer's isUtf8, which is faster), else GB18030 (a superset of GBK).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}
