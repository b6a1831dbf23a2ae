// Electron's own dialog for a database file: what the page asks for (window.api.chooseDatabase),
// the preload passes on, and the main process shows (electron/main/database-dialog.ts).

/** bundle: an existing 督导包 (.cwb), whose passphrase the page then asks for. */
export const DATABASE_DIALOG_MODES = ['open', 'create', 'bundle'] as const;
export type DatabaseDialogMode = (typeof DATABASE_DIALOG_MODES)[number];

export function isDatabaseDialogMode(value: unknown): value is DatabaseDialogMode {
  return (DATABASE_DIALOG_MODES as readonly unknown[]).includes(value);
}
