// The layers point one way: the import statements of every source file are read and each edge
// between top-level folders is checked against the rules below. A forbidden import fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenEdges, importsOf, layerOf } from './support/import-graph';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('layers', () => {
  it('finds the imports of a file: static, type-only, re-exports and dynamic', () => {
    const text = [
      "import { a } from '../store/database';",
      "import type { B } from '../core/handlers';",
      "export { c } from './c';",
      "const d = await import('../web/web-server');",
      "import '../main/side-effect';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../store/database', '../core/handlers', './c', '../web/web-server', '../main/side-effect']);
  });

  it('names the layer of a file', () => {
    expect(layerOf('electron/query/slice.ts')).toBe('query');
    expect(layerOf('shared/api/operations.ts')).toBe('shared');
    expect(layerOf('renderer/App.tsx')).toBe('renderer');
  });

  it('refuses each kind of forbidden edge', () => {
    const edges = (from: string, specifier: string) => forbiddenEdges(from, [specifier]).length;
    expect(edges('electron/query/slice.ts', '../core/handlers')).toBe(1);
    expect(edges('electron/ingest/undo.ts', '../web/web-server')).toBe(1);
    expect(edges('electron/demo/generate.ts', '../cli/main')).toBe(1);
    expect(edges('electron/reports/index.ts', '../main/main')).toBe(1);
    expect(edges('electron/store/workspace.ts', '../catalogue/region-source')).toBe(1);
    expect(edges('shared/api/slice.ts', '../../electron/store/database')).toBe(1);
    expect(edges('renderer/App.tsx', '../electron/store/database')).toBe(1);
    expect(edges('electron/central/api-server.ts', '../web/web-server')).toBe(1);
    expect(edges('electron/central/accounts.ts', '../cli/print')).toBe(1);
    // Allowed: reports on query, catalogue on store, query on shared, core on everything.
    expect(edges('electron/reports/index.ts', '../query/engine')).toBe(0);
    expect(edges('electron/catalogue/region-source.ts', '../store/database')).toBe(0);
    expect(edges('electron/query/slice.ts', '../../shared/api/slice')).toBe(0);
    expect(edges('electron/core/handlers.ts', '../query/slice')).toBe(0);
  });

  it('holds for every file of electron/, shared/ and renderer/', () => {
    const files = [...sourceFiles('electron'), ...sourceFiles('shared'), ...sourceFiles('renderer')];
    expect(files.length).toBeGreaterThan(100);
    const broken = files.flatMap((file) =>
      forbiddenEdges(file, importsOf(readFileSync(join(root, file), 'utf8'))).map((e) => `${file} → ${e.target} (${e.rule})`),
    );
    expect(broken).toEqual([]);
  });

  it('resolves specifiers against the importing file', () => {
    // A sanity check of the helper the rules rest on.
    expect(relative(root, resolve(root, dirname('electron/query/slice.ts'), '../store/database'))).toBe(join('electron', 'store', 'database'));
  });
});
