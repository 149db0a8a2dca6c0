/**
 * Errors a user can act on. `kind` decides the CLI's exit code: `input` (bad file, bad
 * argument: exit 2) or `work` (a tool or write failed: exit 1). Only the CLI and the
 * reporters print them.
 */
export type ErrorKind = 'input' | 'work';

export class PerfReportError extends Error {
  readonly kind: ErrorKind;
  /** The file the problem is about, when there is one. */
  readonly file: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(options.file ? `${options.file}: ${message}` : message, { cause: options.cause });
    this.name = 'PerfReportError';
    this.kind = kind;
    this.file = options.file;
  }
}

export function inputError(file: string | undefined, message: string, cause?: unknown): PerfReportError {
  return new PerfReportError('input', message, { file, cause });
}

export function workError(file: string | undefined, message: string, cause?: unknown): PerfReportError {
  return new PerfReportError('work', message, { file, cause });
}

/** Whatever was thrown, as an Error: a rejection with a string or an object still has a message. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  // Errors from another realm (a Jest test file's vm context) fail instanceof but keep their shape.
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return Object.assign(new Error((value as { message: string }).message), value);
  }
  return new Error(String(value));
}

/** The message of whatever was thrown. */
export function messageOf(value: unknown): string {
  return toError(value).message;
}
