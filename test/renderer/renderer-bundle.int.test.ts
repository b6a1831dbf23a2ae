// The shipped renderer has no test hooks: `npm run build:renderer` (what `npm start`, `npm run web`
// and `npm run dist` ship) leaves window.__campaign out; the test build (CAMPAIGN_TEST_HOOKS=1, what
// the end-to-end tests and bench:ui serve) has it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-db';

const root = join(__dirname, '..', '..');

function build(outDir: string, testHooks: boolean): string {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  if (testHooks) env.CAMPAIGN_TEST_HOOKS = '1';
  else delete env.CAMPAIGN_TEST_HOOKS;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--logLevel', 'error'],
    { cwd: root, env, stdio: 'pipe' },
  );
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('renderer bundle', () => {
  it('the production build has no window.__campaign; the test build has it', () => {
    const dir = tempDir();
    const shipped = build(join(dir, 'prod'), false);
    expect(shipped.length).toBeGreaterThan(100_000);
    expect(shipped).not.toContain('__campaign');
    expect(build(join(dir, 'test'), true)).toContain('__campaign');
  }, 240_000);
});
