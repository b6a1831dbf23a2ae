// The sealed file format of a 督导包 (.cwb) and a 督导回传 (.cwr): the payload (a serialized SQLite
// database) deflated, then encrypted and authenticated with AES-256-GCM under a key derived from the
// passphrase by scrypt, with a random salt per file. Layout:
//   magic (8 bytes: CWBUNDLE | CWRETURN) · header length (uint32 BE) · header (JSON) · ciphertext · tag (16)
// The header holds only the format's parameters (no names, no figures) and is authenticated as
// associated data, so a changed byte anywhere — header, ciphertext or tag — fails decryption.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { UserError } from '../../shared/errors';
import { PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS } from '../../shared/api/inspection';

export type SealedKind = 'bundle' | 'return';

const MAGIC: Record<SealedKind, Buffer> = { bundle: Buffer.from('CWBUNDLE', 'latin1'), return: Buffer.from('CWRETURN', 'latin1') };
export const SEALED_KIND_LABELS: Record<SealedKind, string> = { bundle: '督导包', return: '督导回传' };
const FORMAT_VERSION = 1;
const HEADER_MAX_BYTES = 4096;
const TAG_BYTES = 16;
const IV_BYTES = 12;
const SALT_BYTES = 16;
/** The largest payload a sealed file may claim (and inflate to): a bound against a hostile header. */
export const SEALED_PAYLOAD_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt parameters (2^17, 8, 1): about 128 MiB and a fraction of a second per derivation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** What a header may ask for: enough to be safe, never enough to exhaust memory or time. */
function scryptWithinBounds({ N, r, p }: ScryptParams): boolean {
  const log2 = Math.log2(N);
  return (
    Number.isInteger(log2) &&
    log2 >= 14 &&
    log2 <= 20 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 16 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 4
  );
}

interface Header {
  v: number;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  compression: 'deflate-raw';
  plainBytes: number;
}

/** A key derived once (when a bundle is opened or made) and reused for every later write of it. */
export interface SealKey {
  readonly key: Buffer;
  readonly salt: Buffer;
  readonly params: ScryptParams;
}

/** Refuses a passphrase that is too short or too long (the same rule in every transport). */
export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < PASSPHRASE_MIN_CHARS)
    throw new UserError(`口令至少 ${PASSPHRASE_MIN_CHARS} 个字符（收到 ${passphrase.length} 个）`);
  if (passphrase.length > PASSPHRASE_MAX_CHARS) throw new UserError(`口令过长（上限 ${PASSPHRASE_MAX_CHARS} 个字符）`);
}

/**
 * The parameters a new file is sealed with. Tests that seal many files may lower N (never below
 * 2^14) with CAMPAIGN_TEST_SCRYPT_LOG2N, honoured only under CAMPAIGN_TEST_HOOKS=1; the header
 * records what was used, so such a file opens like any other.
 */
export function newFileScrypt(): ScryptParams {
  const log2 = Number(process.env.CAMPAIGN_TEST_SCRYPT_LOG2N);
  if (process.env.CAMPAIGN_TEST_HOOKS === '1' && Number.isInteger(log2) && log2 >= 14 && log2 <= 20)
    return { ...DEFAULT_SCRYPT, N: 2 ** log2 };
  return DEFAULT_SCRYPT;
}

export function deriveKey(passphrase: string, salt: Buffer = randomBytes(SALT_BYTES), params: ScryptParams = newFileScrypt()): SealKey {
  checkPassphrase(passphrase);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 });
  return { key, salt, params };
}

/** Encrypts a payload into a sealed file's bytes (a fresh IV each time; the key's salt and parameters). */
export function seal(kind: SealedKind, payload: Uint8Array, key: SealKey): Buffer {
  if (payload.byteLength > SEALED_PAYLOAD_MAX_BYTES)
    throw new UserError(`${SEALED_KIND_LABELS[kind]}过大（超过 2 GB），请缩小地区或日期范围`);
  const iv = randomBytes(IV_BYTES);
  const header: Header = {
    v: FORMAT_VERSION,
    kdf: 'scrypt',
    ...key.params,
    salt: key.salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    compression: 'deflate-raw',
    plainBytes: payload.byteLength,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const aad = Buffer.concat([MAGIC[kind], length, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(deflateRawSync(payload, { level: 1 })), cipher.final()]);
  return Buffer.concat([aad, body, cipher.getAuthTag()]);
}

/** Which kind of sealed file these first bytes begin, if any. */
export function sealedKindOf(head: Uint8Array): SealedKind | null {
  const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 8));
  for (const kind of ['bundle', 'return'] as const) if (start.equals(MAGIC[kind])) return kind;
  return null;
}

function parseHeader(kind: SealedKind, sealed: Buffer, fileName: string): { header: Header; aadLength: number } {
  const label = SEALED_KIND_LABELS[kind];
  const notOurs = new UserError(`${fileName} 不是${label}文件，或文件已损坏`);
  if (sealed.length < 12 + TAG_BYTES) throw notOurs;
  const found = sealedKindOf(sealed);
  if (found === null) throw notOurs;
  if (found !== kind) throw new UserError(`${fileName} 是${SEALED_KIND_LABELS[found]}文件，这里需要${label}文件`);
  const headerLength = sealed.readUInt32BE(8);
  if (headerLength === 0 || headerLength > HEADER_MAX_BYTES || 12 + headerLength + TAG_BYTES > sealed.length) throw notOurs;
  let header: Header;
  try {
    header = JSON.parse(sealed.subarray(12, 12 + headerLength).toString('utf8')) as Header;
  } catch {
    throw notOurs;
  }
  if (typeof header !== 'object' || header === null) throw notOurs;
  if (header.v !== FORMAT_VERSION)
    throw new UserError(`${fileName} 的${label}格式版本为 ${String(header.v)}，本程序只能读取版本 ${FORMAT_VERSION}：请升级程序`);
  const ok =
    header.kdf === 'scrypt' &&
    header.cipher === 'aes-256-gcm' &&
    header.compression === 'deflate-raw' &&
    typeof header.salt === 'string' &&
    typeof header.iv === 'string' &&
    Number.isInteger(header.plainBytes) &&
    header.plainBytes >= 0 &&
    header.plainBytes <= SEALED_PAYLOAD_MAX_BYTES &&
    scryptWithinBounds(header);
  if (!ok) throw notOurs;
  return { header, aadLength: 12 + headerLength };
}

/**
 * Decrypts a sealed file with a passphrase. A wrong passphrase and a changed byte are one error
 * (GCM cannot tell them apart), said plainly; nothing is returned unless every byte checks out.
 */
export function unseal(kind: SealedKind, sealed: Buffer, passphrase: string, fileName: string): { payload: Buffer; key: SealKey } {
  const { header, aadLength } = parseHeader(kind, sealed, fileName);
  const salt = Buffer.from(header.salt, 'base64');
  const iv = Buffer.from(header.iv, 'base64');
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES)
    throw new UserError(`${fileName} 不是${SEALED_KIND_LABELS[kind]}文件，或文件已损坏`);
  const key = deriveKey(passphrase, salt, { N: header.N, r: header.r, p: header.p });
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAAD(sealed.subarray(0, aadLength));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let deflated: Buffer;
  try {
    deflated = Buffer.concat([decipher.update(sealed.subarray(aadLength, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UserError(`无法打开${SEALED_KIND_LABELS[kind]} ${fileName}：口令错误，或文件已被改动、损坏（未做任何更改）`);
  }
  let payload: Buffer;
  try {
    // Authentic, so made by someone holding the passphrase; still bounded by what the header says.
    payload = inflateRawSync(deflated, { maxOutputLength: Math.max(1, header.plainBytes) });
  } catch {
    throw new UserError(`${fileName} 的内容无法解压：文件已损坏`);
  }
  if (payload.length !== header.plainBytes) throw new UserError(`${fileName} 的内容长度与文件头不符：文件已损坏`);
  return { payload, key };
}
