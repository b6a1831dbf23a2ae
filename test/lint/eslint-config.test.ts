// `npm run lint` fails on what the lint exists for: a promise nobody waits for, a promise where a
// callback's result is ignored, a switch that misses a case, `any`, a hook called conditionally.
// The project's own eslint.config.js, through ESLint's API on a snippet (no child process).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The nearest folder up from here that holds eslint.config.js. */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'eslint.config.js'))) {
    if (dirname(dir) === dir) throw new Error('eslint.config.js not found above the test');
    dir = dirname(dir);
  }
  return dir;
}

const root = projectRoot();
const eslint = new ESLint({ cwd: root });

// The type-aware rules see only files tsconfig.json holds on disk: a snippet is linted in place of an
// existing file (its text stands in for the file's; nothing is written). Hooks rules apply in renderer/.
const TS_FILE = import.meta.filename;
const RENDERER_FILE = join(root, 'renderer', 'App.tsx');

async function rulesBroken(code: string, filePath: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('eslint.config.js', () => {
  it('reports a promise that is neither awaited nor voided', async () => {
    const code = ['async function save(): Promise<void> {}', 'export function onChange(): void {', '  save();', '}', ''].join('\n');
    expect(await rulesBroken(code, TS_FILE)).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(await rulesBroken(code.replace('  save();', '  void save();'), TS_FILE)).toEqual([]);
  });

  it('reports a promise handed to a callback whose result is ignored', async () => {
    const code = ['export function later(save: () => Promise<void>): void {', '  setTimeout(save, 10);', '}', ''].join('\n');
    expect(await rulesBroken(code, TS_FILE)).toEqual(['@typescript-eslint/no-misused-promises']);
  });

  it('reports a switch over a union that misses a member and has no default', async () => {
    const code = [
      "export function label(kind: 'csv' | 'xlsx'): string {",
      '  switch (kind) {',
      "    case 'csv':",
      "      return 'CSV';",
      '  }',
      "  return '';",
      '}',
      '',
    ].join('\n');
    expect(await rulesBroken(code, TS_FILE)).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
  });

  it('reports an explicit any', async () => {
    const code = ['export function size(x: any): number {', '  return String(x).length;', '}', ''].join('\n');
    expect(await rulesBroken(code, TS_FILE)).toContain('@typescript-eslint/no-explicit-any');
  });

  it('reports a hook called conditionally in the renderer, and missing effect dependencies', async () => {
    const conditional = [
      "import { useState } from 'react';",
      'export function Panel({ open }: { open: boolean }) {',
      '  if (open) useState(0);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await rulesBroken(conditional, RENDERER_FILE)).toEqual(['react-hooks/rules-of-hooks']);
    const deps = [
      "import { useEffect } from 'react';",
      'export function Title({ text }: { text: string }) {',
      '  useEffect(() => {',
      '    document.title = text;',
      '  }, []);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await rulesBroken(deps, RENDERER_FILE)).toEqual(['react-hooks/exhaustive-deps']);
  });
});
