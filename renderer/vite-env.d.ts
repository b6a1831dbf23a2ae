/// <reference types="vite/client" />

/** true only in the build the end-to-end tests and bench:ui use (vite.config.ts, CAMPAIGN_TEST_HOOKS=1). */
declare const __CAMPAIGN_TEST_HOOKS__: boolean | undefined;
