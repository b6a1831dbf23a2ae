// An answer other than success that the client is meant to read: status, a Chinese message, and
// any extra fields (retry_after_seconds). Anything else thrown in a handler is a bug: 500 with an id.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
