import { buildOnce } from './support/build.js';

/**
 * Builds dist/ once before the suite and links the package into the fixture projects:
 * the CLI tests run the built `perf-report` bin, and the fixture projects import the
 * built package, as users do.
 */
export default function setup(): void {
  buildOnce();
}
