// Bundles the Electron side (main, preload, core worker, its validation and import writer threads) into dist/electron as CommonJS.
// Native modules (better-sqlite3, resvg) stay external: loaded from node_modules (or the unpacked asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir DIR` (tests bundle into a temporary folder); dist/electron by default.
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist/electron';
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  absWorkingDir: root,
  external: ['electron', 'better-sqlite3', '@resvg/resvg-js'],
  logLevel: 'warning',
  // import.meta.url is only used when running from source (worker bootstrap); CJS has __filename.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
};
await build({ ...common, entryPoints: { main: 'electron/main/main.ts', 'core-worker': 'electron/core/core-worker.ts', 'validation-worker': 'electron/ingest/validation-worker.ts', 'import-writer': 'electron/ingest/import-writer-worker.ts' }, outdir, outExtension: { '.js': '.cjs' } });
// The sandboxed preload may require only 'electron' (and a few built-ins): no banner, nothing else.
const { define: _define, banner: _banner, ...plain } = common;
await build({ ...plain, entryPoints: { preload: 'electron/main/preload.ts' }, outdir, outExtension: { '.js': '.cjs' } });
console.log(`${outdir}: main.cjs, preload.cjs, core-worker.cjs, validation-worker.cjs, import-writer.cjs`);
