// Shared by the 督导包 tests: a private copy of the demo database, the CLI run as users run it
// (with fast key derivation unless told otherwise), and a scan of folders for anything readable.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { runCli, type CliEnv, type CliResult } from '../support/cli';

/** Environment for fast key derivation (2^14) in tests; the header records what was used. */
export const FAST_SCRYPT = { CAMPAIGN_TEST_HOOKS: '1', CAMPAIGN_TEST_SCRYPT_LOG2N: '14' } as const;

export function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `campaign-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A folder that outlives one test (removed by the caller's afterAll). */
export function lastingFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `campaign-${prefix}-`));
}

export function provinceCopy(demoDb: string, dir: string): string {
  const path = join(dir, 'province.db');
  copyFileSync(demoDb, path);
  return path;
}

export function passphraseFile(dir: string, passphrase: string, name = 'pass.txt'): string {
  const path = join(dir, name);
  writeFileSync(path, passphrase + '\n', { mode: 0o600 });
  return path;
}

/** The CLI as users run it (test/support/cli.ts), with fast key derivation unless `env` says otherwise. */
export function runCliFast(args: string[], env: CliEnv = {}): CliResult {
  return runCli(args, { env: { ...FAST_SCRYPT, ...env } });
}

/** Every file under a folder (recursively), with its bytes. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const found: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) found.push(...filesUnder(path));
    else if (stat.isFile()) found.push({ path, bytes: readFileSync(path) });
  }
  return found;
}

/** Words that must never be readable in a bundle's folder or the temporary folder. */
export const PLAINTEXT_MARKS = [
  'SQLite format 3',
  '吕梁市',
  '离石区',
  '孝义市',
  '太原市',
  '出动民警辅警',
  '抓获现行违法犯罪人员',
  '督导包背景数据',
];

/** What of the data is readable in these folders: files holding a mark, and SQLite side files. */
export function plaintextIn(dirs: string[], marks: readonly string[] = PLAINTEXT_MARKS): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const f of filesUnder(dir)) {
      if (/(-wal|-shm|-journal|\.bak)$/.test(f.path)) problems.push(`${f.path}: SQLite side file or backup`);
      for (const mark of marks) if (f.bytes.includes(Buffer.from(mark, 'utf8'))) problems.push(`${f.path}: holds “${mark}”`);
    }
  }
  return problems;
}
