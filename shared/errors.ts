// An error whose message is meant for the user as it stands (Chinese, actionable). Anything else
// that escapes is a bug and is reported with its stack.
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
