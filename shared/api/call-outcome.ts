// What every call answers, on every transport: the core worker's thread messages, Electron's IPC
// bridge and the web mode's HTTP API. The page checks what arrives against this schema, so an
// answer of another shape (a proxy's error page, a 404 of the web server) is an unknown error.
import * as z from 'zod';

/** The core worker died during a call: restarted, or (a crash loop) not. */
export const CORE_RESTARTS = ['restarted', 'stopped'] as const;
export type CoreRestart = (typeof CORE_RESTARTS)[number];

/** Errors cross threads and processes as data: `user` errors are shown as they are. */
export const CallErrorSchema = z.object({
  message: z.string(),
  user: z.boolean(),
  /** Set when the call failed because the core worker died: it was restarted, or (crash loop) not. */
  coreRestart: z.enum(CORE_RESTARTS).optional(),
  /**
   * With coreRestart: the restarts counted once this death is handled, as the next dataStatus
   * answers it, so that the page knows which restart it has already been told of.
   */
  coreRestarts: z.number().int().nonnegative().optional(),
});
export type CallError = z.infer<typeof CallErrorSchema>;

/** The schema's type, with the result typed by the caller who knows the operation. */
export type CallOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: CallError };

/** The result is the operation's own answer (shared/api/operations.ts), not checked again here. */
export const CallOutcomeSchema: z.ZodType<CallOutcome> = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: CallErrorSchema }),
]);
