// The layers point one way: the import statements of every source file are read, each edge between
// folders is checked against the folder table (test/support/import-graph.ts), and no two folders
// nor any files may import each other, directly or round a cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FOLDER_RULES,
  folderOf,
  forbiddenEdges,
  importCycles,
  importsOf,
  importTarget,
  resolveImport,
  twoWayFolders,
} from '../support/import-graph';

const root = resolve(import.meta.dirname, '..', '..');

const TREE = ['electron', 'shared', 'renderer', 'scripts', 'bench', 'bin', 'test'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs|js|cjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).replaceAll('\\', '/'));
}

/** Every source file of the tree with the specifiers it imports. */
function readTree(): Map<string, string[]> {
  return new Map(TREE.flatMap(sourceFiles).map((file) => [file, importsOf(readFileSync(join(root, file), 'utf8'))]));
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

  it('names the folder of a file', () => {
    expect(folderOf('electron/query/slice.ts')).toBe('electron/query');
    expect(folderOf('electron/store/facts/undo.ts')).toBe('electron/store');
    expect(folderOf('shared/api/operations.ts')).toBe('shared');
    expect(folderOf('renderer/App.tsx')).toBe('renderer');
    expect(folderOf('renderer/components/server/LoginDialog.tsx')).toBe('renderer/components');
    expect(folderOf('test/support/cli.ts')).toBe('test/support');
    expect(folderOf('test/e2e/harness.ts')).toBe('test');
    expect(folderOf('scripts/bench-ui.ts')).toBe('scripts');
    expect(folderOf('resources/regions-140000.json')).toBeNull();
  });

  it('refuses each kind of forbidden edge', () => {
    const edges = (from: string, specifier: string) => forbiddenEdges(from, [specifier]).length;
    expect(edges('electron/query/slice.ts', '../core/handlers')).toBe(1);
    expect(edges('electron/store/facts/undo.ts', '../../web/web-server')).toBe(1);
    expect(edges('electron/demo/generate.ts', '../cli/main')).toBe(1);
    expect(edges('electron/reports/index.ts', '../main/main')).toBe(1);
    expect(edges('electron/store/workspace.ts', '../catalogue/region-source')).toBe(1);
    expect(edges('shared/api/slice.ts', '../../electron/store/database')).toBe(1);
    expect(edges('renderer/App.tsx', '../electron/store/database')).toBe(1);
    expect(edges('electron/central/api-server.ts', '../web/web-server')).toBe(1);
    expect(edges('electron/central/accounts.ts', '../cli/print')).toBe(1);
    // The write path is the store's; ingest reads and validates, and knows no 督导 or sync code.
    expect(edges('electron/store/facts/fact-writer.ts', '../../ingest/issues')).toBe(1);
    expect(edges('electron/ingest/import-writer.ts', '../bundle/bundle-guards')).toBe(1);
    expect(edges('electron/ingest/import-files.ts', '../sync/apply-change')).toBe(1);
    expect(edges('electron/ingest/validate.ts', '../inspection/corrections')).toBe(1);
    // One way between siblings: sync uses the client, the page's logic no component.
    expect(edges('electron/central-client/connection.ts', '../sync/sync-database')).toBe(1);
    expect(edges('renderer/logic/finding-draft-of.ts', '../components/inspection/FindingForm')).toBe(1);
    expect(edges('renderer/components/EChart.tsx', '../main')).toBe(1);
    // The tools: no program code imports them, and scripts import no test.
    expect(edges('electron/core/handlers.ts', '../../test/support/temp-db')).toBe(1);
    expect(edges('scripts/bench-ui.ts', '../test/e2e/harness')).toBe(1);
    expect(edges('bench/server/deployment.ts', '../../test/central/support')).toBe(1);
    expect(edges('electron/web/web-main.ts', '../../bench/generate')).toBe(1);
    // Allowed: reports on query, catalogue on store, query on shared, core on everything below it.
    expect(edges('electron/reports/index.ts', '../query/engine')).toBe(0);
    expect(edges('electron/catalogue/region-source.ts', '../store/database')).toBe(0);
    expect(edges('electron/query/slice.ts', '../../shared/api/slice')).toBe(0);
    expect(edges('electron/core/handlers.ts', '../query/slice')).toBe(0);
    expect(edges('electron/ingest/import-files.ts', '../store/facts/fact-writer')).toBe(0);
    expect(edges('electron/sync/sync-database.ts', '../central-client/http-client')).toBe(0);
    expect(edges('bench/server/deployment.ts', '../../test/support/pg-cluster')).toBe(0);
    expect(edges('test/cli.test.ts', '../bench/generate')).toBe(0);
  });

  it('names the file, the import and the rule', () => {
    const [edge] = forbiddenEdges('electron/query/slice.ts', ['../core/handlers']);
    expect(edge).toMatchObject({ specifier: '../core/handlers', target: 'electron/core/handlers' });
    expect(edge!.rule).toContain('electron/query 只可依赖 electron/store、shared');
    expect(forbiddenEdges('electron/newfolder/x.ts', ['../store/database'])[0]!.rule).toContain('electron/newfolder 不在目录表中');
  });

  it('has a row for every folder of the tree, and the rows point one way', () => {
    const folders = new Set([...readTree().keys()].map((f) => folderOf(f)!));
    expect([...folders].filter((f) => !FOLDER_RULES[f])).toEqual([]);
    for (const [folder, rule] of Object.entries(FOLDER_RULES)) {
      for (const to of rule.may) expect(FOLDER_RULES[to], `${folder} → ${to}: no such row`).toBeDefined();
    }
    const table = new Map(Object.entries(FOLDER_RULES).map(([folder, rule]) => [folder, [...rule.may]]));
    expect(importCycles(table)).toEqual([]);
  });

  it('finds the cycles of a file graph, however long, and only those', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', ['e']],
      ['e', []],
      ['f', ['f']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['f']]);
    const chain = new Map(Array.from({ length: 20_000 }, (_, i) => [`n${i}`, [`n${(i + 1) % 20_000}`]]));
    expect(importCycles(chain)[0]).toHaveLength(20_000);
  });

  it('holds for every file of electron/, shared/, renderer/, scripts/, bench/, bin/ and test/', () => {
    const tree = readTree();
    expect(tree.size).toBeGreaterThan(300);
    const broken = [...tree].flatMap(([file, specifiers]) =>
      forbiddenEdges(file, specifiers).map((e) => `${file} → '${e.specifier}' (${e.target})：${e.rule}`),
    );
    expect(broken).toEqual([]);
  });

  it('has no two folders importing each other', () => {
    const edges = new Map<string, Set<string>>();
    for (const [file, specifiers] of readTree()) {
      const from = folderOf(file)!;
      for (const s of specifiers) {
        const target = importTarget(file, s);
        const to = s.startsWith('.') ? folderOf(target) : null;
        if (to === null || to === from) continue;
        edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(twoWayFolders(edges).map(([a, b]) => `${a} ⇄ ${b}`)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const tree = readTree();
    const files = new Set(tree.keys());
    const graph = new Map([...tree].map(([file, specifiers]) => [file, specifiers.flatMap((s) => resolveImport(file, s, files) ?? [])]));
    const cycles = importCycles(graph).map((cycle) =>
      cycle.map(
        (f) =>
          `${f} → ${graph
            .get(f)!
            .filter((t) => cycle.includes(t))
            .join('、')}`,
      ),
    );
    expect(cycles).toEqual([]);
  });

  it('resolves specifiers against the importing file', () => {
    // A sanity check of the helper the rules rest on.
    expect(relative(root, resolve(root, dirname('electron/query/slice.ts'), '../store/database'))).toBe(
      join('electron', 'store', 'database'),
    );
    const database = new Set(['electron/store/database.ts']);
    expect(resolveImport('electron/query/slice.ts', '../store/database', database)).toBe('electron/store/database.ts');
    expect(resolveImport('scripts/build-cli.mjs', '../bin/cli-bundle.js', new Set(['bin/cli-bundle.js']))).toBe('bin/cli-bundle.js');
  });
});
