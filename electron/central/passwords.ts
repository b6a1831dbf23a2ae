// Passwords: scrypt (node:crypto) with a per-account random salt; the parameters are stored with
// the hash ("scrypt$N$r$p$salt$hash", base64), so stronger ones can be used later without breaking
// the old hashes. Never the password itself.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { UserError } from '../../shared/errors';
import { PASSWORD_MAX_CHARS } from '../../shared/api/server-accounts';

export const PASSWORD_MIN_LENGTH = 10;

/** 2^15 × r 8 = 32 MiB and ~0.1 s a login: dear for a guesser, cheap for a server of a few hundred accounts. */
const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/** Refuses a password the server would not accept, with the reason. */
export function checkPasswordRules(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new UserError(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_CHARS) throw new UserError(`密码不能超过 ${PASSWORD_MAX_CHARS} 个字符`);
  if (/[\u0000-\u001f\u007f]/.test(password)) throw new UserError('密码不能含换行或其他控制字符');
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, DEFAULT_PARAMS);
  const { N, r, p } = DEFAULT_PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash that stands for no password: compared against when the name is unknown, so timing tells nothing. */
export const UNKNOWN_ACCOUNT_HASH = [
  'scrypt',
  DEFAULT_PARAMS.N,
  DEFAULT_PARAMS.r,
  DEFAULT_PARAMS.p,
  Buffer.alloc(SALT_BYTES).toString('base64'),
  Buffer.alloc(KEY_BYTES).toString('base64'),
].join('$');

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (password.length > PASSWORD_MAX_CHARS || expected.length !== KEY_BYTES) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}
