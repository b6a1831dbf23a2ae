// Builds the CLI bundle when it is missing or older than the sources, so that every test running
// `node bin/campaign.js` runs the bundle, as users do. The integration and e2e tiers only: unit
// tests start no process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { currentCliBundle } from '../../../bin/cli-bundle.js';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  if (!currentCliBundle(root)) execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
