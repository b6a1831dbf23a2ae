// The import edges of the source tree, the table of which folder may import which, and the import
// cycles between files (test/architecture/layers.test.ts holds the tree to them).
import { dirname, posix } from 'node:path';

/**
 * The folder a file belongs to, as the table names it: `electron/<folder>` and `renderer/<folder>`
 * one each (a file directly under `renderer/` is the entry folder `renderer`); `shared`, `scripts`,
 * `bench`, `bin` and `test` one each, except `test/support`, the helpers the benchmarks share.
 * Null outside the tree (packages, resources, package.json).
 */
export function folderOf(file: string): string | null {
  const parts = file.split(/[\\/]/);
  const top = parts[0]!;
  if (top === 'electron' || top === 'renderer') return parts.length > 2 ? `${top}/${parts[1]}` : top;
  if (top === 'test') return parts[1] === 'support' && parts.length > 2 ? 'test/support' : 'test';
  return ['shared', 'scripts', 'bench', 'bin'].includes(top) ? top : null;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The module specifiers a source text imports or re-exports, in order. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!);
}

interface FolderRule {
  /** The other folders this one may import (its own files it always may). */
  may: readonly string[];
  /** Why, in the words of the failure message. */
  why: string;
}

const ELECTRON = [
  ...['store', 'catalogue', 'runtime', 'http', 'query', 'ingest', 'demo', 'reports', 'inspection', 'bundle'],
  ...['central', 'central-client', 'sync', 'core', 'web', 'main', 'cli'],
].map((f) => `electron/${f}`);
const RENDERER = [
  'renderer',
  ...['api', 'components', 'data', 'database', 'logic', 'state', 'styles', 'views'].map((f) => `renderer/${f}`),
];

const DOMAIN_WHY = '领域层彼此单向依赖，不依赖组合根与外壳（core、web、main、cli）';
const PAGE_WHY = '页面代码只依赖 shared 与 renderer/ 中的下层，不依赖主进程代码';

/**
 * Which folder may import which. The store knows shared only; the domain folders know the store
 * and each other one way; core is the composition root; web, main and cli are the shells around it.
 * The page knows shared and, inside renderer/, the folders below its own. The tools (bin, scripts,
 * bench) run the program but no program code runs them; the tests may import anything.
 */
export const FOLDER_RULES: Readonly<Record<string, FolderRule>> = {
  shared: { may: [], why: 'shared 只依赖自己（契约与纯逻辑）' },

  'electron/store': { may: ['shared'], why: 'store 不依赖领域层、组合根与外壳' },
  'electron/http': { may: [], why: 'HTTP 基础模块只依赖 Node' },
  'electron/catalogue': { may: ['electron/store', 'shared'], why: 'catalogue 只依赖 store 与 shared' },
  'electron/runtime': { may: ['electron/bundle', 'electron/store', 'shared'], why: 'runtime 不依赖组合根与外壳' },
  'electron/query': { may: ['electron/store', 'shared'], why: DOMAIN_WHY },
  'electron/ingest': { may: ['electron/store', 'shared'], why: `${DOMAIN_WHY}；ingest 只读取与校验文件，写入在 store/facts` },
  'electron/demo': { may: ['electron/store', 'shared'], why: DOMAIN_WHY },
  'electron/inspection': { may: ['electron/store', 'shared'], why: DOMAIN_WHY },
  'electron/bundle': { may: ['electron/query', 'electron/store', 'shared'], why: DOMAIN_WHY },
  'electron/reports': {
    may: ['electron/demo', 'electron/inspection', 'electron/query', 'electron/store', 'shared'],
    why: DOMAIN_WHY,
  },
  'electron/central-client': { may: ['electron/store', 'shared'], why: `${DOMAIN_WHY}；同步依赖客户端，客户端不依赖同步` },
  'electron/sync': { may: ['electron/central-client', 'electron/demo', 'electron/store', 'shared'], why: DOMAIN_WHY },
  'electron/central': {
    may: ['electron/http', 'electron/ingest', 'electron/runtime', 'electron/store', 'shared'],
    why: `${DOMAIN_WHY}；省厅服务器与工作站只共用读取与校验（ingest）`,
  },

  'electron/core': {
    may: [
      ...['bundle', 'catalogue', 'central-client', 'demo', 'ingest', 'inspection', 'query', 'reports', 'runtime', 'store', 'sync'].map(
        (f) => `electron/${f}`,
      ),
      'shared',
    ],
    why: 'core 是组合根：依赖领域层，不依赖外壳与省厅服务器',
  },
  'electron/web': { may: ['electron/core', 'electron/http', 'electron/runtime', 'shared'], why: '网页模式只经 core 调用操作' },
  'electron/main': { may: ['electron/core', 'electron/runtime', 'electron/web', 'shared'], why: 'Electron 主进程只经 core 调用操作' },
  'electron/cli': {
    may: [
      ...['bundle', 'central', 'central-client', 'core', 'demo', 'inspection', 'query', 'reports', 'runtime', 'store'].map(
        (f) => `electron/${f}`,
      ),
      'shared',
    ],
    why: '命令行是外壳：经 core 调用操作（省厅服务器的命令直接用 central），不依赖其他外壳（web、main）',
  },

  renderer: {
    may: [...RENDERER.filter((f) => f !== 'renderer'), 'shared'],
    why: `${PAGE_WHY}；入口（App、main）依赖各层，各层不依赖入口`,
  },
  'renderer/views': {
    may: [...['api', 'components', 'data', 'database', 'logic', 'state'].map((f) => `renderer/${f}`), 'shared'],
    why: `${PAGE_WHY}；视图由组件组成，不依赖入口`,
  },
  'renderer/database': {
    may: ['renderer/api', 'renderer/components', 'renderer/data', 'renderer/state', 'shared'],
    why: `${PAGE_WHY}；数据库选择不依赖视图与入口`,
  },
  'renderer/components': {
    may: ['renderer/api', 'renderer/data', 'renderer/logic', 'renderer/state', 'shared'],
    why: `${PAGE_WHY}；组件不依赖视图、数据库选择与入口`,
  },
  'renderer/logic': { may: ['renderer/state', 'shared'], why: `${PAGE_WHY}；logic 是纯逻辑，不依赖组件与数据获取` },
  'renderer/data': { may: ['renderer/api', 'shared'], why: `${PAGE_WHY}；数据获取不依赖界面` },
  'renderer/state': { may: ['shared'], why: `${PAGE_WHY}；状态不依赖界面` },
  'renderer/api': { may: ['shared'], why: `${PAGE_WHY}；API 客户端只依赖契约` },
  'renderer/styles': { may: [], why: '样式表不依赖代码' },

  bin: { may: ['electron/cli', 'electron/web'], why: 'bin 只启动命令行与网页模式' },
  scripts: { may: ['bench', 'bin', ...ELECTRON, 'shared'], why: '脚本不依赖测试代码' },
  bench: { may: ['bin', ...ELECTRON, 'shared', 'test/support'], why: '基准只依赖程序与 test/support' },
  'test/support': { may: ['bin', ...ELECTRON, ...RENDERER, 'shared'], why: '测试辅助不依赖测试文件' },
  test: { may: ['bench', 'bin', 'scripts', ...ELECTRON, ...RENDERER, 'shared', 'test/support'], why: '测试可依赖一切' },
};

export interface ForbiddenEdge {
  /** The specifier as written. */
  specifier: string;
  /** The imported path, relative to the repository root (no extension added). */
  target: string;
  rule: string;
}

/** The specifier resolved against the importing file: a path from the repository root. */
export function importTarget(file: string, specifier: string): string {
  return posix.normalize(posix.join(dirname(file.replaceAll('\\', '/')), specifier));
}

/** The imports of `file` (relative to the repository root) that the table does not allow; packages are no folders. */
export function forbiddenEdges(file: string, specifiers: readonly string[]): ForbiddenEdge[] {
  const from = folderOf(file);
  if (from === null) return [];
  const rule = FOLDER_RULES[from];
  return specifiers.flatMap((specifier) => {
    if (!specifier.startsWith('.')) return [];
    const target = importTarget(file, specifier);
    const to = folderOf(target);
    if (to === null || to === from) return [];
    if (!rule) return [{ specifier, target, rule: `${from} 不在目录表中（test/support/import-graph.ts 的 FOLDER_RULES）` }];
    if (rule.may.includes(to)) return [];
    const may = rule.may.length > 0 ? rule.may.join('、') : '（无）';
    return [{ specifier, target, rule: `${from} 只可依赖 ${may}：${rule.why}` }];
  });
}

/** Pairs of folders that import each other, each pair once. */
export function twoWayFolders(edges: ReadonlyMap<string, ReadonlySet<string>>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [a, targets] of edges) {
    for (const b of targets) if (a < b && edges.get(b)?.has(a)) pairs.push([a, b]);
  }
  return pairs;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '.cjs', '/index.ts', '/index.tsx'];

/** The source file an import names, if it is one of `files`: the specifier may leave out the extension or write .js for .ts. */
export function resolveImport(file: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = importTarget(file, specifier);
  const written = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target.replace(/\.mjs$/, '.mts')];
  const candidates = [...EXTENSIONS.map((e) => target + e), ...written];
  return candidates.find((c) => files.has(c)) ?? null;
}

/**
 * The import cycles of a file graph: its strongly connected components of more than one file, or
 * one file importing itself (Tarjan's algorithm, iterative: a deep chain must not overflow the stack).
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    // Each frame: a file and how many of its imports have been visited.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, i] = frame;
      const targets = graph.get(v) ?? [];
      if (i < targets.length) {
        frame[1] = i + 1;
        const w = targets[i]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) !== index.get(v)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || targets.includes(v)) cycles.push(component.sort());
    }
  }
  return cycles;
}
