import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VITEST_FIXTURE = join(REPO, 'fixtures/vitest-project');
export const VITEST_PROJECTS_FIXTURE = join(REPO, 'fixtures/vitest-projects');
/** A project that pins Vitest 3.2 in its own package.json and lock file (`npm ci --prefix fixtures/vitest3-project`). */
export const VITEST3_FIXTURE = join(REPO, 'fixtures/vitest3-project');
export const VITEST_LINES_FIXTURE = join(REPO, 'fixtures/vitest-lines');
export const VITEST_BIN = join(REPO, 'node_modules/vitest/vitest.mjs');
export const JEST_FIXTURE = join(REPO, 'fixtures/jest-project');
export const JEST_BIN = join(REPO, 'node_modules/jest/bin/jest.js');
const BUILT_ENV = 'PERF_REPORT_TEST_BUILT';

/**
 * Builds dist/ once per test run (the fixtures import the built package) and links the package
 * into the fixture's node_modules, as an installed dependency would be. The global setup calls
 * it before any worker starts; a test file run alone builds for itself.
 */
export function buildOnce(): void {
  if (process.env[BUILT_ENV] !== '1') {
    try {
      execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'pipe' });
    } catch (error) {
      // tsc emits despite type errors elsewhere in the tree; only a missing output is fatal.
      if (!existsSync(join(REPO, 'dist/reporter/vitest-reporter.js'))) throw error;
    }
    process.env[BUILT_ENV] = '1';
  }
  linkPackage(VITEST_FIXTURE);
  linkPackage(VITEST_PROJECTS_FIXTURE);
  linkPackage(VITEST_LINES_FIXTURE);
  if (existsSync(join(VITEST3_FIXTURE, 'node_modules'))) linkPackage(VITEST3_FIXTURE);
  linkPackage(JEST_FIXTURE);
}

/**
 * The Vitest 3.2 fixture has its own lock file and node_modules: installed from the npm
 * registry (or npm's cache) the first time the suite runs, so `npm ci && npm test` is enough
 * on a fresh clone.
 */
export function installVitest3Fixture(): void {
  if (existsSync(join(VITEST3_FIXTURE, 'node_modules/vitest/package.json'))) return;
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--prefix', VITEST3_FIXTURE], { cwd: REPO, stdio: 'pipe' });
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    throw new Error(`npm ci --prefix fixtures/vitest3-project failed (the Vitest 3.2 fixture needs the npm registry once): ${output}`);
  }
}

function linkPackage(project: string): void {
  const link = join(project, 'node_modules/perf-report');
  if (existsSync(join(link, 'package.json'))) return;
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { force: true, recursive: true });
  symlinkSync(REPO, link, 'dir');
}
