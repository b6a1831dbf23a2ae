// Bundles the Electron side (main, preload, core worker) into dist/electron as CommonJS.
// Native modules (better-sqlite3, resvg) stay external: loaded from node_modules (or the unpacked asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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
await build({ ...common, entryPoints: { main: 'electron/main/main.ts', 'core-worker': 'electron/core/core-worker.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
await build({ ...common, entryPoints: { preload: 'electron/main/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
console.log('dist/electron: main.cjs, preload.cjs, core-worker.cjs');
