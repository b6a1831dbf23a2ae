// The demo generator is deterministic: built again, the demo database holds the same facts as the
// run's (test/support/setup/demo-db.ts). A whole second build: the integration tier, so the unit
// tier (generate.test.ts) stays within its minute.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { buildDemo } from '../../electron/demo/generate';
import { tempDir } from '../support/temp-db';
import type { Db } from '../../electron/store/database';

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

function contentHash(db: Db): string {
  const h = createHash('sha256');
  for (const r of db
    .prepare('SELECT day, region_code, indicator_id, value FROM fact ORDER BY day, region_code, indicator_id')
    .raw()
    .iterate()) {
    h.update((r as unknown[]).join(',') + '\n');
  }
  return h.digest('hex');
}

describe('demo campaign', () => {
  it('is the same database every time', () => {
    const other = openWorkspace(join(tempDir(), 'again.db'));
    buildDemo(other);
    expect(contentHash(other.db)).toBe(contentHash(ws.db));
    other.close();
  });
});
