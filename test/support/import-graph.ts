// The import edges between the program's layers, and the rules they must follow (test/architecture.test.ts).
import { dirname, posix } from 'node:path';

/** `electron/<folder>` is a layer of its own; `shared` and `renderer` are one layer each. */
export function layerOf(file: string): string | null {
  const parts = file.split(/[\\/]/);
  if (parts[0] === 'electron') return parts.length > 2 ? (parts[1] ?? null) : 'electron';
  if (parts[0] === 'shared' || parts[0] === 'renderer') return parts[0];
  return null;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The module specifiers a source text imports or re-exports, in order. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!);
}

interface Rule {
  name: string;
  from: readonly string[];
  to: readonly string[];
}

/** Where nothing may point. The domain layers know the store and shared, never the shells around them. */
export const LAYER_RULES: readonly Rule[] = [
  { name: '领域层不依赖组合根与外壳', from: ['query', 'ingest', 'demo', 'reports', 'inspection', 'bundle', 'central', 'central-client', 'sync'], to: ['core', 'web', 'main', 'cli'] },
  { name: 'store 与 catalogue 不依赖组合根与外壳', from: ['store', 'catalogue', 'runtime'], to: ['core', 'web', 'main', 'cli'] },
  { name: 'store 不依赖领域层', from: ['store'], to: ['query', 'ingest', 'demo', 'reports', 'catalogue', 'inspection', 'bundle'] },
  { name: 'shared 只依赖自己', from: ['shared'], to: ['electron', 'renderer', ...['store', 'catalogue', 'query', 'ingest', 'demo', 'reports', 'inspection', 'bundle', 'central', 'central-client', 'sync', 'core', 'web', 'main', 'cli', 'runtime']] },
  { name: '页面不依赖主进程代码', from: ['renderer'], to: ['electron', 'store', 'catalogue', 'query', 'ingest', 'demo', 'reports', 'inspection', 'bundle', 'central', 'central-client', 'sync', 'core', 'web', 'main', 'cli', 'runtime'] },
];

export interface ForbiddenEdge {
  target: string;
  rule: string;
}

/** The imports of `file` (relative to the repository root) that break a rule; packages are not layers. */
export function forbiddenEdges(file: string, specifiers: readonly string[]): ForbiddenEdge[] {
  const from = layerOf(file);
  if (from === null) return [];
  const here = dirname(file.replaceAll('\\', '/'));
  return specifiers.flatMap((specifier) => {
    if (!specifier.startsWith('.')) return [];
    const target = posix.normalize(posix.join(here, specifier));
    const to = layerOf(target);
    if (to === null || to === from) return [];
    return LAYER_RULES.filter((r) => r.from.includes(from) && r.to.includes(to)).map((r) => ({ target, rule: r.name }));
  });
}
