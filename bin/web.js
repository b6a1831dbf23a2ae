#!/usr/bin/env node
// `npm run web`: the workstation's web mode, run from the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { webMain } = await import('../electron/web/web-main.ts');
try {
  await webMain(process.argv.slice(2));
} catch (e) {
  console.error(`错误: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
