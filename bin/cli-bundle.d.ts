// Types of bin/cli-bundle.js (plain JavaScript: the bin must run before anything is compiled).
export declare const CLI_BUNDLE_DIR: string;
export declare const CLI_BUNDLE_MANIFEST: string;
export declare const CLI_BUNDLE_ENTRY: string;
/** The bundle's entry file when it is current, else null (missing, unreadable or stale). */
export declare function currentCliBundle(root: string): string | null;
