// The unit tier's rule, enforced (a setup file of the unit project): a unit test runs in its own
// process only. Starting a child process (and so Chromium or pdftotext), a worker thread or a
// PostgreSQL connection fails at once and says where the test belongs: a file named *.int.test.ts,
// the integration tier (vitest.config.ts).
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import pg from 'pg';
import { afterAll } from 'vitest';

function refuse(what: string): never {
  throw new Error(`单元测试（unit 层）不可${what}：请把这个测试文件改名为 *.int.test.ts，放入 integration 层（见 vitest.config.ts）`);
}

const restore: (() => void)[] = [];

/** Replaces `object[key]` for the rest of this test file. */
function replace<T extends object>(object: T, key: keyof T & string, value: unknown): void {
  const original = object[key];
  Object.defineProperty(object, key, { value, writable: true, configurable: true });
  restore.push(() => Object.defineProperty(object, key, { value: original, writable: true, configurable: true }));
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  replace(childProcess, name, () => refuse(`启动子进程（child_process.${name}）`));
}
replace(
  workerThreads,
  'Worker',
  class {
    constructor() {
      refuse('启动工作线程（worker_threads.Worker）');
    }
  },
);
replace(pg.Client.prototype, 'connect', () => refuse('连接 PostgreSQL'));
replace(pg.Pool.prototype, 'connect', () => refuse('连接 PostgreSQL'));
// `import { spawn } from 'node:child_process'` in ES modules sees the replacements too.
syncBuiltinESMExports();

afterAll(() => {
  for (const undo of restore.reverse()) undo();
  syncBuiltinESMExports();
});
