import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, installVitest3Fixture } from './support/build.js';

/**
 * Installs the Vitest 3.2 fixture's own Vitest when it is missing, builds dist/ once before
 * the suite and links the package into the fixture projects:
 * the CLI tests run the built `perf-report` bin, and the fixture projects import the
 * built package, as users do. The backends also look for Tracy's tools in the per-user
 * cache of `perf-report tracy build`: the suite gets an empty cache of its own, so a build
 * on the machine cannot change what the tests find.
 */
export default function setup(): () => void {
  installVitest3Fixture();
  buildOnce();
  const cache = mkdtempSync(join(tmpdir(), 'perf-report-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
