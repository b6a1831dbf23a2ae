// Builds the demo database once per test run, for every tier (the root config's global setup, whose
// provided values each project inherits); tests open it read-only or copy it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openWorkspace } from '../../../electron/store/workspace';
import { buildDemo } from '../../../electron/demo/generate';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDb: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = join(process.cwd(), 'test-output');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `demo-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const ws = openWorkspace(path);
  buildDemo(ws);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.close();
  project.provide('demoDb', path);
  return () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };
}
