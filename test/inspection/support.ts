// A writable copy of the demo database for one test, opened as the CLI opens it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { tempDir } from '../support/temp-db';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { oneAnswerCore } from '../../electron/cli/one-answer-core';

export function demoCopy(): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'province.db');
  copyFileSync(inject('demoDb'), path);
  return { dir, path };
}

export function openDemoCopy() {
  const { dir, path } = demoCopy();
  const ws: Workspace = openWorkspace(path);
  onTestFinished(() => ws.close());
  return { dir, path, ws, core: oneAnswerCore(ws) };
}

/** Rows of the inspection tables, to check that a refused call wrote nothing. */
export function inspectionCounts(ws: Workspace) {
  const n = (t: string) => ws.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  return {
    finding: n('finding'),
    event: n('finding_event'),
    attachment: n('finding_attachment'),
    correction: n('correction'),
    batch: n('batch'),
    fact: n('fact'),
  };
}

/** A small valid PNG header followed by distinct bytes: sniffed as image/png. */
export function fakePng(seed: number, size = 64): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
}
