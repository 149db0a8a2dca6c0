import { PerfReportError } from '../errors.js';
import { EXIT_BAD_INPUT, EXIT_WORK_FAILED } from './exit-codes.js';

/** One clear line for the user; the stack only with --debug. Returns the exit code. */
export function reportError(error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`perf-report: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (error instanceof PerfReportError) return error.kind === 'input' ? EXIT_BAD_INPUT : EXIT_WORK_FAILED;
  if (!debug) process.stderr.write('perf-report: this is a bug in perf-report; run again with --debug for details\n');
  return EXIT_WORK_FAILED;
}
