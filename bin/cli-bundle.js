// Whether the built CLI bundle (scripts/build-cli.mjs) may run: it exists and no source file that
// went into it has changed since (mtimes as recorded in its manifest; ~150 stat calls, ~2 ms).
// A checkout edited after the last build must never run stale code.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_BUNDLE_DIR = join('dist', 'cli');
export const CLI_BUNDLE_MANIFEST = 'inputs.json';
export const CLI_BUNDLE_ENTRY = 'campaign.mjs';

/** The bundle's entry file when it is current, else null (missing, unreadable or stale). */
export function currentCliBundle(root) {
  const dir = join(root, CLI_BUNDLE_DIR);
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(dir, CLI_BUNDLE_MANIFEST), 'utf8')).inputs;
    statSync(join(dir, CLI_BUNDLE_ENTRY));
  } catch {
    return null;
  }
  if (!inputs || typeof inputs !== 'object') return null;
  for (const [file, mtimeMs] of Object.entries(inputs)) {
    try {
      // Within a millisecond: copies that keep timestamps (cp -p) round them below that.
      if (Math.abs(statSync(join(root, file)).mtimeMs - mtimeMs) >= 1) return null;
    } catch {
      return null;
    }
  }
  return join(dir, CLI_BUNDLE_ENTRY);
}
