// What the Electron bundle (build-electron.mjs) and the CLI bundle (build-cli.mjs) share: the
// native packages left to node_modules, and the worker threads bundled beside each entry point.
//
// A worker finds its script next to the bundle that starts it (validation-stream.ts looks for
// `./validation-worker.cjs` beside its own import.meta.url; from sources it runs the .ts through
// tsx), so every bundle that may start a worker gets these files in its own folder.

/** Native code: loaded from node_modules (or the unpacked asar), never bundled. */
export const NATIVE_EXTERNALS = ['better-sqlite3', '@resvg/resvg-js'];

/** Worker scripts, as CommonJS beside the bundle: name → source. */
export const WORKER_ENTRIES = {
  'validation-worker': 'electron/ingest/validation-worker.ts',
  'import-writer-worker': 'electron/ingest/import-writer-worker.ts',
};

/** CommonJS bundles for Node: import.meta.url (used to locate files beside a module) from __filename. */
export function cjsOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    absWorkingDir: root,
    logLevel: 'warning',
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
    outExtension: { '.js': '.cjs' },
  };
}
