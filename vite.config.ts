import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer, built once and loaded by Electron (file://) and by the web mode (http).
// CAMPAIGN_TEST_HOOKS=1 builds the test renderer instead (window.__campaign for the end-to-end
// tests and bench:ui) into dist/renderer-test; dist/renderer, which ships, never has the hooks.
const testHooks = process.env.CAMPAIGN_TEST_HOOKS === '1';

export default defineConfig({
  define: { __CAMPAIGN_TEST_HOOKS__: JSON.stringify(testHooks) },
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL(testHooks ? './dist/renderer-test' : './dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    minify: process.env.CAMPAIGN_NO_MINIFY !== '1',
  },
});
