// Bundles the Electron side (main, preload, core worker) into dist/electron as CommonJS.
// Native modules (better-sqlite3, resvg) stay external: loaded from node_modules (or the unpacked asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { cjsOptions, NATIVE_EXTERNALS, WORKER_ENTRIES } from './bundle-config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir DIR` (tests bundle into a temporary folder); dist/electron by default.
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist/electron';
const common = { ...cjsOptions(root), external: ['electron', ...NATIVE_EXTERNALS] };
await build({
  ...common,
  entryPoints: { main: 'electron/main/main.ts', 'core-worker': 'electron/core/core-worker.ts', ...WORKER_ENTRIES },
  outdir,
});
// The sandboxed preload may require only 'electron' (and a few built-ins): no banner, nothing else.
const { define: _define, banner: _banner, ...plain } = common;
await build({ ...plain, entryPoints: { preload: 'electron/main/preload.ts' }, outdir });
console.log(
  `${outdir}: main.cjs, preload.cjs, core-worker.cjs, ${Object.keys(WORKER_ENTRIES)
    .map((n) => `${n}.cjs`)
    .join(', ')}`,
);
