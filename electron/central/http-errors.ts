// An answer other than success that the client is meant to read: status, a Chinese message, and
// any extra fields (retry_after_seconds). Anything else thrown in a handler is a bug: 500 with an id.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    /** What the refused call concerned (a submission id, a file), for the audit log. */
    readonly target: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
