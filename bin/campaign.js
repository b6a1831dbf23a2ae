#!/usr/bin/env node
// The `campaign` command: the built bundle (dist/cli, `npm run build:cli`, also built by `npm
// install`) when it is current, else the TypeScript sources through tsx, so that a checkout edited
// since the last build runs what it holds.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentCliBundle } from './cli-bundle.js';

const bundle = currentCliBundle(fileURLToPath(new URL('..', import.meta.url)));
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/entry.ts');
}
