// Bundles the `campaign` command (electron/cli/entry.ts) into dist/cli/campaign.mjs, so that a
// one-shot command does not compile TypeScript on every call. Run by `npm install`/`npm ci`
// (prepare) and `npm run build:cli`. bin/campaign.js runs the bundle only while it is current:
// dist/cli/inputs.json lists every source file that went in with its mtime (from esbuild's
// metafile); after any of them changes, the bin runs the sources through tsx instead.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cjsOptions, NATIVE_EXTERNALS, WORKER_ENTRIES } from './bundle-config.mjs';
import { CLI_BUNDLE_DIR, CLI_BUNDLE_MANIFEST } from '../bin/cli-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, CLI_BUNDLE_DIR);
const manifest = join(outdir, CLI_BUNDLE_MANIFEST);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without devDependencies: the bin runs the sources through tsx, as before.
  console.log('build-cli: esbuild is not installed; campaign runs from the TypeScript sources');
  process.exit(0);
}

// No manifest while building: a build that fails half-way leaves no bundle that looks current.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const started = performance.now();
const cli = await esbuild.build({
  entryPoints: { campaign: 'electron/cli/entry.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  absWorkingDir: root,
  outdir,
  outExtension: { '.js': '.mjs' },
  // Reports, imports and the demo load their libraries (docx, exceljs, pdfmake, echarts) in chunks
  // of their own, when a command needs them: `campaign query` does not parse them.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  external: NATIVE_EXTERNALS,
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS packages call require() and read __dirname; an ES module has neither.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      // Not `new URL(…)`: a bundled package may declare a module-level `URL` of its own.
      "const __dirname = __fileURLToPath(new globalThis.URL('.', import.meta.url));",
    ].join('\n'),
  },
});
// The worker threads the CLI may start, beside the bundle, as the Electron bundle has them.
const workers = await esbuild.build({
  ...cjsOptions(root),
  external: NATIVE_EXTERNALS,
  entryPoints: WORKER_ENTRIES,
  outdir,
  metafile: true,
});

const inputs = {};
for (const file of [...Object.keys(cli.metafile.inputs), ...Object.keys(workers.metafile.inputs)]) {
  if (file.includes('node_modules/') || file.startsWith('<')) continue;
  inputs[file] = statSync(join(root, file)).mtimeMs;
}
const temporary = manifest + '.tmp';
writeFileSync(temporary, JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1));
renameSync(temporary, manifest);
console.log(
  `${CLI_BUNDLE_DIR}: campaign.mjs, ${Object.keys(WORKER_ENTRIES)
    .map((w) => w + '.cjs')
    .join(', ')} from ${Object.keys(inputs).length} source files in ${Math.round(performance.now() - started)} ms`,
);
