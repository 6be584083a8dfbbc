/**
 * Bad input on the command line: an unknown option, a missing or malformed value. The
 * message is one line naming the option; `samsa` prints it and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
