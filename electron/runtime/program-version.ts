// The program's version, from package.json (this file and the bundled CLI both sit two folders
// below the project's root, so one relative path serves both).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string'
      ? parsed.version
      : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const PROGRAM_VERSION = readVersion();
